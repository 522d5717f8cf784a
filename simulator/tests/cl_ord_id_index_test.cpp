// The order entry's index of live orders by ClOrdID against std::unordered_map: random inserts,
// replacements and erases (which shift entries back), through several doublings.

#include "simulator/gateway/cl_ord_id_index.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace vtb::sim {
namespace {

TEST(ClOrdIdIndex, AgreesWithAMapThroughInsertsErasesAndGrowth) {
  std::vector<std::string> ids(20'000);  // the "contexts": slot -> ClOrdID
  const auto key_of = [&](std::uint32_t slot) { return std::string_view(ids[slot]); };
  ClOrdIdIndex index(16);
  std::unordered_map<std::string, std::uint32_t> model;
  std::mt19937_64 rng(5);
  std::uint32_t next_slot = 0;
  for (int step = 0; step < 200'000; ++step) {
    const int what = static_cast<int>(rng() % 10);
    if (what < 5 && next_slot < ids.size()) {  // a new order (ids repeat, as clients' may)
      const std::uint32_t slot = next_slot++;
      char id[16];  // (GCC 12 warns falsely inside "O" + std::to_string(...))
      std::snprintf(id, sizeof id, "O%llu", static_cast<unsigned long long>(rng() % 30'000));
      ids[slot] = id;
      index.insert(ids[slot], slot, key_of);
      model[ids[slot]] = slot;
    } else if (!model.empty()) {  // an order ends: erased only if its ClOrdID still names it
      const std::uint32_t slot =
          static_cast<std::uint32_t>(rng() % std::max<std::uint32_t>(next_slot, 1));
      const auto it = model.find(ids[slot]);
      const bool names_it = it != model.end() && it->second == slot;
      EXPECT_EQ(index.erase(ids[slot], slot, key_of), names_it);
      if (names_it) model.erase(it);
    }
    if (step % 1000 == 0) {
      ASSERT_EQ(index.size(), model.size());
      for (const auto& [id, slot] : model)
        ASSERT_EQ(index.find(id, key_of), slot) << id;
      std::set<std::uint32_t> seen;
      index.for_each([&](std::uint32_t slot) { seen.insert(slot); });
      ASSERT_EQ(seen.size(), model.size());
    }
  }
  EXPECT_FALSE(index.find("never", key_of));
}

}  // namespace
}  // namespace vtb::sim
