#include "engine/risk/risk_limits.hpp"

#include <gtest/gtest.h>

#include "engine/orders/open_orders.hpp"

namespace vtb::engine {
namespace {

constexpr Price kMid = 1'000'000;  // 100.00
constexpr Nanos kT = 1'000 * kNanosPerSecond;

RiskConfig open_config() {
  RiskConfig c;
  c.max_position = 1'000;
  c.max_orders_per_second = 0;
  c.max_open_orders = 64;
  c.collar_bps = 0;
  return c;
}

TEST(RiskLimits, PositionCountsWhatIsPendingOnTheOrdersSide) {
  RiskLimits risk(open_config());
  EXPECT_EQ(risk.check(Side::Buy, kMid, 100, 800, 100, 1, kMid, kT), RiskVerdict::Accept);
  EXPECT_EQ(risk.check(Side::Buy, kMid, 100, 800, 101, 1, kMid, kT), RiskVerdict::Position);
  // Selling from +800 is fine; selling below -1000 is not.
  EXPECT_EQ(risk.check(Side::Sell, kMid, 1'000, 800, 0, 1, kMid, kT), RiskVerdict::Accept);
  EXPECT_EQ(risk.check(Side::Sell, kMid, 100, -900, 1, 1, kMid, kT), RiskVerdict::Position);
  EXPECT_EQ(risk.stats().position, 2u);
  EXPECT_EQ(risk.stats().accepted, 2u);
}

TEST(RiskLimits, OpenOrdersAndCollar) {
  RiskConfig c = open_config();
  c.max_open_orders = 2;
  c.collar_bps = 100;  // 1 %
  RiskLimits risk(c);
  EXPECT_EQ(risk.check(Side::Buy, kMid, 1, 0, 0, 2, kMid, kT), RiskVerdict::OpenOrders);
  EXPECT_EQ(risk.check(Side::Buy, 990'000, 1, 0, 0, 1, kMid, kT), RiskVerdict::Accept);  // -1 %
  EXPECT_EQ(risk.check(Side::Buy, 989'999, 1, 0, 0, 1, kMid, kT), RiskVerdict::Collar);
  EXPECT_EQ(risk.check(Side::Sell, 1'010'001, 1, 0, 0, 1, kMid, kT), RiskVerdict::Collar);
  EXPECT_EQ(risk.check(Side::Sell, 1'010'001, 1, 0, 0, 1, 0, kT), RiskVerdict::Accept)
      << "no reference, no collar";
}

// 10 orders a second: a burst of 10 passes, the 11th waits for 100 ms of refill.
TEST(RiskLimits, OrderRateIsATokenBucket) {
  RiskConfig c = open_config();
  c.max_orders_per_second = 10;
  RiskLimits risk(c);
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(risk.check(Side::Buy, kMid, 1, 0, 0, 0, kMid, kT), RiskVerdict::Accept) << i;
  EXPECT_EQ(risk.check(Side::Buy, kMid, 1, 0, 0, 0, kMid, kT), RiskVerdict::Rate);
  EXPECT_EQ(risk.check(Side::Buy, kMid, 1, 0, 0, 0, kMid, kT + 99'000'000), RiskVerdict::Rate);
  EXPECT_EQ(risk.check(Side::Buy, kMid, 1, 0, 0, 0, kMid, kT + 100'000'000), RiskVerdict::Accept);
  EXPECT_EQ(risk.stats().rate, 2u);
}

TEST(RiskLimits, TheKillSwitchStopsEverything) {
  RiskLimits risk(open_config());
  risk.kill("operator command");
  risk.kill("later reason");
  EXPECT_EQ(risk.check(Side::Buy, kMid, 1, 0, 0, 0, kMid, kT), RiskVerdict::Killed);
  EXPECT_EQ(risk.kill_reason(), "operator command");
}

TEST(OpenOrders, TracksPendingQuantityThroughFillsAndEnds) {
  OpenOrders open;
  ASSERT_TRUE(open.add("101", Side::Buy, 100, 1));
  ASSERT_TRUE(open.add("102", Side::Sell, 50, 2));
  ASSERT_TRUE(open.add("103", Side::Buy, 30, 3, 7));
  ASSERT_TRUE(open.add("104", Side::Buy, 5, 3, 8));
  EXPECT_TRUE(open.close_by_msg_seq(8));  // a session-level reject of MsgSeqNum 8
  EXPECT_FALSE(open.close("104"));
  EXPECT_EQ(open.pending(Side::Buy), 130);
  EXPECT_TRUE(open.fill("101", 60));
  EXPECT_EQ(open.pending(Side::Buy), 70);
  EXPECT_TRUE(open.close("101"));  // the IOC remainder, canceled
  EXPECT_EQ(open.pending(Side::Buy), 30);
  EXPECT_FALSE(open.close("101"));
  EXPECT_FALSE(open.fill("999", 1));
  EXPECT_EQ(open.expire(3), 1u);  // "102", sent before 3
  EXPECT_EQ(open.pending(Side::Sell), 0);
  EXPECT_EQ(open.size(), 1u);
  EXPECT_FALSE(open.add("123456789012345678901234", Side::Buy, 1, 4)) << "ClOrdID too long";
  for (std::size_t i = open.size(); i < OpenOrders::kCapacity; ++i)
    ASSERT_TRUE(open.add(std::to_string(1000 + i), Side::Buy, 1, 5));
  EXPECT_FALSE(open.add("x", Side::Buy, 1, 6)) << "full";
}

}  // namespace
}  // namespace vtb::engine
