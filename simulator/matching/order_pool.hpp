#pragma once
// Storage for live orders: a vector of slots with a free list, indexed by a stable 32-bit index,
// and an id -> index map (open addressing: no node per order). Freed slots are reused, so in a
// steady state nothing allocates.

#include <cstdint>
#include <vector>

#include "simulator/matching/order.hpp"
#include "simulator/matching/order_index.hpp"

namespace vtb::sim {

class OrderPool {
 public:
  OrderPool() { orders_.reserve(1 << 16); }

  // The slot's request is the caller's to fill; everything else starts as a new order's.
  std::uint32_t allocate(OrderId id) {
    std::uint32_t index;
    if (!free_.empty()) {
      index = free_.back();
      free_.pop_back();
      Order& o = orders_[index];  // field by field: no 128-byte temporary to copy
      o.leaves = o.displayed = o.executed = 0;
      o.executed_value = 0;
      o.prev = o.next = kNoOrder;
      o.state = OrderState::Working;
    } else {
      index = static_cast<std::uint32_t>(orders_.size());
      orders_.emplace_back();
    }
    orders_[index].id = id;
    by_id_.insert(id, index);
    return index;
  }

  void release(std::uint32_t index) {
    by_id_.erase(orders_[index].id);
    free_.push_back(index);
  }

  Order& operator[](std::uint32_t index) { return orders_[index]; }
  const Order& operator[](std::uint32_t index) const { return orders_[index]; }

  std::uint32_t find(OrderId id) const { return by_id_.find(id); }
  // The order at `index` is known by a new id from now on.
  void rekey(std::uint32_t index, OrderId id) {
    by_id_.erase(orders_[index].id);
    orders_[index].id = id;
    by_id_.insert(id, index);
  }
  std::size_t live() const { return by_id_.size(); }

 private:
  std::vector<Order> orders_;
  std::vector<std::uint32_t> free_;
  OrderIndex by_id_;
};

}  // namespace vtb::sim
