#pragma once
// The matching rules written the obvious way, for the differential test: every order of every
// instrument in one flat list, the next to match found by scanning for the best price and then the
// earliest time. Slow on purpose; nothing here is shared with the real core except the order and
// event vocabulary. It reports the same events, in the same order, as MatchingEngine's listeners.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "simulator/matching/instrument.hpp"
#include "simulator/matching/order.hpp"

namespace vtb::sim::reference {

// One listener callback, flattened so two runs can be compared field by field.
struct Event {
  char kind;  // A accepted, J rejected, T trade, B booked, C canceled, R reduced, P replaced,
              // M amended, D decremented, F replenished (refilled), G triggered
  std::int64_t a = 0, b = 0, c = 0, d = 0, e = 0;
  bool operator==(const Event&) const = default;
};

class ReferenceEngine {
 public:
  explicit ReferenceEngine(std::vector<Instrument> instruments)
      : instruments_(std::move(instruments)), last_(instruments_.size() + 1, 0) {}

  std::vector<Event> events;

  OrderId submit(const OrderRequest& request) {
    if (const auto reason = invalid(request, is_stop(request))) {
      events.push_back({'J', static_cast<std::int64_t>(*reason)});
      return 0;
    }
    Entry entry;
    entry.order.id = next_id_++;
    entry.order.request = request;
    entry.order.leaves = request.quantity;
    events.push_back({'A', static_cast<std::int64_t>(entry.order.id)});
    if (is_stop(request)) {
      entry.order.state = OrderState::StopPending;
      entry.time = next_time_++;
      orders_.push_back(entry);
      return entry.order.id;
    }
    orders_.push_back(entry);
    const OrderId id = entry.order.id;
    execute(id);
    trigger(request.instrument);
    return id;
  }

  CancelResult cancel(OrderId id, OwnerId owner) {
    Entry* entry = find(id);
    if (!entry) return CancelResult::UnknownOrder;
    if (entry->order.request.owner != owner) return CancelResult::NotOwner;
    cancel_resting(id, CancelReason::Requested);
    return CancelResult::Canceled;
  }

  ReplaceResult replace(OrderId id, OwnerId owner, Price price, Quantity quantity,
                        Price stop_price) {
    Entry* entry = find(id);
    if (!entry) return ReplaceResult::UnknownOrder;
    Order& order = entry->order;
    if (order.request.owner != owner) return ReplaceResult::NotOwner;
    const bool pending = order.state == OrderState::StopPending;
    OrderRequest changed = order.request;
    changed.price = price;
    changed.quantity = quantity;
    if (pending && stop_price > 0) changed.stop_price = stop_price;
    changed.display_quantity = std::min(changed.display_quantity, std::max<Quantity>(quantity, 0));
    changed.min_quantity = 0;
    if (invalid(changed, pending)) return ReplaceResult::Rejected;
    if (quantity <= order.executed) {
      cancel_resting(id, CancelReason::Requested);
      return ReplaceResult::Canceled;
    }
    const Quantity leaves = quantity - order.executed;
    if (pending) {
      if (changed.stop_price != order.request.stop_price) entry->time = next_time_++;
      order.request = changed;
      order.leaves = leaves;
      events.push_back({'M', static_cast<std::int64_t>(id)});
      return ReplaceResult::Amended;
    }
    if (price == order.request.price && leaves <= order.leaves) {
      const Quantity reduced_by = order.leaves - leaves;
      const Quantity shown = order.displayed;
      order.leaves = leaves;
      order.request = changed;
      order.displayed = std::min(order.displayed, leaves);
      events.push_back({'R', static_cast<std::int64_t>(id), reduced_by, shown - order.displayed});
      return ReplaceResult::Reduced;
    }
    order.request = changed;
    order.leaves = leaves;
    order.id = next_id_++;
    entry->time = next_time_++;  // the back of its new level
    const Entry* contra = best(changed.instrument, opposite(changed.side));
    const bool will_trade = contra && crosses(changed, contra->order.request.price);
    events.push_back({'P', static_cast<std::int64_t>(id), static_cast<std::int64_t>(order.id),
                      leaves, price, will_trade});
    if (!will_trade) {
      order.displayed = peak(order);
      return ReplaceResult::Replaced;
    }
    const OrderId new_id = order.id;
    entry->booked = false;
    finish(new_id, match(new_id));
    trigger(changed.instrument);
    return ReplaceResult::Replaced;
  }

