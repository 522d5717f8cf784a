#pragma once
// When a session may be logged on: QuickFIX's StartTime/EndTime (daily) and StartDay/EndDay
// (weekly), in UTC. A window whose start equals its end is open all the time; a window that ends
// "before" it starts wraps past midnight (or the week's end). Each opening begins a new session
// period, in which sequence numbers start again at 1.

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/time/clock.hpp"

namespace vtb::fix {

class SessionSchedule {
 public:
  SessionSchedule() = default;  // always open; a new period each day at midnight UTC
  // Seconds after midnight UTC; days 0 = Sunday .. 6 = Saturday, or -1 for a daily window.
  SessionSchedule(int start_seconds, int end_seconds, int start_day = -1, int end_day = -1);

  bool in_session(Nanos wall) const;
  // The opening instant of the period `wall` falls in (or of the last one before it).
  Nanos period_start(Nanos wall) const;

  static std::optional<int> parse_time(std::string_view text);  // "HH:MM:SS"
  static std::optional<int> parse_day(std::string_view text);   // "Monday", "mo", "MON" ...

 private:
  std::int64_t position(Nanos wall) const;  // seconds into the day or the week
  std::int64_t cycle() const { return weekly_ ? 7 * 86'400 : 86'400; }

  std::int64_t start_ = 0;
  std::int64_t end_ = 0;
  bool weekly_ = false;
};

}  // namespace vtb::fix
