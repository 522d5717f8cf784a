#pragma once
// The matching rules written the obvious way, for the differential test: every order of every
// instrument in one flat list, the next to match found by scanning for the best price and then the
// earliest time. Slow on purpose; nothing here is shared with the real core except the order and
// event vocabulary. It reports the same events, in the same order, as MatchingEngine's listeners.

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <vector>

#include "simulator/journal/core_events.hpp"
#include "simulator/matching/instrument.hpp"
#include "simulator/matching/order.hpp"

namespace vtb::sim::reference {

using Event = CoreEvent;

class ReferenceEngine {
 public:
  ReferenceEngine(std::vector<Instrument> instruments, TradingPhase phase)
      : instruments_(std::move(instruments)),
        last_(instruments_.size() + 1, 0),
        phases_(instruments_.size() + 1, phase) {}

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
    const TradingPhase phase = phases_[request.instrument];
    if (is_stop(request)) {
      entry.order.state = OrderState::StopPending;
      entry.time = next_time_++;
      orders_.push_back(entry);
      return entry.order.id;
    }
    if (request.time_in_force == TimeInForce::AtTheClose && phase != TradingPhase::PreClose) {
      entry.order.state = OrderState::Held;
      entry.time = next_time_++;
      orders_.push_back(entry);
      return entry.order.id;
    }
    orders_.push_back(entry);
    if (phase != TradingPhase::Continuous) {
      book(entry.order.id);
      return entry.order.id;
    }
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
    const bool off_book = order.state != OrderState::Working;
    OrderRequest changed = order.request;
    changed.price = price;
    changed.quantity = quantity;
    if (pending && stop_price > 0) changed.stop_price = stop_price;
    changed.display_quantity = std::min(changed.display_quantity, std::max<Quantity>(quantity, 0));
    changed.min_quantity = 0;
    if (invalid(changed, pending)) return ReplaceResult::Rejected;
    if (quantity <= order.executed) {
      cancel_resting(id, CancelReason::ReplacedToExecuted);
      return ReplaceResult::Canceled;
    }
    const Quantity leaves = quantity - order.executed;
    if (off_book) {
      if (pending && changed.stop_price != order.request.stop_price) entry->time = next_time_++;
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
    const bool will_trade = phases_[changed.instrument] == TradingPhase::Continuous && contra &&
                            crosses(changed, contra->order.request.price);
    events.push_back({'P', static_cast<std::int64_t>(id), static_cast<std::int64_t>(order.id),
                      leaves, price, will_trade});
    if (!will_trade) {
      order.displayed = peak(order);
      return ReplaceResult::Replaced;
    }
    const OrderId new_id = order.id;
    entry->booked = false;
    reach_ = 0;
    collared_ = false;
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

  bool set_phase(InstrumentId instrument, TradingPhase target) {
    using P = TradingPhase;
    const P from = phases_[instrument];
    const bool allowed = (from == P::Closed && target == P::PreOpen) ||
                         (from == P::PreOpen && (target == P::Continuous || target == P::Closed)) ||
                         (from == P::Continuous &&
                          (target == P::Halted || target == P::PreClose || target == P::Closed)) ||
                         (from == P::Halted && (target == P::Continuous || target == P::PreClose ||
                                                target == P::Closed)) ||
                         (from == P::PreClose && target == P::Closed);
    if (!allowed) return false;
    const auto tif_is = [](TimeInForce a, TimeInForce b = TimeInForce(255)) {
      return [a, b](const Order& o) {
        return o.request.time_in_force == a || o.request.time_in_force == b;
      };
    };
    if (target == P::Continuous) {
      uncross(instrument, from == P::PreOpen ? AuctionKind::Opening : AuctionKind::Reopening);
      if (from == P::PreOpen)
        cancel_where(instrument, CancelReason::AuctionEnded, tif_is(TimeInForce::AtTheOpen));
    } else if (from == P::PreClose) {
      uncross(instrument, AuctionKind::Closing);
    }
    phases_[instrument] = target;
    if (target == P::PreClose) {
      std::vector<Entry*> held;
      for (Entry& e : orders_)
        if (e.order.state == OrderState::Held && e.order.request.instrument == instrument)
          held.push_back(&e);
      std::sort(held.begin(), held.end(), [](Entry* a, Entry* b) { return a->time < b->time; });
      std::vector<OrderId> ids;
      for (Entry* e : held)
        ids.push_back(e->order.id);
      for (const OrderId id : ids)
        book(id);
    }
    if (target == P::Closed) {
      cancel_where(instrument, CancelReason::AuctionEnded,
                   tif_is(TimeInForce::AtTheOpen, TimeInForce::AtTheClose));
      cancel_where(instrument, CancelReason::DayEnded, tif_is(TimeInForce::Day));
    }
    events.push_back({'H', instrument, static_cast<std::int64_t>(target)});
    if (target == P::Continuous) trigger(instrument);
    return true;
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
  // `reach`: how far an order that trades at any price may go (0: anywhere).
  static bool crosses(const OrderRequest& aggressor, Price resting, Price reach = 0) {
    if (aggressor.type == OrderType::Market || aggressor.type == OrderType::Stop) {
      if (reach == 0) return true;
      return aggressor.side == Side::Buy ? resting <= reach : resting >= reach;
    }
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

  // The auction by brute force: every candidate price tried against every order.
  struct Quote {
    Price price = 0;
    Quantity volume = 0, surplus = 0;
  };
  Quote indicative(InstrumentId instrument) const {
    Price high = 0, low = 0;
    for (const Entry& e : orders_) {
      const OrderRequest& r = e.order.request;
      if (!e.booked || r.instrument != instrument) continue;
      if (r.side == Side::Buy) high = std::max(high, r.price);
      if (r.side == Side::Sell) low = low == 0 ? r.price : std::min(low, r.price);
    }
    if (high == 0 || low == 0 || high < low) return {};
    const Price reference =
        last_[instrument] > 0 ? last_[instrument] : instruments_[instrument - 1].reference_price;
    std::vector<Price> candidates;
    for (const Entry& e : orders_) {
      const Price p = e.order.request.price;
      if (e.booked && e.order.request.instrument == instrument && p >= low && p <= high)
        candidates.push_back(p);
    }
    if (reference >= low && reference <= high) candidates.push_back(reference);
    std::vector<Quote> quotes;
    for (const Price p : candidates) {
      if (std::any_of(quotes.begin(), quotes.end(), [&](const Quote& q) { return q.price == p; }))
        continue;
      Quantity buy = 0, sell = 0;
      for (const Entry& e : orders_) {
        const OrderRequest& r = e.order.request;
        if (!e.booked || r.instrument != instrument) continue;
        if (r.side == Side::Buy && r.price >= p) buy += e.order.leaves;
        if (r.side == Side::Sell && r.price <= p) sell += e.order.leaves;
      }
      quotes.push_back({p, std::min(buy, sell), buy - sell});
    }
    // Rule by rule: most volume, least surplus, market pressure, nearest the reference (higher
    // of two equally near).
    Quantity most = 0;
    for (const Quote& q : quotes)
      most = std::max(most, q.volume);
    if (most == 0) return {};
    std::erase_if(quotes, [&](const Quote& q) { return q.volume != most; });
    Quantity least = -1;
    for (const Quote& q : quotes)
      if (least < 0 || std::abs(q.surplus) < least) least = std::abs(q.surplus);
    std::erase_if(quotes, [&](const Quote& q) { return std::abs(q.surplus) != least; });
    const bool buyers =
        std::all_of(quotes.begin(), quotes.end(), [](auto& q) { return q.surplus > 0; });
    const bool sellers =
        std::all_of(quotes.begin(), quotes.end(), [](auto& q) { return q.surplus < 0; });
    Quote chosen = quotes.front();
    for (const Quote& q : quotes) {
      if (buyers) {
        if (q.price > chosen.price) chosen = q;
      } else if (sellers) {
        if (q.price < chosen.price) chosen = q;
      } else {
        const Price d = std::abs(q.price - reference), best = std::abs(chosen.price - reference);
        if (d < best || (d == best && q.price > chosen.price)) chosen = q;
      }
    }
    return chosen;
  }

  void uncross(InstrumentId instrument, AuctionKind kind) {
    const Quote quote = indicative(instrument);
    Quantity traded = 0;
    while (quote.volume > 0) {
      Entry* b = best(instrument, Side::Buy);
      Entry* s = best(instrument, Side::Sell);
      if (!b || !s || b->order.request.price < quote.price || s->order.request.price > quote.price)
        break;
      Order& buy = b->order;
      Order& sell = s->order;
      const Quantity q = std::min(buy.leaves, sell.leaves);
      for (Order* o : {&buy, &sell}) {
        o->displayed -= std::min(q, o->displayed);
        o->leaves -= q;
        o->executed += q;
        o->executed_value += quote.price * q;
      }
      last_[instrument] = quote.price;
      traded += q;
      events.push_back({'T', static_cast<std::int64_t>(buy.id), static_cast<std::int64_t>(sell.id),
                        q, quote.price});
      const OrderId ids[] = {buy.id, sell.id};
      for (const OrderId id : ids) {
        Entry* e = find(id);
        if (e->order.leaves == 0) {
          erase(id);
        } else if (e->order.displayed == 0) {
          refill(*e);
        }
      }
    }
    events.push_back(
        {'U', instrument, static_cast<std::int64_t>(kind), traded > 0 ? quote.price : 0, traded});
  }

  template <class Predicate>
  void cancel_where(InstrumentId instrument, CancelReason reason, Predicate ends) {
    std::vector<OrderId> ids;
    for (const Entry& e : orders_)
      if (e.order.request.instrument == instrument && ends(e.order)) ids.push_back(e.order.id);
    std::sort(ids.begin(), ids.end());
    for (const OrderId id : ids)
      cancel_resting(id, reason);
  }

  void refill(Entry& e) {
    const OrderId old = e.order.id;
    e.order.id = next_id_++;
    e.time = next_time_++;
    e.order.displayed = peak(e.order);
    events.push_back({'F', static_cast<std::int64_t>(old), static_cast<std::int64_t>(e.order.id),
                      e.order.displayed, e.order.leaves});
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
    if (r.type == OrderType::Limit && in.collar_bps > 0 &&
        (r.side == Side::Buy ? r.price > reach(r.instrument, Side::Buy)
                             : r.price < reach(r.instrument, Side::Sell)))
      return RejectReason::PriceOutsideCollar;
    const TradingPhase phase = phases_[r.instrument];
    const bool auction_only =
        r.time_in_force == TimeInForce::AtTheOpen || r.time_in_force == TimeInForce::AtTheClose;
    if (phase == TradingPhase::Closed) return RejectReason::MarketClosed;
    if (auction_only && r.type != OrderType::Limit) return RejectReason::MarketOrderInAuction;
    if (r.time_in_force == TimeInForce::AtTheOpen && phase != TradingPhase::PreOpen)
      return RejectReason::AtTheOpenNotNow;
    if (r.time_in_force == TimeInForce::AtTheClose && phase == TradingPhase::PreOpen)
      return RejectReason::AtTheCloseNotNow;
    if (phase != TradingPhase::Continuous &&
        (r.type == OrderType::Market || r.time_in_force == TimeInForce::ImmediateOrCancel ||
         r.time_in_force == TimeInForce::FillOrKill || r.min_quantity > 0))
      return RejectReason::NeedsContinuousTrading;
    return std::nullopt;
  }

  // What the aggressor could trade now: the resting orders it crosses, in priority order, less
  // those self-match prevention would not trade with.
  Quantity available(const OrderRequest& aggressor) const {
    std::vector<const Entry*> contra;
    for (const Entry& e : orders_) {
      const OrderRequest& r = e.order.request;
      if (e.booked && r.instrument == aggressor.instrument && r.side != aggressor.side &&
          crosses(aggressor, r.price, reach_))
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

  Price reach(InstrumentId instrument, Side side) const {
    const Instrument& in = instruments_[instrument - 1];
    if (in.collar_bps == 0) return 0;
    const Price ref = last_[instrument] > 0 ? last_[instrument] : in.reference_price;
    const Price width = ref * in.collar_bps / 10'000;
    return side == Side::Buy ? ref + width : std::max<Price>(ref - width, 1);
  }

  void execute(OrderId id) {
    const Order& order = find(id)->order;
    const bool any_price =
        order.request.type == OrderType::Market || order.request.type == OrderType::Stop;
    reach_ = any_price ? reach(order.request.instrument, order.request.side) : 0;
    collared_ = false;
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
      if (!resting) return true;
      if (!crosses(a.request, resting->order.request.price, reach_)) {
        collared_ = reach_ != 0 && crosses(a.request, resting->order.request.price);
        return true;
      }
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
        refill(*resting);
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
      cancel_unbooked(id, !any_price  ? CancelReason::ImmediateOrCancel
                          : collared_ ? CancelReason::PriceCollar
                                      : CancelReason::NoLiquidity);
    } else {
      book(id);
    }
  }

  void book(OrderId id) {
    Entry* entry = find(id);
    Order& o = entry->order;
    o.state = OrderState::Working;
    o.displayed = peak(o);
    entry->time = next_time_++;
    entry->booked = true;
    events.push_back({'B', static_cast<std::int64_t>(id), o.leaves});
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
  std::vector<Price> last_;           // by instrument id
  std::vector<TradingPhase> phases_;  // by instrument id
  Price reach_ = 0;  // the aggressor being matched: how far it may trade (0: its own price)
  bool collared_ = false;
  OrderId next_id_ = 1;
  std::uint64_t next_time_ = 1;
  std::int64_t now_ = 0;
};

}  // namespace vtb::sim::reference
