#pragma once
// Vocabulary shared by the venue, the feed and the engine.

#include <cstdint>

namespace vtb {

// Prices are integers with 4 implied decimals, the ITCH 5.0 convention: 100.25 is 1002500.
using Price = std::int64_t;
inline constexpr Price kPriceScale = 10'000;

using Quantity = std::int64_t;

enum class Side : std::uint8_t { Buy, Sell };

constexpr Side opposite(Side s) {
  return s == Side::Buy ? Side::Sell : Side::Buy;
}

}  // namespace vtb
