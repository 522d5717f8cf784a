#include "simulator/schedule/phase_schedule.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace vtb::sim {
namespace {

std::vector<Instrument> instruments() {
  return {Instrument{1, "ACME", 100, 1, 1'000'000}, Instrument{2, "GLOBEX", 100, 1, 1'000'000}};
}

TEST(PhaseSchedule, ReadsRelativeAndTimeOfDayChanges) {
  const auto changes = parse_phase_schedule(
      "# the day\n+0 PreOpen\n+1.5 Continuous\n\n14:30:00 Halted ACME  # news\n", "day",
      instruments());
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_TRUE(changes[1].after_start);
  EXPECT_EQ(changes[1].at, 1'500'000'000);
  EXPECT_EQ(changes[1].phase, TradingPhase::Continuous);
  EXPECT_EQ(changes[1].instrument, 0);
  EXPECT_FALSE(changes[2].after_start);
  EXPECT_EQ(changes[2].at, (14 * 3600 + 30 * 60) * kNanosPerSecond);
  EXPECT_EQ(changes[2].instrument, 1);
  EXPECT_EQ(changes[2].line, 5);
}

TEST(PhaseSchedule, ErrorsNameTheFileLineAndWord) {
  const auto error = [](const std::string& text) {
    try {
      parse_phase_schedule(text, "day", instruments());
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error("+0 PreOpen\nsoon Continuous\n"), "day:2: 'soon' is not +SECONDS or HH:MM:SS");
  EXPECT_EQ(error("25:00:00 Closed\n"), "day:1: '25:00:00' is not +SECONDS or HH:MM:SS");
  EXPECT_EQ(error("+1 Lunch\n"),
            "day:1: 'Lunch' is not a phase: use PreOpen, Continuous, Halted, PreClose or Closed");
  EXPECT_EQ(error("+1 Halted NOPE\n"), "day:1: unknown symbol 'NOPE'");
  EXPECT_EQ(error("+1\n"), "day:1: a phase is missing after '+1'");
  EXPECT_EQ(error("+1 Halted ACME now\n"), "day:1: unexpected 'now'");
}

TEST(PhaseSchedule, TheTimetableReleasesEachChangeOnceWhenDue) {
  const Nanos midnight = 20'000 * 86'400 * kNanosPerSecond;
  PhaseTimetable timetable(
      parse_phase_schedule("+0 PreOpen\n+2 Continuous\n00:00:01 Halted\n", "day", instruments()),
      midnight + 5 * kNanosPerSecond);  // started at 00:00:05: the Halted time has passed
  std::vector<int> lines;
  const auto record = [&](const PhaseChange& c) { lines.push_back(c.line); };
  timetable.run_due(0, midnight + 5 * kNanosPerSecond, record);
  EXPECT_EQ(lines, (std::vector<int>{1}));  // in file order: line 3 waits behind line 2
  timetable.run_due(2 * kNanosPerSecond, midnight + 7 * kNanosPerSecond, record);
  EXPECT_EQ(lines, (std::vector<int>{1, 2, 3}));
  timetable.run_due(9 * kNanosPerSecond, midnight + 14 * kNanosPerSecond, record);
  EXPECT_EQ(lines.size(), 3u);
}

}  // namespace
}  // namespace vtb::sim
