#pragma once
// FIX UTCTimestamp text: YYYYMMDD-HH:MM:SS[.sss[sss[sss]]].

#include <cstddef>

#include "common/time/clock.hpp"

namespace vtb::fix {

enum class TimestampPrecision { Seconds = 0, Millis = 3, Micros = 6, Nanos = 9 };

inline constexpr std::size_t kMaxTimestampLength = 27;

// Writes the timestamp for `wall_ns` (UTC nanoseconds since the epoch); returns chars written.
std::size_t format_utc_timestamp(char* out, Nanos wall_ns, TimestampPrecision precision);

}  // namespace vtb::fix
