#include "common/fix/utc_timestamp.hpp"

#include <cstdint>
#include <cstring>

#include "common/hot_path/hot_code.hpp"

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

namespace {

constexpr std::size_t kSecondsLength = 17;  // YYYYMMDD-HH:MM:SS

void format_seconds(char* out, Nanos wall_ns) {
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
  put2(p, secs % 60);
}

// The date and time of the last second formatted on this thread: a hot path that stamps many
// messages a second copies 17 bytes instead of converting the date each time.
struct SecondsCache {
  Nanos second = -1;
  char text[kSecondsLength];
};
thread_local SecondsCache seconds_cache;

}  // namespace

VTB_HOT std::size_t format_utc_timestamp(char* out, Nanos wall_ns, TimestampPrecision precision) {
  if (wall_ns < 0) {
    format_seconds(out, wall_ns);
  } else {
    SecondsCache& cache = seconds_cache;
    const Nanos second = wall_ns / kNanosPerSecond;
    if (second != cache.second) {
      format_seconds(cache.text, wall_ns);
      cache.second = second;
    }
    std::memcpy(out, cache.text, kSecondsLength);
  }
  char* p = out + kSecondsLength;
  const int digits = static_cast<int>(precision);
  if (digits > 0) {
    *p++ = '.';
    auto fraction = static_cast<std::uint64_t>(wall_ns % kNanosPerSecond);
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

namespace {

struct Civil {
  int year, month, day, hour, minute, second;
  Nanos fraction;
};

std::optional<Civil> read_timestamp(std::string_view s) {
  if (s.size() < 17 || s[8] != '-' || s[11] != ':' || s[14] != ':') return std::nullopt;
  Civil c{};
  if (!digits(s, 0, 4, c.year) || !digits(s, 4, 2, c.month) || !digits(s, 6, 2, c.day) ||
      !digits(s, 9, 2, c.hour) || !digits(s, 12, 2, c.minute) || !digits(s, 15, 2, c.second)) {
    return std::nullopt;
  }
  if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > 31 || c.hour > 23 || c.minute > 59 ||
      c.second > 60) {
    return std::nullopt;
  }
  if (s.size() > 17) {
    const std::size_t n = s.size() - 18;
    if (s[17] != '.' || n < 1 || n > 9) return std::nullopt;
    int part;
    for (std::size_t i = 0; i < n; ++i) {
      if (!digits(s, 18 + i, 1, part)) return std::nullopt;
      c.fraction = c.fraction * 10 + part;
    }
    for (std::size_t i = n; i < 9; ++i)
      c.fraction *= 10;
  }
  return c;
}

}  // namespace

bool is_utc_timestamp(std::string_view text) {
  return read_timestamp(text).has_value();
}

std::optional<Nanos> parse_utc_timestamp(std::string_view s) {
  const auto c = read_timestamp(s);
  // Nanoseconds since 1970 in 64 bits reach from 1677 to 2262.
  if (!c || c->year < 1678 || c->year > 2261) return std::nullopt;
  const std::int64_t days =
      days_from_civil(c->year, static_cast<unsigned>(c->month), static_cast<unsigned>(c->day));
  return (days * 86'400 + c->hour * 3600 + c->minute * 60 + c->second) * kNanosPerSecond +
         c->fraction;
}

}  // namespace vtb::fix
