#include "simulator/agents/quoting_agent.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace vtb::sim {
namespace {

std::vector<Price> walk(std::uint64_t seed, int steps) {
  MatchingEngine engine({Instrument{1, "ACME", 100, 1, 1'000'000}});
  QuotingAgentConfig config;
  config.seed = seed;
  QuotingAgent mm(engine, engine.instruments()[0], 1000, config);
  std::vector<Price> path;
  for (int i = 0; i < steps; ++i) {
    mm.step();
    path.push_back(mm.fair_value());
  }
  return path;
}

TEST(QuotingAgent, SameSeedSameWalk) {
  EXPECT_EQ(walk(5, 500), walk(5, 500));
  EXPECT_NE(walk(5, 500), walk(6, 500));
}

TEST(QuotingAgent, StaysWithinItsExcursionAndActuallyMoves) {
  const auto path = walk(1, 5000);
  Price low = path[0], high = path[0];
  for (Price p : path) {
    EXPECT_LE(p, 1'000'000 + 10 * 100);
    EXPECT_GE(p, 1'000'000 - 10 * 100);
    low = std::min(low, p);
    high = std::max(high, p);
  }
  EXPECT_GE(high - low, 5 * 100);
}

TEST(QuotingAgent, QuotesEveryLevelOnBothSidesAroundFairValue) {
  MatchingEngine engine({Instrument{1, "ACME", 100, 1, 1'000'000}});
  QuotingAgentConfig config;
  config.levels = 3;
  config.quantity = 500;
  config.half_spread_ticks = 2;
  QuotingAgent mm(engine, engine.instruments()[0], 1000, config);
  mm.step();
  const auto& bids = engine.book(1).levels(Side::Buy);
  const auto& asks = engine.book(1).levels(Side::Sell);
  ASSERT_EQ(bids.size(), 3u);
  ASSERT_EQ(asks.size(), 3u);
  EXPECT_EQ(bids.back().price, mm.fair_value() - 200);
  EXPECT_EQ(asks.back().price, mm.fair_value() + 200);
  EXPECT_EQ(bids.back().quantity, 500);
  // Re-quoting replaces its orders rather than piling up more.
  for (int i = 0; i < 100; ++i)
    mm.step();
  EXPECT_EQ(engine.book(1).levels(Side::Buy).size(), 3u);
  EXPECT_EQ(engine.book(1).levels(Side::Sell).size(), 3u);
}

}  // namespace
}  // namespace vtb::sim
