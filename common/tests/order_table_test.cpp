#include "common/feed_handler/order_table.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <vector>

namespace vtb::feed {
namespace {

RestingOrder order(std::uint64_t reference, std::uint32_t shares = 100) {
  return RestingOrder{reference, 1'000'000, shares, 1, Side::Buy};
}

TEST(OrderTable, FindsWhatItHoldsAndNothingElse) {
  OrderTable table(100, 16);
  ASSERT_TRUE(table.insert(order(7, 10)));
  ASSERT_TRUE(table.insert(order(8, 20)));
  ASSERT_NE(table.find(7), nullptr);
  EXPECT_EQ(table.find(7)->shares, 10u);
  EXPECT_EQ(table.find(8)->shares, 20u);
  EXPECT_EQ(table.find(9), nullptr);
  EXPECT_EQ(table.find(7 + 16), nullptr);  // same ring slot, other reference
  table.erase(table.find(7));
  EXPECT_EQ(table.find(7), nullptr);
  EXPECT_EQ(table.size(), 1u);
}

TEST(OrderTable, AnOrderThatOutlivesATurnOfTheRingMovesToTheOverflow) {
  OrderTable table(100, 16);
  ASSERT_TRUE(table.insert(order(3, 30)));
  ASSERT_TRUE(table.insert(order(3 + 16, 40)));  // takes the ring slot of 3
  ASSERT_NE(table.find(3), nullptr);
  EXPECT_EQ(table.find(3)->shares, 30u);
  EXPECT_EQ(table.find(19)->shares, 40u);
  EXPECT_EQ(table.size(), 2u);
  table.erase(table.find(3));
  EXPECT_EQ(table.find(3), nullptr);
  EXPECT_NE(table.find(19), nullptr);
}

TEST(OrderTable, RefusesADuplicateAndAnOrderPastItsCapacity) {
  OrderTable table(2, 16);
  ASSERT_TRUE(table.insert(order(1)));
  EXPECT_FALSE(table.insert(order(1)));
  ASSERT_TRUE(table.insert(order(2)));
  EXPECT_FALSE(table.insert(order(3)));
  EXPECT_EQ(table.size(), 2u);
}

// Random churn through a small ring, so most orders pass through the overflow and Robin Hood's
// swaps and backward shifts all run, checked against std::map after every step.
TEST(OrderTable, AgreesWithAMapThroughRandomChurn) {
  OrderTable table(5000, 64);
  std::map<std::uint64_t, std::uint32_t> model;
  std::vector<std::uint64_t> live;
  std::mt19937_64 rng(7);
  std::uint64_t next = 1;
  for (int step = 0; step < 200'000; ++step) {
    if (live.size() < 4000 && (live.empty() || rng() % 2 == 0)) {
      // Mostly sequential, sometimes a jump, like a feed with several number ranges.
      const std::uint64_t reference = rng() % 50 == 0 ? rng() : next++;
      if (model.count(reference)) continue;
      const auto shares = static_cast<std::uint32_t>(rng() % 1000 + 1);
      ASSERT_TRUE(table.insert(order(reference, shares))) << reference;
      model[reference] = shares;
      live.push_back(reference);
    } else {
      const std::size_t pick = rng() % 3 == 0 ? rng() % live.size() : live.size() - 1;
      const std::uint64_t reference = live[pick];
      RestingOrder* found = table.find(reference);
      ASSERT_NE(found, nullptr) << reference;
      ASSERT_EQ(found->shares, model[reference]);
      table.erase(found);
      model.erase(reference);
      live[pick] = live.back();
      live.pop_back();
    }
    ASSERT_EQ(table.size(), model.size());
  }
  for (const auto& [reference, shares] : model) {
    ASSERT_NE(table.find(reference), nullptr) << reference;
    EXPECT_EQ(table.find(reference)->shares, shares);
  }
  std::size_t visited = 0;
  table.for_each([&](const RestingOrder&) { ++visited; });
  EXPECT_EQ(visited, model.size());
}

}  // namespace
}  // namespace vtb::feed
