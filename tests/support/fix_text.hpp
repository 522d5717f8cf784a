#pragma once
// Test helpers for FIX text: write messages with '|' for SOH, and have BodyLength and CheckSum
// computed, as QuickFIX's acceptance-test definitions do.

#include <cstdio>
#include <string>
#include <utility>

#include "common/fix/message_view.hpp"
#include "common/fix/printable.hpp"

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

}  // namespace vtb::testing
