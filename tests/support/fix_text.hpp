#pragma once
// Test helpers for FIX text: write messages with '|' for SOH, and have BodyLength and CheckSum
// computed, as QuickFIX's acceptance-test definitions do.

#include <cstdio>
#include <string>
#include <utility>

#include "common/fix/message_view.hpp"
#include "common/fix/printable.hpp"
#include "common/fix/utc_timestamp.hpp"
#include "common/time/clock.hpp"

namespace vtb::testing {

inline std::string soh(std::string text) {
  for (char& c : text) {
    if (c == '|') c = fix::kSoh;
  }
  return text;
}

inline std::string bars(std::string text) {
  return fix::printable(std::move(text));
}

// "8=FIX.4.4|35=0|...|" (no 9= or 10=) -> a framed message with SOH separators.
inline std::string framed(const std::string& begin_string, const std::string& body_with_bars) {
  const std::string body = soh(body_with_bars);
  std::string message =
      "8=" + begin_string + '\x01' + "9=" + std::to_string(body.size()) + '\x01' + body;
  char trailer[8];
  std::snprintf(trailer, sizeof trailer, "10=%03u", static_cast<unsigned>(fix::checksum(message)));
  return message + trailer + '\x01';
}

// A FIX UTCTimestamp (SendingTime, TransactTime...) of `wall`, or of now.
inline std::string utc_timestamp(
    Nanos wall, fix::TimestampPrecision precision = fix::TimestampPrecision::Millis) {
  char text[fix::kMaxTimestampLength];
  return {text, fix::format_utc_timestamp(text, wall, precision)};
}
inline std::string utc_now(fix::TimestampPrecision precision = fix::TimestampPrecision::Millis) {
  return utc_timestamp(wall_clock_ns(), precision);
}

}  // namespace vtb::testing
