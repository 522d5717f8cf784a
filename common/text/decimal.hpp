#pragma once
// Integer and fixed-point decimal text, in place and without allocation (FIX fields, config files).

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/market/types.hpp"

namespace vtb::text {

// Strict: the whole view must be an optionally signed integer.
inline std::optional<std::int64_t> parse_int(std::string_view s) {
  std::int64_t value = 0;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (first != last && *first == '+') ++first;  // FIX allows no '+', config files might
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc{} || ptr != last || first == last) return std::nullopt;
  return value;
}

// "100.25" -> 1002500. Rejects more than 4 decimals rather than rounding: a price the venue cannot
// represent exactly is an error the sender must hear about.
std::optional<Price> parse_price(std::string_view s);

// Writes a price with the fewest decimals that represent it exactly ("100.25", "100", "-0.0001").
// Returns the number of chars written; `out` needs room for 24 chars.
int format_price(char* out, Price price);

// Writes an integer; `out` needs room for 20 chars. Returns chars written.
inline int format_int(char* out, std::int64_t value) {
  auto [ptr, ec] = std::to_chars(out, out + 20, value);
  return static_cast<int>(ptr - out);
}

}  // namespace vtb::text
