#include "simulator/agents/noise_taker.hpp"

#include <gtest/gtest.h>

#include "simulator/agents/quoting_agent.hpp"

namespace vtb::sim {
namespace {

const Instrument kAcme{1, "ACME", 100, 10, 1'000'000};

struct Trades : MatchingListener {
  std::vector<std::pair<Price, Quantity>> prints;
  void on_trade(const Trade& t) override { prints.emplace_back(t.price, t.quantity); }
};

// A market maker's quotes and a noise taker that always acts: the taker's orders trade.
std::vector<std::pair<Price, Quantity>> run(std::uint64_t seed, TradingPhase phase, int steps) {
  MatchingEngine engine({kAcme}, phase);
  Trades trades;
  engine.add_listener(&trades);
  QuotingAgent maker(engine, kAcme, 100, QuotingAgentConfig{});
  NoiseTakerConfig config;
  config.probability = 0.5;
  config.seed = seed;
  NoiseTaker taker(engine, kAcme, 200, config);
  for (int i = 0; i < steps; ++i) {
    maker.step();
    taker.step();
  }
  return trades.prints;
}

TEST(NoiseTaker, CrossesTheSpreadOnItsSeededShareOfSteps) {
  const auto a = run(5, TradingPhase::Continuous, 400);
  EXPECT_GT(a.size(), 100u);  // about one step in two trades
  EXPECT_LT(a.size(), 400u);
  for (const auto& [price, quantity] : a)
    EXPECT_EQ(quantity % kAcme.lot_size, 0);
  EXPECT_EQ(a, run(5, TradingPhase::Continuous, 400));  // the same seed, the same prints
  EXPECT_NE(a, run(6, TradingPhase::Continuous, 400));
}

TEST(NoiseTaker, WaitsOutAuctionCalls) {
  EXPECT_TRUE(run(5, TradingPhase::PreOpen, 100).empty());
}

}  // namespace
}  // namespace vtb::sim
