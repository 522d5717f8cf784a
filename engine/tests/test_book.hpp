#pragma once
// The book the strategy tests decide on: one level of 500 shares a side.

#include "common/feed_handler/market_book.hpp"

namespace vtb::engine {

inline feed::InstrumentBook book(Price bid, Price ask) {
  feed::InstrumentBook b;
  b.bids.add(static_cast<std::uint32_t>(bid), 500);
  b.asks.add(static_cast<std::uint32_t>(ask), 500);
  return b;
}

}  // namespace vtb::engine
