#pragma once
// The venue's matching core: price-time priority continuous matching over many instruments.
// Single-threaded and synchronous: every call reports through the listeners before returning.

#include <cstdint>
#include <vector>

#include "simulator/matching/instrument.hpp"
#include "simulator/matching/matching_listener.hpp"
#include "simulator/matching/order_book.hpp"
#include "simulator/matching/order_pool.hpp"

namespace vtb::sim {

struct MatchingStats {
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
  std::uint64_t trades = 0;
  std::uint64_t traded_quantity = 0;
  std::uint64_t canceled = 0;
};

class MatchingEngine {
 public:
  // Instrument ids must be 1..N in order (they are ITCH stock locates).
  explicit MatchingEngine(std::vector<Instrument> instruments);

  void add_listener(MatchingListener* listener) { listeners_.push_back(listener); }

  // Returns the new order's id, or 0 when rejected (listeners heard why).
  OrderId submit(const OrderRequest& request);
  CancelResult cancel(OrderId id, OwnerId owner);
  // Cancel/replace of a resting order: new limit price and new total quantity (FIX OrderQty,
  // executed shares included). Keeps time priority only when the price is unchanged and the
  // quantity goes down; otherwise the order gets a new id, goes to the back of the new level and
  // may trade at once. `why` says what was wrong when the result is Rejected.
  ReplaceResult replace(OrderId id, OwnerId owner, Price price, Quantity quantity,
                        RejectReason* why = nullptr);

  const std::vector<Instrument>& instruments() const { return instruments_; }
  const Instrument* instrument(InstrumentId id) const {
    return id >= 1 && id <= instruments_.size() ? &instruments_[id - 1] : nullptr;
  }
  const OrderBook& book(InstrumentId id) const { return books_[id - 1]; }
  const Order* find(OrderId id) const;
  // The orders queued at one price level, first to match first (diagnostics and tests).
  std::vector<const Order*> queue(const PriceLevel& level) const;
  const MatchingStats& stats() const { return stats_; }

 private:
  bool validate(const OrderRequest& request, RejectReason& reason) const;
  void cancel_at(std::uint32_t index, CancelReason reason);
  void cancel_remainder(std::uint32_t index, CancelReason reason);  // an order not in the book
  // Trades the order at `aggressor_index` against the book. False when self-match prevention
  // canceled what is left of it (the caller must not book it).
  bool match(OrderBook& book, std::uint32_t aggressor_index);
  // Books the aggressor's remainder, or cancels it: after match(), for submit and replace.
  void finish(OrderBook& book, std::uint32_t index, bool may_rest);
  // What the book offers an incoming order at prices it accepts, up to `wanted`.
  Quantity available(const OrderBook& book, const OrderRequest& request, Quantity wanted) const;
  void release(std::uint32_t index) { pool_.release(index); }

  std::vector<Instrument> instruments_;
  std::vector<OrderBook> books_;
  OrderPool pool_;
  std::vector<MatchingListener*> listeners_;
  OrderId next_order_id_ = 1;
  std::uint64_t next_match_number_ = 1;
  MatchingStats stats_;
};

}  // namespace vtb::sim
