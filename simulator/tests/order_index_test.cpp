#include "simulator/matching/order_index.hpp"

#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

namespace vtb::sim {
namespace {

// Against a std::unordered_map: random inserts, overwrites and erases (which shift probe runs
// back), through several growths, with ids both sequential and scattered.
TEST(OrderIndex, AgreesWithAHashMapThroughInsertsErasesAndGrowth) {
  OrderIndex index(16);
  std::unordered_map<OrderId, std::uint32_t> reference;
  std::mt19937_64 rng(7);
  OrderId next = 1;
  for (int step = 0; step < 200'000; ++step) {
    const auto dice = rng() % 10;
    if (dice < 6 || reference.empty()) {
      const OrderId id = dice == 0 ? 1 + rng() % 1'000'000'000'000ULL : next++;
      const auto value = static_cast<std::uint32_t>(rng());
      index.insert(id, value);
      reference[id] = value;
    } else {
      auto it = reference.begin();
      std::advance(it, static_cast<long>(rng() % std::min<std::size_t>(reference.size(), 8)));
      index.erase(it->first);
      reference.erase(it);
    }
    if (step % 1000 == 0) {
      ASSERT_EQ(index.size(), reference.size());
      for (const auto& [id, value] : reference)
        ASSERT_EQ(index.find(id), value) << id;
      ASSERT_EQ(index.find(next + 12345), kNoOrder);
    }
  }
  index.erase(next + 99);  // absent: nothing happens
  EXPECT_EQ(index.size(), reference.size());
}

}  // namespace
}  // namespace vtb::sim
