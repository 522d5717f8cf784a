#pragma once
// One instrument's pending stop orders, in the order they trigger. A buy stop triggers when the
// last trade is at or above its stop price, a sell stop at or below; the lowest buy stop and the
// highest sell stop go first, and among equal stop prices the earlier order. Stops are not in the
// order book and not on the feed until they trigger.

#include <cstdint>
#include <vector>

#include "simulator/matching/order.hpp"

namespace vtb::sim {

class OrderPool;

class StopBook {
 public:
  void insert(const OrderPool& pool, std::uint32_t index);
  void remove(const OrderPool& pool, std::uint32_t index);
  // Removes and returns the next stop a last trade at `last` triggers (buys before sells), or
  // kNoOrder.
  std::uint32_t pop_triggered(const OrderPool& pool, Price last);

  // Each side with the next to trigger last, so triggering pops from the back.
  const std::vector<std::uint32_t>& side(Side s) const { return s == Side::Buy ? buys_ : sells_; }
  std::size_t size() const { return buys_.size() + sells_.size(); }

 private:
  std::vector<std::uint32_t> buys_;
  std::vector<std::uint32_t> sells_;
};

}  // namespace vtb::sim
