#pragma once
// Storage for live orders: a vector of slots with a free list, indexed by a stable 32-bit index
// that every order id carries (order.hpp), so finding an order is one array access. Freed slots
// are reused, most recently freed first (its cache lines are the warmest), so in a steady state
// nothing allocates.

#include <cstdint>
#include <vector>

#include "simulator/matching/order.hpp"

namespace vtb::sim {

class OrderPool {
 public:
  explicit OrderPool(std::uint32_t capacity = kMaxLiveOrders) : capacity_(capacity) {
    orders_.reserve(1 << 16);
  }

  // No slot left: the pool holds `capacity` live orders.
  bool full() const { return free_.empty() && orders_.size() >= capacity_; }

  // A slot for the order with sequence number `sequence` (not full()). The slot's request is the
  // caller's to fill; everything else starts as a new order's.
  std::uint32_t allocate(std::uint64_t sequence) {
    std::uint32_t index;
    if (!free_.empty()) {
      index = free_.back();
      free_.pop_back();
      Order& o = orders_[index];  // field by field: no 128-byte temporary to copy
      o.leaves = o.displayed = o.executed = 0;
      o.executed_value = 0;
      o.prev = o.next = o.level = kNoOrder;
      o.state = OrderState::Working;
    } else {
      index = static_cast<std::uint32_t>(orders_.size());
      orders_.emplace_back();
    }
    orders_[index].id = make_order_id(sequence, index);
    return index;
  }

  // The slot is free from now on; its id no longer finds it (callers report before releasing).
  void release(std::uint32_t index) {
    orders_[index].id = 0;
    free_.push_back(index);
  }

  Order& operator[](std::uint32_t index) { return orders_[index]; }
  const Order& operator[](std::uint32_t index) const { return orders_[index]; }

  // The live order's index, or kNoOrder for an id that is unknown, gone or replaced by a newer.
  std::uint32_t find(OrderId id) const {
    const std::uint32_t index = order_slot(id);
    return id != 0 && index < orders_.size() && orders_[index].id == id ? index : kNoOrder;
  }
  // The order at `index` is known by the id of sequence number `sequence` from now on.
  void rekey(std::uint32_t index, std::uint64_t sequence) {
    orders_[index].id = make_order_id(sequence, index);
  }
  std::size_t live() const { return orders_.size() - free_.size(); }

 private:
  std::vector<Order> orders_;
  std::vector<std::uint32_t> free_;
  std::uint32_t capacity_;
};

}  // namespace vtb::sim
