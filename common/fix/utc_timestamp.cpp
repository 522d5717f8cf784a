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

}  // namespace vtb::fix
