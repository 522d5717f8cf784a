#include "common/fix/session_schedule.hpp"

#include <array>
#include <cctype>
#include <string>

namespace vtb::fix {

SessionSchedule::SessionSchedule(int start_seconds, int end_seconds, int start_day, int end_day)
    : start_(start_seconds), end_(end_seconds), weekly_(start_day >= 0 && end_day >= 0) {
  if (weekly_) {
    start_ += static_cast<std::int64_t>(start_day) * 86'400;
    end_ += static_cast<std::int64_t>(end_day) * 86'400;
  }
}

std::int64_t SessionSchedule::position(Nanos wall) const {
  const std::int64_t seconds = wall / kNanosPerSecond;
  if (!weekly_) return ((seconds % 86'400) + 86'400) % 86'400;
  // 1970-01-01 was a Thursday (day 4).
  const std::int64_t days = seconds / 86'400;
  const std::int64_t weekday = ((days + 4) % 7 + 7) % 7;
  return weekday * 86'400 + ((seconds % 86'400) + 86'400) % 86'400;
}

bool SessionSchedule::in_session(Nanos wall) const {
  if (start_ == end_) return true;
  const std::int64_t t = position(wall);
  return start_ < end_ ? (t >= start_ && t <= end_) : (t >= start_ || t <= end_);
}

Nanos SessionSchedule::period_start(Nanos wall) const {
  const std::int64_t t = position(wall);
  const std::int64_t since_start = ((t - start_) % cycle() + cycle()) % cycle();
  return wall - (wall % kNanosPerSecond) - since_start * kNanosPerSecond;
}

std::optional<int> SessionSchedule::parse_time(std::string_view text) {
  if (text.size() != 8 || text[2] != ':' || text[5] != ':') return std::nullopt;
  int parts[3];
  for (int i = 0; i < 3; ++i) {
    const char a = text[static_cast<std::size_t>(i * 3)],
               b = text[static_cast<std::size_t>(i * 3 + 1)];
    if (a < '0' || a > '9' || b < '0' || b > '9') return std::nullopt;
    parts[i] = (a - '0') * 10 + (b - '0');
  }
  if (parts[0] > 23 || parts[1] > 59 || parts[2] > 59) return std::nullopt;
  return parts[0] * 3600 + parts[1] * 60 + parts[2];
}

std::optional<int> SessionSchedule::parse_day(std::string_view text) {
  // QuickFIX takes the first two letters, case-insensitively.
  static constexpr std::array<std::string_view, 7> kDays = {"su", "mo", "tu", "we",
                                                            "th", "fr", "sa"};
  if (text.size() < 2) return std::nullopt;
  std::string two;
  for (const char c : text.substr(0, 2))
    two += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t i = 0; i < kDays.size(); ++i) {
    if (two == kDays[i]) return static_cast<int>(i);
  }
  return std::nullopt;
}

}  // namespace vtb::fix
