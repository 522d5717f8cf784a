#include "simulator/matching/order_book.hpp"

#include "simulator/matching/order_pool.hpp"

namespace vtb::sim {

void OrderBook::insert(OrderPool& pool, std::uint32_t index) {
  Order& order = pool[index];
  const Side side = order.request.side;
  const Price price = order.request.price;
  auto& side_levels = levels(side);
  auto it = side_levels.end();
  while (it != side_levels.begin() && better(side, (it - 1)->price, price))
    --it;
  if (it == side_levels.begin() || (it - 1)->price != price) {
    it = side_levels.insert(it, PriceLevel{price, 0, 0, kNoOrder, kNoOrder}) + 1;
  }
  PriceLevel& level = *(it - 1);
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
  auto& side_levels = levels(order.request.side);
  for (auto it = side_levels.end(); it != side_levels.begin();) {
    --it;
    if (it->price != order.request.price) continue;
    if (order.prev != kNoOrder) {
      pool[order.prev].next = order.next;
    } else {
      it->head = order.next;
    }
    if (order.next != kNoOrder) {
      pool[order.next].prev = order.prev;
    } else {
      it->tail = order.prev;
    }
    it->quantity -= order.leaves;
    it->orders -= 1;
    if (it->orders == 0) side_levels.erase(it);
    order.prev = order.next = kNoOrder;
    return;
  }
}

void OrderBook::reduce(OrderPool& pool, std::uint32_t index, Quantity quantity) {
  const Order& order = pool[index];
  auto& side_levels = levels(order.request.side);
  for (auto it = side_levels.end(); it != side_levels.begin();) {
    --it;
    if (it->price == order.request.price) {
      it->quantity -= quantity;
      return;
    }
  }
}

}  // namespace vtb::sim
