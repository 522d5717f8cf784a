#include "common/fix/utc_timestamp.hpp"

#include <cstdint>

namespace vtb::fix {

namespace {

// Days since 1970-01-01 to civil date (Howard Hinnant's algorithm, proleptic Gregorian).
void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

char* put2(char* p, unsigned v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}

}  // namespace

std::size_t format_utc_timestamp(char* out, Nanos wall_ns, TimestampPrecision precision) {
  const std::int64_t days = wall_ns / kNanosPerDay;
  const Nanos in_day = wall_ns % kNanosPerDay;
  int year;
  unsigned month, day;
  civil_from_days(days, year, month, day);
  const auto secs = static_cast<unsigned>(in_day / kNanosPerSecond);
  char* p = out;
  p = put2(p, static_cast<unsigned>(year / 100));
  p = put2(p, static_cast<unsigned>(year % 100));
  p = put2(p, month);
  p = put2(p, day);
  *p++ = '-';
  p = put2(p, secs / 3600);
  *p++ = ':';
  p = put2(p, secs / 60 % 60);
  *p++ = ':';
  p = put2(p, secs % 60);
  const int digits = static_cast<int>(precision);
  if (digits > 0) {
    *p++ = '.';
    auto fraction = static_cast<std::uint64_t>(in_day % kNanosPerSecond);
    for (int i = digits; i < 9; ++i)
      fraction /= 10;
    for (int i = digits - 1; i >= 0; --i) {
      p[i] = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    p += digits;
  }
  return static_cast<std::size_t>(p - out);
}

namespace {

// Civil date to days since 1970-01-01 (Howard Hinnant's algorithm).
std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(std::string_view s, std::size_t at, std::size_t n, int& value) {
  value = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<Nanos> parse_utc_timestamp(std::string_view s) {
  if (s.size() < 17 || s[8] != '-' || s[11] != ':' || s[14] != ':') return std::nullopt;
  int year, month, day, hour, minute, second;
  if (!digits(s, 0, 4, year) || !digits(s, 4, 2, month) || !digits(s, 6, 2, day) ||
      !digits(s, 9, 2, hour) || !digits(s, 12, 2, minute) || !digits(s, 15, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  Nanos fraction = 0;
  if (s.size() > 17) {
    const std::size_t n = s.size() - 18;
    if (s[17] != '.' || n < 1 || n > 9) return std::nullopt;
    int part;
    for (std::size_t i = 0; i < n; ++i) {
      if (!digits(s, 18 + i, 1, part)) return std::nullopt;
      fraction = fraction * 10 + part;
    }
    for (std::size_t i = n; i < 9; ++i) fraction *= 10;
  }
  const std::int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return (days * 86'400 + hour * 3600 + minute * 60 + second) * kNanosPerSecond + fraction;
}

}  // namespace vtb::fix
