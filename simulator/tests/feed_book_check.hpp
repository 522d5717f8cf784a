#pragma once
// Test helper: a feed handler's book for one instrument equals what the matching core shows
// (every level's price, displayed quantity and order count, best first).

#include <gtest/gtest.h>

#include "common/feed_handler/market_book.hpp"
#include "simulator/matching/matching_engine.hpp"

namespace vtb::sim {

inline void expect_feed_book_matches(const MatchingEngine& engine, InstrumentId instrument,
                                     const feed::MarketBook& book) {
  const feed::InstrumentBook* feed_book = book.instrument(instrument);
  ASSERT_NE(feed_book, nullptr) << "instrument " << instrument;
  for (const Side side : {Side::Buy, Side::Sell}) {
    const auto& venue_levels = engine.book(instrument).levels(side);
    const auto& feed_levels = feed_book->side(side);
    ASSERT_EQ(feed_levels.depth(), venue_levels.size()) << "instrument " << instrument;
    for (std::size_t i = 0; i < venue_levels.size(); ++i) {
      const auto& v = venue_levels[venue_levels.size() - 1 - i];
      Quantity shown = 0;
      for (const Order* o : engine.queue(v))
        shown += o->displayed;
      EXPECT_EQ(feed_levels.level(i).price, v.price);
      EXPECT_EQ(feed_levels.level(i).quantity, shown);
      EXPECT_EQ(feed_levels.level(i).orders, v.orders);
    }
  }
}

}  // namespace vtb::sim
