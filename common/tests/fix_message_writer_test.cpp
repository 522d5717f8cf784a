#include <gtest/gtest.h>

#include <string>

#include "common/fix/message_view.hpp"
#include "common/fix/message_writer.hpp"
#include "common/fix/tags.hpp"
#include "common/fix/utc_timestamp.hpp"
#include "tests/support/fix_text.hpp"

namespace vtb::fix {
namespace {

using vtb::testing::bars;
using vtb::testing::framed;

TEST(MessageWriter, WritesTheSameBytesAsAHandBuiltMessage) {
  char buffer[512];
  MessageWriter w(buffer, sizeof buffer, "FIX.4.4");
  w.field(tag::MsgType, "D");
  w.field(tag::ClOrdID, "1234-2");
  w.field_int(tag::OrderQty, 100);
  w.field_price(tag::Price, 1'002'500);
  w.field_char(tag::Side, '1');
  const std::size_t n = w.finish();
  ASSERT_GT(n, 0u);
  EXPECT_EQ(bars(std::string(buffer, n)),
            bars(framed("FIX.4.4", "35=D|11=1234-2|38=100|44=100.25|54=1|")));
}

TEST(MessageWriter, BodyLengthIsRightForShortAndLongBodies) {
  for (std::size_t text_length : {0u, 5u, 200u, 2000u, 20000u}) {
    std::vector<char> buffer(32 * 1024);
    MessageWriter w(buffer.data(), buffer.size(), "FIX.4.2");
    w.field(tag::MsgType, "0");
    w.field(tag::Text, std::string(text_length, 'x'));
    const std::size_t n = w.finish();
    ASSERT_GT(n, 0u);
    const std::string_view message(buffer.data(), n);
    const auto frame = frame_message(message, buffer.size());
    EXPECT_EQ(frame.status, FrameStatus::Complete) << text_length;
    EXPECT_EQ(frame.length, n);
    EXPECT_EQ(MessageView(message).get(tag::Text)->size(), text_length);
  }
}

TEST(MessageWriter, ReportsOverflowInsteadOfWritingPastTheBuffer) {
  char buffer[64];
  buffer[sizeof buffer - 1] = 'z';
  MessageWriter w(buffer, sizeof buffer - 1, "FIX.4.4");
  w.field(tag::MsgType, "0");
  w.field(tag::Text, std::string(100, 'x'));
  EXPECT_TRUE(w.failed());
  EXPECT_EQ(w.finish(), 0u);
  EXPECT_EQ(buffer[sizeof buffer - 1], 'z');
}

TEST(UtcTimestamp, FormatsAllPrecisions) {
  const Nanos t = 951'782'400LL * kNanosPerSecond + 123'456'789;  // 2000-02-29, a leap day
  char out[kMaxTimestampLength];
  auto text = [&](TimestampPrecision p) {
    return std::string(out, format_utc_timestamp(out, t, p));
  };
  EXPECT_EQ(text(TimestampPrecision::Seconds), "20000229-00:00:00");
  EXPECT_EQ(text(TimestampPrecision::Millis), "20000229-00:00:00.123");
  EXPECT_EQ(text(TimestampPrecision::Micros), "20000229-00:00:00.123456");
  EXPECT_EQ(text(TimestampPrecision::Nanos), "20000229-00:00:00.123456789");
  const Nanos later = 1'795'347'150LL * kNanosPerSecond;
  EXPECT_EQ(std::string(out, format_utc_timestamp(out, later, TimestampPrecision::Seconds)),
            "20261122-11:32:30");
}

// Formatting reuses the last second's date and time: across second, day and year boundaries, and
// going back in time, every stamp still reads back as the time it was given.
TEST(UtcTimestamp, EveryStampReadsBackAcrossSecondAndDayBoundaries) {
  char out[kMaxTimestampLength];
  const Nanos new_year = 1'798'761'600LL * kNanosPerSecond;  // 2027-01-01 00:00:00
  for (const Nanos t : {new_year - 1, new_year, new_year + 1, new_year - 1, new_year + 999'999'999,
                        new_year + kNanosPerSecond, new_year - kNanosPerDay, new_year + 5}) {
    const std::string text(out, format_utc_timestamp(out, t, TimestampPrecision::Nanos));
    EXPECT_EQ(parse_utc_timestamp(text), t) << text;
  }
  EXPECT_EQ(std::string(out, format_utc_timestamp(out, new_year - 1, TimestampPrecision::Millis)),
            "20261231-23:59:59.999");
  EXPECT_EQ(std::string(out, format_utc_timestamp(out, new_year, TimestampPrecision::Millis)),
            "20270101-00:00:00.000");
}

TEST(UtcTimestamp, ParsesWhatItFormatsAndRefusesWhatNanosecondsCannotHold) {
  EXPECT_EQ(parse_utc_timestamp("20261122-11:32:30.5"),
            1'795'347'150LL * kNanosPerSecond + 500'000'000);
  EXPECT_FALSE(parse_utc_timestamp("20261322-11:32:30"));  // month 13
  EXPECT_FALSE(parse_utc_timestamp("20261122-11:32:30."));
  // Year 26 and year 9999 are well-formed UTCTimestamps (valid for a dictionary check) but do not
  // fit 64-bit nanoseconds since 1970: found by the parser fuzzer as a signed overflow.
  for (const char* far : {"00261122-11:32:30", "99991231-23:59:59"}) {
    EXPECT_TRUE(is_utc_timestamp(far)) << far;
    EXPECT_FALSE(parse_utc_timestamp(far)) << far;
  }
}

}  // namespace
}  // namespace vtb::fix
