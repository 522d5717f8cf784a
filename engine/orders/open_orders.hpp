#pragma once
// The engine's orders that have no final ExecutionReport yet, by ClOrdID: a fixed table searched
// linearly (a handful of entries; no allocation, no hashing), with the quantity still pending on
// each side for the risk checks.

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "common/market/types.hpp"
#include "common/time/clock.hpp"
#include "engine/orders/cl_ord_id.hpp"

namespace vtb::engine {

class OpenOrders {
 public:
  static constexpr std::size_t kCapacity = 64;

  struct Order {
    ClOrdId id;
    Side side = Side::Buy;
    Quantity quantity = 0;
    Quantity filled = 0;
    Nanos sent_at = 0;
    std::uint64_t msg_seq = 0;  // the NewOrderSingle's MsgSeqNum, for session-level rejects
    bool acknowledged = false;  // resting at the venue: never expired
  };

  std::size_t size() const { return size_; }
  bool full() const { return size_ == kCapacity; }
  // Pending: sent and not yet filled or ended, per side.
  Quantity pending(Side side) const { return side == Side::Buy ? pending_buy_ : pending_sell_; }

  // False when the table is full or the id too long: the order must not be sent.
  bool add(std::string_view cl_ord_id, Side side, Quantity quantity, Nanos sent_at,
           std::uint64_t msg_seq = 0) {
    if (full() || cl_ord_id.size() > ClOrdId::kMax) return false;
    Order& o = orders_[size_++];
    o.id.assign(cl_ord_id);
    o.side = side;
    o.quantity = quantity;
    o.filled = 0;
    o.sent_at = sent_at;
    o.msg_seq = msg_seq;
    o.acknowledged = false;
    pending_of(side) += quantity;
    return true;
  }

  // A fill of `quantity`; false for an order not in the table.
  bool fill(std::string_view cl_ord_id, Quantity quantity) {
    Order* o = find(cl_ord_id);
    if (!o) return false;
    const Quantity counted = std::min(quantity, o->quantity - o->filled);
    o->filled += counted;
    pending_of(o->side) -= counted;
    return true;
  }

  // The venue accepted the order (ExecType New).
  void acknowledge(std::string_view cl_ord_id) {
    if (Order* o = find(cl_ord_id)) o->acknowledged = true;
  }

  // A replace took effect: the order now goes by `to`.
  bool rename(std::string_view from, std::string_view to) {
    Order* o = find(from);
    return o != nullptr && o->id.assign(to);
  }

  // The order ended (filled, canceled, rejected, expired); false if it was not open.
  bool close(std::string_view cl_ord_id) {
    Order* o = find(cl_ord_id);
    if (!o) return false;
    remove(static_cast<std::size_t>(o - orders_.data()));
    return true;
  }

  // A session-level Reject (35=3) of the order sent with `msg_seq` ended it.
  bool close_by_msg_seq(std::uint64_t msg_seq) {
    for (std::size_t i = 0; i < size_; ++i) {
      if (orders_[i].msg_seq == msg_seq) {
        remove(i);
        return true;
      }
    }
    return false;
  }

  // Gives up on orders sent before `deadline` and never acknowledged; returns how many.
  std::size_t expire(Nanos deadline) {
    std::size_t expired = 0;
    for (std::size_t i = 0; i < size_;) {
      if (!orders_[i].acknowledged && orders_[i].sent_at < deadline) {
        remove(i);
        ++expired;
      } else {
        ++i;
      }
    }
    return expired;
  }

  void clear() {
    size_ = 0;
    pending_buy_ = pending_sell_ = 0;
  }

 private:
  Quantity& pending_of(Side side) { return side == Side::Buy ? pending_buy_ : pending_sell_; }
  Order* find(std::string_view cl_ord_id) {
    for (std::size_t i = 0; i < size_; ++i)
      if (orders_[i].id == cl_ord_id) return &orders_[i];
    return nullptr;
  }
  void remove(std::size_t i) {
    pending_of(orders_[i].side) -= orders_[i].quantity - orders_[i].filled;
    orders_[i] = orders_[--size_];  // order does not matter
  }

  // The counts first: the risk check reads them before an order is sent, the orders only after.
  std::size_t size_ = 0;
  Quantity pending_buy_ = 0;
  Quantity pending_sell_ = 0;
  std::array<Order, kCapacity> orders_{};
};

}  // namespace vtb::engine
