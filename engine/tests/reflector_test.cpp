#include "engine/strategy/reflector.hpp"

#include <gtest/gtest.h>

#include "engine/tests/test_book.hpp"

namespace vtb::engine {
namespace {

// Every book change gets an order, away from the touch so that it never trades.
TEST(Reflector, AnswersEveryChangeBehindTheTouch) {
  ReflectorConfig c;
  c.ticks_away = 10;
  c.quantity = 7;
  const Reflector buy(c);
  const auto intent = buy.decide(book(999'900, 1'000'100));
  ASSERT_TRUE(intent);
  EXPECT_EQ(intent->side, Side::Buy);
  EXPECT_EQ(intent->price, 998'900);  // 99.99 - 0.10
  EXPECT_EQ(intent->quantity, 7);
  EXPECT_FALSE(buy.decide(book(0, 1'000'100))) << "no bid to stand behind";
  c.side = Side::Sell;
  const auto sell = Reflector(c).decide(book(999'900, 1'000'100));
  ASSERT_TRUE(sell);
  EXPECT_EQ(sell->price, 1'001'100);
}

}  // namespace
}  // namespace vtb::engine
