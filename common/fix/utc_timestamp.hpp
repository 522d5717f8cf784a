#pragma once
// FIX UTCTimestamp text: YYYYMMDD-HH:MM:SS[.sss[sss[sss]]].

#include <cstddef>
#include <optional>
#include <string_view>

#include "common/time/clock.hpp"

namespace vtb::fix {

enum class TimestampPrecision { Seconds = 0, Millis = 3, Micros = 6, Nanos = 9 };

inline constexpr std::size_t kMaxTimestampLength = 27;

// Writes the timestamp for `wall_ns` (UTC nanoseconds since the epoch); returns chars written.
std::size_t format_utc_timestamp(char* out, Nanos wall_ns, TimestampPrecision precision);

// Reads YYYYMMDD-HH:MM:SS with an optional fraction of 1 to 9 digits as nanoseconds since the
// epoch; nullopt if malformed or if the year is outside what 64-bit nanoseconds hold (1678..2261).
std::optional<Nanos> parse_utc_timestamp(std::string_view text);
// Whether the text is a well-formed UTCTimestamp, whatever its year (for validation).
bool is_utc_timestamp(std::string_view text);

}  // namespace vtb::fix
