#pragma once
// One instrument's resting orders: per side, price levels sorted with the best last (activity is at
// the top, so inserts and removals there touch the end of the vector), each level a FIFO of orders
// linked through the engine's order pool. Time priority within a level is FIFO order.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "simulator/matching/order.hpp"

namespace vtb::sim {

class OrderPool;

struct PriceLevel {
  Price price;
  Quantity quantity;
  std::uint32_t orders;
  std::uint32_t head;  // oldest order, first to match
  std::uint32_t tail;
};

class OrderBook {
 public:
  // Levels best last.
  std::vector<PriceLevel>& levels(Side side) { return side == Side::Buy ? bids_ : asks_; }
  const std::vector<PriceLevel>& levels(Side side) const {
    return side == Side::Buy ? bids_ : asks_;
  }

  const PriceLevel* best(Side side) const {
    const auto& l = levels(side);
    return l.empty() ? nullptr : &l.back();
  }

  // Starts loading what an order arriving on `side` will read: the contra side's best level
  // (matching starts there) and the top of its own side (where the insert's search starts), so
  // that the misses overlap with validation instead of following it one after another.
  void prefetch(Side side) const {
    const auto& contra = levels(opposite(side));
    if (!contra.empty()) __builtin_prefetch(&contra.back());
    const auto& own = levels(side);
    const std::size_t top = std::min<std::size_t>(own.size(), 8);  // four lines: ~16 levels
    for (std::size_t i = 1; i <= top; i += 2)
      __builtin_prefetch(&own[own.size() - i]);
  }

  // Appends the order at the back of its price level's queue.
  void insert(OrderPool& pool, std::uint32_t index);
  // Unlinks the order (anywhere in its level), dropping the level when it empties.
  void remove(OrderPool& pool, std::uint32_t index);
  // A resting order's leaves go down by `quantity` in place (its queue position is kept); the
  // caller updates the order itself.
  void reduce(OrderPool& pool, std::uint32_t index, Quantity quantity);
  // The resting order at the head of the best level has traded `quantity`.
  void reduce_best(Side side, Quantity quantity) { levels(side).back().quantity -= quantity; }

 private:
  static bool better(Side side, Price a, Price b) { return side == Side::Buy ? a > b : a < b; }
  std::vector<PriceLevel> bids_;
  std::vector<PriceLevel> asks_;
};

}  // namespace vtb::sim