  void advance_time(std::int64_t now) {
    if (now <= now_) return;
    now_ = now;
    for (;;) {
      const Entry* due = nullptr;
      for (const Entry& e : orders_) {
        const OrderRequest& r = e.order.request;
        if (r.time_in_force == TimeInForce::GoodTillDate && r.expire_time <= now &&
            (!due || r.expire_time < due->order.request.expire_time))
          due = &e;
      }
      if (!due) return;
      cancel_resting(due->order.id, CancelReason::Expired);
    }
  }

  // Resting quantity and order count at one price (0, 0 when none), for comparing books.
  std::pair<Quantity, std::uint32_t> level(InstrumentId instrument, Side side, Price price) const {
    Quantity quantity = 0;
    std::uint32_t count = 0;
    for (const Entry& e : orders_) {
      const OrderRequest& r = e.order.request;
      if (e.booked && r.instrument == instrument && r.side == side && r.price == price) {
        quantity += e.order.leaves;
        ++count;
      }
    }
    return {quantity, count};
  }
  std::size_t resting(InstrumentId instrument) const {
    return static_cast<std::size_t>(std::count_if(orders_.begin(), orders_.end(), [&](auto& e) {
      return e.order.request.instrument == instrument;
    }));
  }
  std::size_t live() const { return orders_.size(); }
  // A live order's id and owner by position, for tests choosing what to cancel or replace.
  std::pair<OrderId, OwnerId> live_order(std::size_t i) const {
    return {orders_[i].order.id, orders_[i].order.request.owner};
  }
  Price last_trade(InstrumentId instrument) const { return last_[instrument]; }

 private:
  struct Entry {
    Order order;
    std::uint64_t time = 0;  // priority among equal prices (or equal stop prices)
    bool booked = false;     // resting in the book (not a pending stop, not the aggressor)
  };

  static Quantity peak(const Order& o) {
    return o.request.display_quantity > 0 ? std::min(o.request.display_quantity, o.leaves)
                                          : o.leaves;
  }
  static bool crosses(const OrderRequest& aggressor, Price resting) {
    if (aggressor.type == OrderType::Market || aggressor.type == OrderType::Stop) return true;
    return aggressor.side == Side::Buy ? resting <= aggressor.price : resting >= aggressor.price;
  }

  Entry* find(OrderId id) {
    for (Entry& e : orders_)
      if (e.order.id == id) return &e;
    return nullptr;
  }
  void erase(OrderId id) {
    orders_.erase(std::find_if(orders_.begin(), orders_.end(),
                               [&](const Entry& e) { return e.order.id == id; }));
  }

  // The resting order that matches next on `side`: best price, then earliest.
  const Entry* best(InstrumentId instrument, Side side) const {
    const Entry* found = nullptr;
    for (const Entry& e : orders_) {
      const OrderRequest& r = e.order.request;
      if (!e.booked || r.instrument != instrument || r.side != side) continue;
      if (!found) {
        found = &e;
        continue;
      }
      const Price p = r.price, q = found->order.request.price;
      const bool better = side == Side::Buy ? p > q : p < q;
      if (better || (p == q && e.time < found->time)) found = &e;
    }
    return found;
  }
  Entry* best(InstrumentId instrument, Side side) {
    return const_cast<Entry*>(std::as_const(*this).best(instrument, side));
  }

