#include <gtest/gtest.h>

#include "common/fix/session_schedule.hpp"

namespace vtb::fix {
namespace {

// 2026-11-22 was a Sunday.
constexpr Nanos kSundayMidnight = 1'795'305'600LL * kNanosPerSecond;
constexpr Nanos kHour = 3600 * kNanosPerSecond;
constexpr Nanos kDay = 24 * kHour;

TEST(SessionSchedule, ReadsTimesAndDaysAsQuickFixWritesThem) {
  EXPECT_EQ(SessionSchedule::parse_time("08:30:15"), 8 * 3600 + 30 * 60 + 15);
  EXPECT_FALSE(SessionSchedule::parse_time("24:00:00"));
  EXPECT_FALSE(SessionSchedule::parse_time("8:30:15"));
  EXPECT_EQ(SessionSchedule::parse_day("Monday"), 1);
  EXPECT_EQ(SessionSchedule::parse_day("sa"), 6);
  EXPECT_FALSE(SessionSchedule::parse_day("x"));
}

TEST(SessionSchedule, ADailyWindowAndOneThatWrapsPastMidnight) {
  const SessionSchedule day(8 * 3600, 17 * 3600);  // 08:00-17:00
  EXPECT_FALSE(day.in_session(kSundayMidnight + 7 * kHour));
  EXPECT_TRUE(day.in_session(kSundayMidnight + 8 * kHour));
  EXPECT_TRUE(day.in_session(kSundayMidnight + 17 * kHour));
  EXPECT_FALSE(day.in_session(kSundayMidnight + 18 * kHour));
  const SessionSchedule night(22 * 3600, 6 * 3600);  // 22:00-06:00
  EXPECT_TRUE(night.in_session(kSundayMidnight + 23 * kHour));
  EXPECT_TRUE(night.in_session(kSundayMidnight + 5 * kHour));
  EXPECT_FALSE(night.in_session(kSundayMidnight + 12 * kHour));
  // The night that began at 22:00 on Sunday is one period until it ends on Monday morning.
  EXPECT_EQ(night.period_start(kSundayMidnight + kDay + 5 * kHour),
            night.period_start(kSundayMidnight + 23 * kHour));
  EXPECT_NE(night.period_start(kSundayMidnight + 23 * kHour),
            night.period_start(kSundayMidnight + 2 * kDay + 23 * kHour));
}

TEST(SessionSchedule, EqualStartAndEndIsAlwaysOpenWithADailyPeriod) {
  const SessionSchedule always(0, 0);
  EXPECT_TRUE(always.in_session(kSundayMidnight + 13 * kHour));
  EXPECT_EQ(always.period_start(kSundayMidnight + 13 * kHour), kSundayMidnight);
  EXPECT_EQ(always.period_start(kSundayMidnight + kDay), kSundayMidnight + kDay);
}

TEST(SessionSchedule, AWeeklyWindowFromMondayMorningToFridayEvening) {
  const SessionSchedule week(7 * 3600, 18 * 3600, 1, 5);
  EXPECT_FALSE(week.in_session(kSundayMidnight + 12 * kHour));             // Sunday
  EXPECT_TRUE(week.in_session(kSundayMidnight + kDay + 7 * kHour));        // Monday 07:00
  EXPECT_TRUE(week.in_session(kSundayMidnight + 3 * kDay + 2 * kHour));    // Wednesday 02:00
  EXPECT_FALSE(week.in_session(kSundayMidnight + 5 * kDay + 19 * kHour));  // Friday 19:00
  EXPECT_EQ(week.period_start(kSundayMidnight + 4 * kDay), kSundayMidnight + kDay + 7 * kHour);
}

}  // namespace
}  // namespace vtb::fix
