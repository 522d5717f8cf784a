#pragma once
// How the matching core reports what happened (Liquibook's listener idea). The gateway turns these
// into ExecutionReports and the feed into ITCH messages; the core knows neither.
// References passed to a callback are valid only during the callback.

#include <cstdint>

#include "simulator/matching/order.hpp"

namespace vtb::sim {

struct Trade {
  const Order& aggressor;
  const Order& resting;
  Price price;
  Quantity quantity;
  std::uint64_t match_number;
};

class MatchingListener {
 public:
  virtual ~MatchingListener() = default;
  // Order passed validation; its id is assigned. Comes before any trade or booking of the order.
  virtual void on_accepted(const Order&) {}
  virtual void on_rejected(const OrderRequest&, RejectReason) {}
  // Both orders already reflect this fill (leaves, executed).
  virtual void on_trade(const Trade&) {}
  // The order's remainder now rests in the book.
  virtual void on_booked(const Order&) {}
  // `canceled` is the quantity removed; `was_booked`: the order had been resting (the feed must
  // delete it).
  virtual void on_canceled(const Order&, Quantity /*canceled*/, CancelReason, bool /*was_booked*/) {
  }
};

const char* describe(RejectReason reason);

}  // namespace vtb::sim