  std::optional<RejectReason> invalid(const OrderRequest& r, bool pending_stop) const {
    if (r.instrument < 1 || r.instrument > instruments_.size())
      return RejectReason::UnknownInstrument;
    const Instrument& in = instruments_[r.instrument - 1];
    const bool limit = r.type == OrderType::Limit || r.type == OrderType::StopLimit;
    const bool stop = is_stop(r);
    const bool can_rest = limit && r.time_in_force != TimeInForce::ImmediateOrCancel &&
                          r.time_in_force != TimeInForce::FillOrKill;
    if (r.quantity <= 0) return RejectReason::InvalidQuantity;
    if (r.quantity > kMaxOrderQuantity) return RejectReason::QuantityTooLarge;
    if (r.quantity % in.lot_size) return RejectReason::QuantityNotLotMultiple;
    if (limit && r.price <= 0) return RejectReason::InvalidPrice;
    if (limit && r.price > kMaxPrice) return RejectReason::PriceTooHigh;
    if (limit && r.price % in.tick_size) return RejectReason::PriceNotTickMultiple;
    if (stop && (r.stop_price <= 0 || r.stop_price > kMaxPrice))
      return RejectReason::InvalidStopPrice;
    if (stop && r.stop_price % in.tick_size) return RejectReason::StopPriceNotTickMultiple;
    const Price last = last_[r.instrument];
    if (pending_stop && last > 0 &&
        (r.side == Side::Buy ? r.stop_price <= last : r.stop_price >= last))
      return RejectReason::StopPriceThroughLastTrade;
    if (r.display_quantity < 0 || r.display_quantity > r.quantity ||
        (r.display_quantity > 0 && (!can_rest || r.display_quantity % in.lot_size)))
      return RejectReason::InvalidDisplayQuantity;
    if (r.min_quantity < 0 || r.min_quantity > r.quantity) return RejectReason::InvalidMinQuantity;
    if (r.time_in_force == TimeInForce::GoodTillDate && r.expire_time <= now_)
      return RejectReason::ExpireTimeNotInFuture;
    return std::nullopt;
  }

  // What the aggressor could trade now: the resting orders it crosses, in priority order, less
  // those self-match prevention would not trade with.
  Quantity available(const OrderRequest& aggressor) const {
    std::vector<const Entry*> contra;
    for (const Entry& e : orders_) {
      const OrderRequest& r = e.order.request;
      if (e.booked && r.instrument == aggressor.instrument && r.side != aggressor.side &&
          crosses(aggressor, r.price))
        contra.push_back(&e);
    }
    std::sort(contra.begin(), contra.end(), [&](const Entry* x, const Entry* y) {
      const Price p = x->order.request.price, q = y->order.request.price;
      if (p != q) return aggressor.side == Side::Buy ? p < q : p > q;
      return x->time < y->time;
    });
    Quantity total = 0;
    for (const Entry* e : contra) {
      if (aggressor.self_match != SelfMatchPrevention::None &&
          e->order.request.owner == aggressor.owner) {
        if (aggressor.self_match == SelfMatchPrevention::CancelResting) continue;
        return total;
      }
      total += e->order.leaves;
    }
    return total;
  }

  void execute(OrderId id) {
    const Order& order = find(id)->order;
    const bool fok = order.request.time_in_force == TimeInForce::FillOrKill;
    const Quantity needed = fok ? order.leaves : order.request.min_quantity;
    if (needed > 0 && available(order.request) < needed) {
      cancel_unbooked(id, fok ? CancelReason::FillOrKill : CancelReason::MinQuantity);
      return;
    }
    finish(id, match(id));
  }

  void trigger(InstrumentId instrument) {
    for (;;) {
      const Price last = last_[instrument];
      if (last == 0) return;
      Entry* next = nullptr;
      for (const Side side : {Side::Buy, Side::Sell}) {
        for (Entry& e : orders_) {
          const OrderRequest& r = e.order.request;
          if (e.order.state != OrderState::StopPending || r.instrument != instrument ||
              r.side != side)
            continue;
          const bool reached = side == Side::Buy ? r.stop_price <= last : r.stop_price >= last;
          if (!reached) continue;
          const Price s = r.stop_price;
          const Price t = next ? next->order.request.stop_price : 0;
          const bool first = side == Side::Buy ? s < t : s > t;
          if (!next || first || (s == t && e.time < next->time)) next = &e;
        }
        if (next) break;
      }
      if (!next) return;
      next->order.state = OrderState::Working;
      events.push_back({'G', static_cast<std::int64_t>(next->order.id)});
      execute(next->order.id);
    }
  }

