// Every strategy through the one interface the engine calls: the market and the engine's own
// orders in (MarketView), the actions out.

#include "engine/strategy/strategy.hpp"

#include <gtest/gtest.h>

#include "engine/tests/test_book.hpp"

#include "engine/strategy/any_strategy.hpp"

namespace vtb::engine {
namespace {

// The engine's state a view reads, as a test sets it.
struct EngineState {
  EngineStats stats;
  OpenOrders open;
  Quotes resting;
  MarketView view(const feed::InstrumentBook& b, std::uint32_t orders_in_packet = 0) const {
    return MarketView(b, stats, open, resting, orders_in_packet);
  }
};

Actions on_book_update(const StrategyConfig& config, const MarketView& view) {
  const AnyStrategy strategy = make_strategy(config);
  return std::visit([&view](const auto& s) { return s.on_book_update(view); }, strategy);
}

TEST(Strategy, TheTakerTakesWithinItsExposure) {
  TakerConfig c;
  c.buy_at_or_below = 1'000'000;
  c.quantity = 100;
  c.max_position = 150;
  EngineState state;
  const auto b = book(999'800, 1'000'000);
  const Actions actions = on_book_update(c, state.view(b));
  ASSERT_EQ(actions.size(), 1u);
  const Action& a = *actions.begin();
  EXPECT_EQ(a.kind, ActionKind::New);
  EXPECT_FALSE(a.rests);
  EXPECT_EQ(a.side, Side::Buy);
  EXPECT_EQ(a.price, 1'000'000);
  // A pending buy counts against the position limit.
  ASSERT_TRUE(state.open.add("1", Side::Buy, 100, 0));
  EXPECT_TRUE(on_book_update(c, state.view(b)).empty());
}

TEST(Strategy, TheReflectorOncePerPacketWaitsForTheNextPacket) {
  ReflectorConfig c;
  c.once_per_packet = true;
  EngineState state;
  const auto b = book(999'800, 1'000'000);
  EXPECT_EQ(on_book_update(c, state.view(b, 0)).size(), 1u);
  EXPECT_TRUE(on_book_update(c, state.view(b, 1)).empty());
  c.once_per_packet = false;
  EXPECT_EQ(on_book_update(c, state.view(b, 1)).size(), 1u);
}

TEST(Strategy, TheMarketMakerPlacesMovesAndPullsItsQuotes) {
  MarketMakerConfig c;
  c.tick = 100;
  c.edge_ticks = 5;
  c.requote_ticks = 2;
  c.quantity = 100;
  c.max_position = 150;
  EngineState state;
  // No quotes: one resting order a side.
  Actions actions = on_book_update(c, state.view(book(999'900, 1'000'100)));
  ASSERT_EQ(actions.size(), 2u);
  for (const Action& a : actions) {
    EXPECT_EQ(a.kind, ActionKind::New);
    EXPECT_TRUE(a.rests);
    EXPECT_EQ(a.price, a.side == Side::Buy ? 999'500 : 1'000'500);
  }
  // Both live (and open, as the engine counts them); the mid moves three ticks up: the bid
  // moves, the offer too.
  state.resting.sent_new(Side::Buy, "B1", 999'500, 100);
  state.resting.sent_new(Side::Sell, "S1", 1'000'500, 100);
  ASSERT_TRUE(state.open.add("B1", Side::Buy, 100, 0));
  ASSERT_TRUE(state.open.add("S1", Side::Sell, 100, 0));
  state.resting.side(Side::Buy).state = QuoteState::Live;
  state.resting.side(Side::Sell).state = QuoteState::Live;
  actions = on_book_update(c, state.view(book(1'000'200, 1'000'400)));
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(actions.begin()->kind, ActionKind::Replace);
  EXPECT_EQ(actions.begin()->price, 999'800);
  // Long 100 already: another bid fill would pass 150, so the bid is pulled.
  state.stats.position = 100;
  actions = on_book_update(c, state.view(book(999'900, 1'000'100)));
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions.begin()->kind, ActionKind::Cancel);
  EXPECT_EQ(actions.begin()->side, Side::Buy);
  // A side with a request in flight is left alone.
  state.resting.side(Side::Buy).state = QuoteState::PendingCancel;
  EXPECT_TRUE(on_book_update(c, state.view(book(999'900, 1'000'100))).empty());
}

TEST(Strategy, EachIsNamedAsTheCommandLineNamesIt) {
  EXPECT_STREQ(strategy_name(TakerConfig{}), "taker");
  EXPECT_STREQ(strategy_name(ReflectorConfig{}), "reflector");
  EXPECT_STREQ(strategy_name(MarketMakerConfig{}), "market-maker");
}

// Only a taker that follows trades acts on prints; the engine asks the feed for them only then.
TEST(Strategy, OnlyATakerThatFollowsTradesWantsTradePrints) {
  TakerConfig follows;
  follows.follow_trades = true;
  EXPECT_TRUE(Taker(follows).wants_trade_prints());
  EXPECT_FALSE(Taker(TakerConfig{}).wants_trade_prints());
  EXPECT_FALSE(Reflector(ReflectorConfig{}).wants_trade_prints());
  EXPECT_FALSE(MarketMaker(MarketMakerConfig{}).wants_trade_prints());
}

}  // namespace
}  // namespace vtb::engine
