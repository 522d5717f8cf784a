#include "simulator/matching/order_book.hpp"

#include "simulator/matching/order_pool.hpp"

namespace vtb::sim {

void OrderBook::insert(OrderPool& pool, std::uint32_t index) {
  Order& order = pool[index];
  auto& side = entries(order.request.side);
  const auto key = static_cast<std::uint32_t>(order.request.price);
  // From the top down past the levels better than the order's price (activity is near the
  // best; a linear scan of 8-byte entries beat a binary search here, measured).
  std::size_t at = side.size();
  if (order.request.side == Side::Buy) {
    while (at > 0 && side[at - 1].price > key)
      --at;
  } else {
    while (at > 0 && side[at - 1].price < key)
      --at;
  }
  std::uint32_t level_index;
  if (at > 0 && side[at - 1].price == key) {
    level_index = side[at - 1].level;
  } else {
    const PriceLevel fresh{order.request.price, 0, 0, kNoOrder, kNoOrder};
    if (free_level_ != kNoOrder) {
      level_index = free_level_;
      free_level_ = levels_[level_index].head;
      levels_[level_index] = fresh;
    } else {
      level_index = static_cast<std::uint32_t>(levels_.size());
      levels_.push_back(fresh);
    }
    side.insert(side.begin() + static_cast<std::ptrdiff_t>(at), Entry{key, level_index});
  }
  PriceLevel& level = levels_[level_index];
  order.level = level_index;
  order.prev = level.tail;
  order.next = kNoOrder;
  if (level.tail != kNoOrder) {
    pool[level.tail].next = index;
  } else {
    level.head = index;
  }
  level.tail = index;
  level.quantity += order.leaves;
  level.orders += 1;
}

void OrderBook::remove(OrderPool& pool, std::uint32_t index) {
  Order& order = pool[index];
  const std::uint32_t level_index = order.level;
  PriceLevel& level = levels_[level_index];
  if (order.prev != kNoOrder) {
    pool[order.prev].next = order.next;
  } else {
    level.head = order.next;
  }
  if (order.next != kNoOrder) {
    pool[order.next].prev = order.prev;
  } else {
    level.tail = order.prev;
  }
  level.quantity -= order.leaves;
  level.orders -= 1;
  order.prev = order.next = order.level = kNoOrder;
  if (level.orders > 0) return;
  // The level ends: its entry goes (from the top down).
  auto& side = entries(order.request.side);
  std::size_t at = side.size();
  while (at > 0 && side[at - 1].level != level_index)
    --at;
  side.erase(side.begin() + static_cast<std::ptrdiff_t>(at) - 1);
  level.head = free_level_;
  free_level_ = level_index;
}

void OrderBook::reduce(const OrderPool& pool, std::uint32_t index, Quantity quantity) {
  levels_[pool[index].level].quantity -= quantity;
}

}  // namespace vtb::sim