  // Trades the aggressor; false when self-match prevention canceled what is left of it.
  bool match(OrderId aggressor_id) {
    for (;;) {
      Entry* aggressor = find(aggressor_id);
      Order& a = aggressor->order;
      if (a.leaves == 0) return true;
      Entry* resting = best(a.request.instrument, opposite(a.request.side));
      if (!resting || !crosses(a.request, resting->order.request.price)) return true;
      Order& r = resting->order;
      const SelfMatchPrevention smp = a.request.self_match;
      if (smp != SelfMatchPrevention::None && r.request.owner == a.request.owner) {
        if (smp == SelfMatchPrevention::CancelIncoming) return false;
        if (smp == SelfMatchPrevention::Decrement) {
          const Quantity by = std::min(a.leaves, r.leaves);
          const bool a_gone = a.leaves == by;
          if (r.leaves == by) {
            cancel_resting(r.id, CancelReason::SelfMatch);
          } else {
            const Quantity shown = r.displayed;
            r.leaves -= by;
            r.request.quantity -= by;
            r.displayed = std::min(r.displayed, r.leaves);
            events.push_back({'D', static_cast<std::int64_t>(r.id), by, shown - r.displayed, 1});
          }
          if (a_gone) return false;
          Order& again = find(aggressor_id)->order;  // the list may have shifted
          again.leaves -= by;
          again.request.quantity -= by;
          events.push_back({'D', static_cast<std::int64_t>(again.id), by, 0, 0});
          continue;
        }
        cancel_resting(r.id, CancelReason::SelfMatch);
        if (smp == SelfMatchPrevention::CancelBoth) return false;
        continue;
      }
      const Quantity q = std::min(a.leaves, r.displayed);
      const Price price = r.request.price;
      a.leaves -= q;
      a.executed += q;
      a.executed_value += price * q;
      r.leaves -= q;
      r.displayed -= q;
      r.executed += q;
      r.executed_value += price * q;
      last_[a.request.instrument] = price;
      events.push_back(
          {'T', static_cast<std::int64_t>(a.id), static_cast<std::int64_t>(r.id), q, price});
      if (r.leaves == 0) {
        erase(r.id);
      } else if (r.displayed == 0) {
        const OrderId old = r.id;
        r.id = next_id_++;
        resting->time = next_time_++;
        r.displayed = peak(r);
        events.push_back({'F', static_cast<std::int64_t>(old), static_cast<std::int64_t>(r.id),
                          r.displayed, r.leaves});
      }
    }
  }

  void finish(OrderId id, bool may_rest) {
    Entry* entry = find(id);
    Order& o = entry->order;
    const bool any_price = o.request.type == OrderType::Market || o.request.type == OrderType::Stop;
    if (o.leaves == 0) {
      erase(id);
    } else if (!may_rest) {
      cancel_unbooked(id, CancelReason::SelfMatch);
    } else if (any_price || o.request.time_in_force == TimeInForce::ImmediateOrCancel ||
               o.request.time_in_force == TimeInForce::FillOrKill) {
      cancel_unbooked(id, any_price ? CancelReason::NoLiquidity : CancelReason::ImmediateOrCancel);
    } else {
      o.displayed = peak(o);
      entry->time = next_time_++;
      entry->booked = true;
      events.push_back({'B', static_cast<std::int64_t>(id), o.leaves});
    }
  }

  void cancel_unbooked(OrderId id, CancelReason reason) {
    const Order& o = find(id)->order;
    events.push_back(
        {'C', static_cast<std::int64_t>(id), o.leaves, static_cast<std::int64_t>(reason), 0});
    erase(id);
  }
  void cancel_resting(OrderId id, CancelReason reason) {
    const Entry& e = *find(id);
    events.push_back({'C', static_cast<std::int64_t>(id), e.order.leaves,
                      static_cast<std::int64_t>(reason), e.order.state == OrderState::Working});
    erase(id);
  }

  std::vector<Instrument> instruments_;
  std::vector<Entry> orders_;
  std::vector<Price> last_;  // by instrument id
  OrderId next_id_ = 1;
  std::uint64_t next_time_ = 1;
  std::int64_t now_ = 0;
};

}  // namespace vtb::sim::reference
