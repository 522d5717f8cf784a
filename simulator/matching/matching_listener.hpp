#pragma once
// How the matching core reports what happened (Liquibook's listener idea). The gateway turns these
// into ExecutionReports and the feed into ITCH messages; the core knows neither.
// References passed to a callback are valid only during the callback.

#include <cstdint>

#include "simulator/matching/order.hpp"

namespace vtb::sim {

struct Trade {
  const Order& aggressor;  // in an auction, the buy order (both orders were booked)
  const Order& resting;    // in an auction, the sell order
  Price price;
  Quantity quantity;
  std::uint64_t match_number;
  // How much of the trade came out of what each order showed (an iceberg's peak; the rest was
  // hidden). The aggressor's counts only in an auction: otherwise it was never on the book.
  Quantity resting_shown = 0;
  Quantity aggressor_shown = 0;
  bool auction = false;
};

enum class AuctionKind : std::uint8_t { Opening, Reopening, Closing };

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
  // A replace took a resting order's quantity down and it kept its place: `reduced_by` left its
  // leaves, `shown_reduced_by` its shown quantity (Order::displayed; less for an iceberg).
  virtual void on_reduced(const Order&, Quantity /*reduced_by*/, Quantity /*shown_reduced_by*/) {}
  // A replace changed a pending stop order in place (price, stop price or quantity); same id.
  virtual void on_amended(const Order&) {}
  // Self-match prevention Decrement took `reduced_by` off the order's quantity without a trade.
  // `was_booked`: the order was resting (its shown quantity fell by `shown_reduced_by`);
  // otherwise it is the incoming order, which goes on matching.
  virtual void on_decremented(const Order&, Quantity /*reduced_by*/, Quantity /*shown_reduced_by*/,
                              bool /*was_booked*/) {}
  // An iceberg's shown peak traded away and its next peak (`order.displayed`) now rests at the
  // back of the level under a new id (it was `old_id`).
  virtual void on_replenished(const Order&, OrderId /*old_id*/) {}
  // A stop order's trigger was reached: it trades and books from here on like a new order.
  virtual void on_triggered(const Order&) {}
  // The instrument entered `phase` (after any auction the move ran).
  virtual void on_phase(InstrumentId, TradingPhase) {}
  // An auction uncrossed `volume` at `price` (0 and 0 when nothing crossed); its trades were
  // reported first, as on_trade with Trade::auction set.
  virtual void on_auction(InstrumentId, AuctionKind, Price /*price*/, Quantity /*volume*/) {}
  // A resting order changed price or grew: it has a new id (`order.id`; it was `old_id`) and goes
  // to the back of its level. With `will_trade` it crosses the book and trades next as an
  // aggressor, and is booked (on_booked) only if something remains; otherwise it rests already.
  virtual void on_replaced(const Order&, OrderId /*old_id*/, bool /*will_trade*/) {}
};

const char* describe(RejectReason reason);

}  // namespace vtb::sim
