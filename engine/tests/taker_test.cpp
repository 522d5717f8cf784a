#include "engine/strategy/taker.hpp"

#include <gtest/gtest.h>

#include "engine/tests/test_book.hpp"

namespace vtb::engine {
namespace {

TakerConfig config() {
  TakerConfig c;
  c.buy_at_or_below = 999'800;
  c.sell_at_or_above = 1'000'200;
  c.quantity = 100;
  c.max_position = 200;
  return c;
}

TEST(Taker, BuysAtTheOfferWhenItReachesTheLevel) {
  const Taker taker(config());
  EXPECT_FALSE(taker.decide(book(999'700, 999'900), 0));
  const auto intent = taker.decide(book(999'600, 999'800), 0);
  ASSERT_TRUE(intent);
  EXPECT_EQ(intent->side, Side::Buy);
  EXPECT_EQ(intent->price, 999'800);
  EXPECT_EQ(intent->quantity, 100);
}

TEST(Taker, SellsAtTheBidWhenItReachesTheLevel) {
  const Taker taker(config());
  const auto intent = taker.decide(book(1'000'200, 1'000'400), 0);
  ASSERT_TRUE(intent);
  EXPECT_EQ(intent->side, Side::Sell);
  EXPECT_EQ(intent->price, 1'000'200);
}

TEST(Taker, RespectsThePositionLimitOnEachSide) {
  const Taker taker(config());
  EXPECT_TRUE(taker.decide(book(999'600, 999'800), 100));
  EXPECT_FALSE(taker.decide(book(999'600, 999'800), 150));
  EXPECT_FALSE(taker.decide(book(1'000'200, 1'000'400), -150));
  EXPECT_TRUE(taker.decide(book(1'000'200, 1'000'400), -100));
}

TEST(Taker, AnEmptySideNeverTriggers) {
  const Taker taker(config());
  feed::InstrumentBook empty;
  EXPECT_FALSE(taker.decide(empty, 0));
}

TEST(Taker, FollowsTheAggressorOfATradePrint) {
  TakerConfig c = config();
  c.follow_trades = true;
  const Taker taker(c);
  // Between the levels: only the print triggers.
  const feed::InstrumentBook b = book(999'900, 1'000'100);
  EXPECT_FALSE(taker.decide(b, 0));
  const auto buy = taker.decide_on_trade(b, {1, Side::Buy, 1'000'000, 300}, 0);
  ASSERT_TRUE(buy);
  EXPECT_EQ(buy->side, Side::Buy);
  EXPECT_EQ(buy->price, 1'000'100);  // the offer left after the print
  const auto sell = taker.decide_on_trade(b, {1, Side::Sell, 1'000'000, 300}, 0);
  ASSERT_TRUE(sell);
  EXPECT_EQ(sell->side, Side::Sell);
  EXPECT_EQ(sell->price, 999'900);
  EXPECT_FALSE(taker.decide_on_trade(b, {1, Side::Buy, 1'000'000, 300}, 150));  // position
}

TEST(Taker, IgnoresTradePrintsUnlessAskedTo) {
  const Taker taker(config());
  EXPECT_FALSE(taker.decide_on_trade(book(999'900, 1'000'100), {1, Side::Buy, 1'000'000, 300}, 0));
}

}  // namespace
}  // namespace vtb::engine
