#pragma once
// One instrument's resting orders. Each price level is a FIFO of orders linked through the
// engine's order pool (time priority is FIFO order); the levels themselves live in a small pool
// of their own, and each side keeps its levels' prices in order, best last, as 8-byte entries
// (price, level). An order knows its level, so a cancel or a fill finds it with no search; only
// a level's creation or its end touches the sorted entries, and moving entries is moving a few
// words. (In a sparse book, about one order a level, that is most adds and cancels.)

#include <cstdint>
#include <ranges>
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
  // A side's levels, best last: a random-access view of `const PriceLevel&` (size(), back(),
  // operator[], iteration), valid while the book lives and following its changes.
  auto levels(Side side) const {
    return std::views::transform(
        entries(side), [this](const Entry& e) -> const PriceLevel& { return levels_[e.level]; });
  }
  // The level a resting order says it is in (invariant checks).
  const PriceLevel* level_of(const Order& order) const {
    return order.level < levels_.size() ? &levels_[order.level] : nullptr;
  }
  const PriceLevel* best(Side side) const {
    const auto& e = entries(side);
    return e.empty() ? nullptr : &levels_[e.back().level];
  }

  // Starts loading what an order arriving on `side` will read: the contra side's best entry
  // (matching starts there) and the top of its own side's entries (where the insert's search
  // starts), so that the misses overlap with validation instead of following it.
  void prefetch(Side side) const {
    const auto& contra = entries(opposite(side));
    if (!contra.empty()) __builtin_prefetch(&contra.back());
    const auto& own = entries(side);
    if (!own.empty()) __builtin_prefetch(&own.back());
  }

  // Appends the order at the back of its price level's queue.
  void insert(OrderPool& pool, std::uint32_t index);
  // Unlinks the order (anywhere in its level), dropping the level when it empties.
  void remove(OrderPool& pool, std::uint32_t index);
  // A resting order's leaves go down by `quantity` in place (its queue position is kept); the
  // caller updates the order itself.
  void reduce(const OrderPool& pool, std::uint32_t index, Quantity quantity);
  // The resting order at the head of the best level has traded `quantity`.
  void reduce_best(Side side, Quantity quantity) {
    levels_[entries(side).back().level].quantity -= quantity;
  }

 private:
  struct Entry {
    std::uint32_t price;  // prices fit 32 bits (order.hpp)
    std::uint32_t level;  // in levels_
  };
  const std::vector<Entry>& entries(Side side) const { return side == Side::Buy ? bids_ : asks_; }
  std::vector<Entry>& entries(Side side) { return side == Side::Buy ? bids_ : asks_; }

  std::vector<Entry> bids_;  // ascending prices: best last
  std::vector<Entry> asks_;  // descending prices: best last
  std::vector<PriceLevel> levels_;
  std::uint32_t free_level_ = kNoOrder;  // free levels, linked through `head`
};

}  // namespace vtb::sim
