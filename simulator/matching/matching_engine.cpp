#include "simulator/matching/matching_engine.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ranges>
#include <stdexcept>

namespace vtb::sim {

#if !defined(NDEBUG) || defined(VTB_CHECK_INVARIANTS)
inline constexpr bool kCheckInvariants = true;
#else
inline constexpr bool kCheckInvariants = false;
#endif

const char* describe(RejectReason reason) {
  switch (reason) {
    case RejectReason::UnknownInstrument:
      return "unknown instrument";
    case RejectReason::InvalidQuantity:
      return "quantity must be positive";
    case RejectReason::QuantityNotLotMultiple:
      return "quantity is not a multiple of the lot size";
    case RejectReason::QuantityTooLarge:
      return "quantity is above the venue's limit of 1000000000";
    case RejectReason::PriceTooHigh:
      return "price is above the venue's limit of 429496.7295";
    case RejectReason::InvalidPrice:
      return "limit price must be positive";
    case RejectReason::PriceNotTickMultiple:
      return "price is not a multiple of the tick size";
    case RejectReason::InvalidStopPrice:
      return "stop price must be positive and at most 429496.7295";
    case RejectReason::StopPriceNotTickMultiple:
      return "stop price is not a multiple of the tick size";
    case RejectReason::StopPriceThroughLastTrade:
      return "stop price already reached: a buy stop must be above the last trade price, a sell "
             "stop below it";
    case RejectReason::InvalidDisplayQuantity:
      return "display quantity must be a lot multiple no larger than the order quantity, on a "
             "limit order that can rest";
    case RejectReason::InvalidMinQuantity:
      return "minimum quantity must be between 0 and the order quantity";
    case RejectReason::ExpireTimeNotInFuture:
      return "a Good-Till-Date order needs an expire time in the future";
    case RejectReason::MarketClosed:
      return "the instrument is closed: no new orders or replaces";
    case RejectReason::NeedsContinuousTrading:
      return "market, IOC, FOK and minimum-quantity orders are not accepted during an auction "
             "call";
    case RejectReason::AtTheOpenNotNow:
      return "At-the-Open orders are accepted only in the pre-open call";
    case RejectReason::AtTheCloseNotNow:
      return "At-the-Close orders are accepted only between the open and the closing auction";
    case RejectReason::MarketOrderInAuction:
      return "At-the-Open and At-the-Close orders must be limit orders";
    case RejectReason::PriceOutsideCollar:
      return "price is beyond the instrument's price collar (too far through the last trade or "
             "reference price)";
    case RejectReason::OrderCapacity:
      return "the venue holds as many live orders as it can: cancel some first";
  }
  return "rejected";
}

MatchingEngine::MatchingEngine(std::vector<Instrument> instruments, TradingPhase phase,
                               std::uint32_t max_live_orders)
    : instruments_(std::move(instruments)), state_(instruments_.size()), pool_(max_live_orders) {
  if (max_live_orders == 0 || max_live_orders > kMaxLiveOrders)
    throw std::invalid_argument("live order limit must be 1.." + std::to_string(kMaxLiveOrders));
  for (std::size_t i = 0; i < instruments_.size(); ++i) {
    if (instruments_[i].id != i + 1) throw std::invalid_argument("instrument ids must be 1..N");
    state_[i].tick_magic = UINT64_MAX / static_cast<std::uint64_t>(instruments_[i].tick_size) + 1;
    state_[i].lot_magic = UINT64_MAX / static_cast<std::uint64_t>(instruments_[i].lot_size) + 1;
    state_[i].reference_price = instruments_[i].reference_price;
    state_[i].collar_bps = instruments_[i].collar_bps;
    state_[i].phase = phase;
  }
}

const Order* MatchingEngine::find(OrderId id) const {
  const std::uint32_t index = pool_.find(id);
  return index == kNoOrder ? nullptr : &pool_[index];
}

std::vector<const Order*> MatchingEngine::queue(const PriceLevel& level) const {
  std::vector<const Order*> orders;
  for (std::uint32_t i = level.head; i != kNoOrder; i = pool_[i].next)
    orders.push_back(&pool_[i]);
  return orders;
}

namespace {

// The quantity a resting order shows and matches: its iceberg peak, or all of it.
Quantity peak(const Order& order) {
  const Quantity display = order.request.display_quantity;
  return display > 0 ? std::min(display, order.leaves) : order.leaves;
}

// `n` (at most 2^32 - 1) is a multiple of the divisor whose magic number is `magic`.
bool multiple(std::int64_t n, std::uint64_t magic) {
  return static_cast<std::uint64_t>(n) * magic <= magic - 1;
}

// `reach`: how far an order that trades at any price may go (0: anywhere).
bool crosses(const OrderRequest& aggressor, Price resting_price, Price reach = 0) {
  if (trades_at_any_price(aggressor)) {
    return reach == 0 ||
           (aggressor.side == Side::Buy ? resting_price <= reach : resting_price >= reach);
  }
  return aggressor.side == Side::Buy ? resting_price <= aggressor.price
                                     : resting_price >= aggressor.price;
}

}  // namespace

bool MatchingEngine::plain_limit_valid(const OrderRequest& r, const InstrumentState& state) const {
  using TIF = TimeInForce;
  // 0 < x <= max in one unsigned comparison; `&` rather than `&&`: one branch, not ten.
  const auto within = [](std::int64_t x, std::int64_t max) {
    return static_cast<std::uint64_t>(x - 1) < static_cast<std::uint64_t>(max);
  };
  const bool plain = (r.type == OrderType::Limit) & (r.display_quantity == 0) &
                     (r.min_quantity == 0) & (r.time_in_force != TIF::GoodTillDate) &
                     (r.time_in_force != TIF::AtTheOpen) & (r.time_in_force != TIF::AtTheClose) &
                     (state.phase == TradingPhase::Continuous);
  const bool sound = within(r.quantity, kMaxOrderQuantity) & within(r.price, kMaxPrice) &
                     multiple(r.quantity, state.lot_magic) & multiple(r.price, state.tick_magic);
  return plain & sound && within_collar(r, state);
}

bool MatchingEngine::within_collar(const OrderRequest& r, const InstrumentState& state) const {
  return state.collar_bps == 0 || (r.side == Side::Buy ? r.price <= reach(state, Side::Buy)
                                                       : r.price >= reach(state, Side::Sell));
}

bool MatchingEngine::check_request(const OrderRequest& request, bool pending_stop,
                                   RejectReason& reason) const {
  const InstrumentState* instr = state_of(request.instrument);
  const bool limit = request.type == OrderType::Limit || request.type == OrderType::StopLimit;
  const bool can_rest = limit && request.time_in_force != TimeInForce::ImmediateOrCancel &&
                        request.time_in_force != TimeInForce::FillOrKill;
  if (!instr) {
    reason = RejectReason::UnknownInstrument;
  } else if (request.quantity <= 0) {
    reason = RejectReason::InvalidQuantity;
  } else if (request.quantity > kMaxOrderQuantity) {
    reason = RejectReason::QuantityTooLarge;
  } else if (!multiple(request.quantity, instr->lot_magic)) {
    reason = RejectReason::QuantityNotLotMultiple;
  } else if (limit && request.price <= 0) {
    reason = RejectReason::InvalidPrice;
  } else if (limit && request.price > kMaxPrice) {
    reason = RejectReason::PriceTooHigh;
  } else if (limit && !multiple(request.price, instr->tick_magic)) {
    reason = RejectReason::PriceNotTickMultiple;
  } else if (is_stop(request) && (request.stop_price <= 0 || request.stop_price > kMaxPrice)) {
    reason = RejectReason::InvalidStopPrice;
  } else if (is_stop(request) && !multiple(request.stop_price, instr->tick_magic)) {
    reason = RejectReason::StopPriceNotTickMultiple;
  } else if (pending_stop && instr->last_trade > 0 &&
             (request.side == Side::Buy ? request.stop_price <= instr->last_trade
                                        : request.stop_price >= instr->last_trade)) {
    reason = RejectReason::StopPriceThroughLastTrade;
  } else if (request.display_quantity < 0 || request.display_quantity > request.quantity ||
             (request.display_quantity > 0 &&
              (!can_rest || !multiple(request.display_quantity, instr->lot_magic)))) {
    reason = RejectReason::InvalidDisplayQuantity;
  } else if (request.min_quantity < 0 || request.min_quantity > request.quantity) {
    reason = RejectReason::InvalidMinQuantity;
  } else if (request.time_in_force == TimeInForce::GoodTillDate && request.expire_time <= now_) {
    reason = RejectReason::ExpireTimeNotInFuture;
  } else if (request.type == OrderType::Limit && !within_collar(request, *instr)) {
    reason = RejectReason::PriceOutsideCollar;
  } else if (instr->phase == TradingPhase::Closed) {
    reason = RejectReason::MarketClosed;
  } else if ((request.time_in_force == TimeInForce::AtTheOpen ||
              request.time_in_force == TimeInForce::AtTheClose) &&
             request.type != OrderType::Limit) {
    reason = RejectReason::MarketOrderInAuction;
  } else if (request.time_in_force == TimeInForce::AtTheOpen &&
             instr->phase != TradingPhase::PreOpen) {
    reason = RejectReason::AtTheOpenNotNow;
  } else if (request.time_in_force == TimeInForce::AtTheClose &&
             instr->phase == TradingPhase::PreOpen) {
    reason = RejectReason::AtTheCloseNotNow;
  } else if (instr->phase != TradingPhase::Continuous &&
             (request.type == OrderType::Market ||
              request.time_in_force == TimeInForce::ImmediateOrCancel ||
              request.time_in_force == TimeInForce::FillOrKill || request.min_quantity > 0)) {
    reason = RejectReason::NeedsContinuousTrading;
  } else {
    return true;
  }
  return false;
}

OrderId MatchingEngine::submit(const OrderRequest& request) {
  if (input_listener_) input_listener_->on_submit(request);
  if (const InstrumentState* state = state_of(request.instrument))
    state->book.prefetch(request.side);
  RejectReason reason = RejectReason::OrderCapacity;
  if (pool_.full() || !validate(request, is_stop(request), reason)) {
    ++stats_.rejected;
    for (auto* l : listeners_)
      l->on_rejected(request, reason);
    return 0;
  }
  const std::uint32_t index = pool_.allocate(next_sequence_++);
  Order& order = pool_[index];
  const OrderId id = order.id;
  order.request = request;
  order.leaves = request.quantity;
  ++stats_.accepted;
  if (request.time_in_force == TimeInForce::GoodTillDate) {
    expiries_.push_back({request.expire_time, id});
    std::push_heap(expiries_.begin(), expiries_.end(),
                   [](const Expiry& a, const Expiry& b) { return a.time > b.time; });
  }
  for (auto* l : listeners_)
    l->on_accepted(order);
  const TradingPhase phase = state_[request.instrument - 1].phase;
  if (is_stop(request)) {
    order.state = OrderState::StopPending;
    state_[request.instrument - 1].stops.insert(pool_, index);
  } else if (request.time_in_force == TimeInForce::AtTheClose && phase != TradingPhase::PreClose) {
    order.state = OrderState::Held;
    state_[request.instrument - 1].held.push_back(index);
  } else if (phase != TradingPhase::Continuous) {
    book_order(state_[request.instrument - 1].book, index);  // a call: collected, not matched
  } else {
    execute(index);
    trigger_stops(request.instrument);
  }
  verify(request.instrument);
  return id;
}

Price MatchingEngine::reach(const InstrumentState& state, Side side) const {
  if (state.collar_bps == 0) return 0;
  const Price reference = state.reference();
  const Price width = reference * state.collar_bps / 10'000;
  return side == Side::Buy ? reference + width : std::max<Price>(reference - width, 1);
}

void MatchingEngine::execute(std::uint32_t index) {
  const OrderRequest& request = pool_[index].request;
  InstrumentState& state = state_[request.instrument - 1];
  OrderBook& book = state.book;
  // Set for this aggressor from where the market stands now; limit orders were held to the
  // collar when they were validated.
  const Price limit = trades_at_any_price(request) ? reach(state, request.side) : 0;
  const bool fok = request.time_in_force == TimeInForce::FillOrKill;
  const Quantity needed = fok ? pool_[index].leaves : request.min_quantity;
  if (needed > 0 && available(book, request, needed, limit) < needed) {
    cancel_remainder(index, fok ? CancelReason::FillOrKill : CancelReason::MinQuantity);
    return;
  }
  finish(book, index, match(book, index, limit));
}

void MatchingEngine::trigger_pending_stops(InstrumentId instrument) {
  StopBook& stops = state_[instrument - 1].stops;
  while (stops.size() > 0) {
    const Price last = state_[instrument - 1].last_trade;
    if (last == 0) return;
    const std::uint32_t index = stops.pop_triggered(pool_, last);
    if (index == kNoOrder) return;
    pool_[index].state = OrderState::Working;
    for (auto* l : listeners_)
      l->on_triggered(pool_[index]);
    execute(index);
  }
}

void MatchingEngine::finish(OrderBook& book, std::uint32_t index, MatchEnd end) {
  Order& after = pool_[index];
  const OrderRequest& request = after.request;
  if (after.leaves == 0) {
    release(index);
  } else if (end == MatchEnd::SelfMatch) {
    cancel_remainder(index, CancelReason::SelfMatch);
  } else if (trades_at_any_price(request) ||
             request.time_in_force == TimeInForce::ImmediateOrCancel ||
             request.time_in_force == TimeInForce::FillOrKill) {
    cancel_remainder(index, !trades_at_any_price(request) ? CancelReason::ImmediateOrCancel
                            : end == MatchEnd::Collar     ? CancelReason::PriceCollar
                                                          : CancelReason::NoLiquidity);
  } else {
    book_order(book, index);
  }
}

void MatchingEngine::book_order(OrderBook& book, std::uint32_t index) {
  Order& order = pool_[index];
  order.state = OrderState::Working;
  order.displayed = peak(order);
  book.insert(pool_, index);
  for (auto* l : listeners_)
    l->on_booked(order);
}

void MatchingEngine::cancel_remainder(std::uint32_t index, CancelReason reason) {
  Order& order = pool_[index];
  const Quantity remainder = order.leaves;
  order.leaves = 0;
  ++stats_.canceled;
  for (auto* l : listeners_)
    l->on_canceled(order, remainder, reason, false);
  release(index);
}

Quantity MatchingEngine::available(const OrderBook& book, const OrderRequest& request,
                                   Quantity wanted, Price reach) const {
  Quantity total = 0;
  for (const PriceLevel& level : book.levels(opposite(request.side)) | std::views::reverse) {
    if (total >= wanted || !crosses(request, level.price, reach)) break;
    if (request.self_match == SelfMatchPrevention::None) {
      total += level.quantity;
      continue;
    }
    // The session's own orders give it nothing: CancelResting skips them, every other mode
    // stops there.
    for (std::uint32_t i = level.head; i != kNoOrder && total < wanted; i = pool_[i].next) {
      if (pool_[i].request.owner == request.owner) {
        if (request.self_match != SelfMatchPrevention::CancelResting) return total;
        continue;
      }
      total += pool_[i].leaves;
    }
  }
  return total;
}

MatchingEngine::MatchEnd MatchingEngine::match(OrderBook& book, std::uint32_t aggressor_index,
                                               Price reach) {
  Order& aggressor = pool_[aggressor_index];
  const Side resting_side = opposite(aggressor.request.side);
  const auto& levels = book.levels(resting_side);
  const Quantity max_execution = state_[aggressor.request.instrument - 1].max_execution;
  while (aggressor.leaves > 0 && !levels.empty()) {
    const PriceLevel& level = levels.back();
    if (!crosses(aggressor.request, level.price, reach)) {
      const bool collared = reach != 0 && crosses(aggressor.request, level.price);
      return collared ? MatchEnd::Collar : MatchEnd::Done;
    }
    const std::uint32_t resting_index = level.head;
    Order& resting = pool_[resting_index];
    const SelfMatchPrevention smp = aggressor.request.self_match;
    if (smp != SelfMatchPrevention::None && resting.request.owner == aggressor.request.owner) {
      switch (smp) {
        case SelfMatchPrevention::CancelIncoming:
          return MatchEnd::SelfMatch;
        case SelfMatchPrevention::CancelResting:
          cancel_at(resting_index, CancelReason::SelfMatch);  // may drop the level
          continue;
        case SelfMatchPrevention::CancelBoth:
          cancel_at(resting_index, CancelReason::SelfMatch);
          return MatchEnd::SelfMatch;
        case SelfMatchPrevention::None:  // not here: handled above
        case SelfMatchPrevention::Decrement: {
          const Quantity by = std::min(aggressor.leaves, resting.leaves);
          if (resting.leaves == by) {
            cancel_at(resting_index, CancelReason::SelfMatch);
          } else {
            decrement(resting_index, by, true);
          }
          if (aggressor.leaves == by) return MatchEnd::SelfMatch;  // the caller cancels all of it
          decrement(aggressor_index, by, false);
          continue;
        }
      }
    }
    // An iceberg matches only its shown peak; the rest waits for the next one. The resting
    // order sets the price.
    Quantity quantity = std::min(aggressor.leaves, resting.displayed);
    if (max_execution != 0) [[unlikely]]
      quantity = std::min(quantity, max_execution);
    book.reduce_best(resting_side, quantity);
    trade(aggressor, resting, resting.request.price, quantity, 0, quantity, false);
    settle(book, resting_index);  // may drop the level: `level` is not used after this
  }
  return MatchEnd::Done;
}

void MatchingEngine::trade(Order& aggressor, Order& resting, Price price, Quantity quantity,
                           Quantity aggressor_shown, Quantity resting_shown, bool auction) {
  for (auto [order, shown] :
       {std::pair{&aggressor, aggressor_shown}, std::pair{&resting, resting_shown}}) {
    order->leaves -= quantity;
    order->displayed -= shown;
    order->executed += quantity;
    order->executed_value += price * quantity;
  }
  state_[resting.request.instrument - 1].last_trade = price;
  ++stats_.trades;
  stats_.traded_quantity += static_cast<std::uint64_t>(quantity);
  const Trade report{aggressor,     resting,         price,  quantity, next_match_number_++,
                     resting_shown, aggressor_shown, auction};
  for (auto* l : listeners_)
    l->on_trade(report);
}

void MatchingEngine::settle(OrderBook& book, std::uint32_t index) {
  if (pool_[index].leaves == 0) {
    book.remove(pool_, index);
    release(index);
  } else if (pool_[index].displayed == 0) {
    replenish(book, index);
  }
}

void MatchingEngine::decrement(std::uint32_t index, Quantity by, bool booked) {
  Order& order = pool_[index];
  const Quantity shown = order.displayed;
  if (booked) state_[order.request.instrument - 1].book.reduce(pool_, index, by);
  order.leaves -= by;
  order.request.quantity -= by;
  if (booked) order.displayed = std::min(order.displayed, order.leaves);
  for (auto* l : listeners_)
    l->on_decremented(order, by, booked ? shown - order.displayed : 0, booked);
}

void MatchingEngine::replenish(OrderBook& book, std::uint32_t index) {
  book.remove(pool_, index);
  const OrderId old_id = pool_[index].id;
  rekey(index);
  Order& order = pool_[index];
  order.displayed = peak(order);
  book.insert(pool_, index);
  for (auto* l : listeners_)
    l->on_replenished(order, old_id);
}

void MatchingEngine::rekey(std::uint32_t index) {
  pool_.rekey(index, next_sequence_++);
  const OrderId id = pool_[index].id;
  const OrderRequest& request = pool_[index].request;
  if (request.time_in_force == TimeInForce::GoodTillDate) {
    expiries_.push_back({request.expire_time, id});
    std::push_heap(expiries_.begin(), expiries_.end(),
                   [](const Expiry& a, const Expiry& b) { return a.time > b.time; });
  }
}

CancelResult MatchingEngine::cancel(OrderId id, OwnerId owner) {
  if (input_listener_) input_listener_->on_cancel(id, owner);
  const std::uint32_t index = pool_.find(id);
  if (index == kNoOrder) return CancelResult::UnknownOrder;
  if (pool_[index].request.owner != owner) return CancelResult::NotOwner;
  const InstrumentId instrument = pool_[index].request.instrument;
  cancel_at(index, CancelReason::Requested);
  verify(instrument);
  return CancelResult::Canceled;
}

void MatchingEngine::cancel_at(std::uint32_t index, CancelReason reason) {
  Order& order = pool_[index];
  const bool booked = order.state == OrderState::Working;
  if (booked) {
    state_[order.request.instrument - 1].book.remove(pool_, index);
  } else if (order.state == OrderState::StopPending) {
    state_[order.request.instrument - 1].stops.remove(pool_, index);
  } else {
    auto& held = state_[order.request.instrument - 1].held;
    held.erase(std::find(held.begin(), held.end(), index));
  }
  const Quantity canceled = order.leaves;
  order.leaves = 0;
  order.displayed = 0;
  ++stats_.canceled;
  for (auto* l : listeners_)
    l->on_canceled(order, canceled, reason, booked);
  release(index);
}

void MatchingEngine::advance_time(std::int64_t now) {
  if (now <= now_) return;
  if (input_listener_) input_listener_->on_advance_time(now);
  now_ = now;
  const auto later = [](const Expiry& a, const Expiry& b) { return a.time > b.time; };
  while (!expiries_.empty() && expiries_.front().time <= now) {
    std::pop_heap(expiries_.begin(), expiries_.end(), later);
    const Expiry due = expiries_.back();
    expiries_.pop_back();
    const std::uint32_t index = pool_.find(due.id);
    if (index == kNoOrder) continue;  // gone already, or known by a newer id
    const InstrumentId instrument = pool_[index].request.instrument;
    cancel_at(index, CancelReason::Expired);
    verify(instrument);
  }
}

ReplaceResult MatchingEngine::replace(OrderId id, OwnerId owner, Price price, Quantity quantity,
                                      RejectReason* why, Price stop_price) {
  if (input_listener_) input_listener_->on_replace(id, owner, price, quantity, stop_price);
  const std::uint32_t index = pool_.find(id);
  if (index == kNoOrder) return ReplaceResult::UnknownOrder;
  Order& order = pool_[index];
  if (order.request.owner != owner) return ReplaceResult::NotOwner;
  // A pending stop or a held At-the-Close order is not in the book: it changes in place.
  const bool pending = order.state == OrderState::StopPending;
  const bool off_book = order.state != OrderState::Working;
  OrderRequest changed = order.request;
  changed.price = price;
  changed.quantity = quantity;
  if (pending && stop_price > 0) changed.stop_price = stop_price;
  // A smaller order keeps its iceberg at most its own size; the minimum applied on arrival only.
  changed.display_quantity = std::min(changed.display_quantity, std::max<Quantity>(quantity, 0));
  changed.min_quantity = 0;
  RejectReason reason;
  if (!validate(changed, pending, reason)) {
    if (why) *why = reason;
    return ReplaceResult::Rejected;
  }
  const InstrumentId instrument = changed.instrument;
  if (quantity <= order.executed) {
    cancel_at(index, CancelReason::ReplacedToExecuted);
    verify(instrument);
    return ReplaceResult::Canceled;
  }
  const Quantity leaves = quantity - order.executed;
  if (off_book) {
    StopBook& stops = state_[instrument - 1].stops;
    const bool requeue = pending && changed.stop_price != order.request.stop_price;
    if (requeue) stops.remove(pool_, index);
    order.request = changed;
    order.leaves = leaves;
    if (requeue) stops.insert(pool_, index);
    for (auto* l : listeners_)
      l->on_amended(order);
    verify(instrument);
    return ReplaceResult::Amended;
  }
  OrderBook& book = state_[instrument - 1].book;
  if (price == order.request.price && leaves <= order.leaves) {
    const Quantity reduced_by = order.leaves - leaves;
    const Quantity shown = order.displayed;
    book.reduce(pool_, index, reduced_by);
    order.leaves = leaves;
    order.request = changed;
    order.displayed = std::min(order.displayed, leaves);
    for (auto* l : listeners_)
      l->on_reduced(order, reduced_by, shown - order.displayed);
    verify(instrument);
    return ReplaceResult::Reduced;
  }
  book.remove(pool_, index);
  order.request = changed;
  order.leaves = leaves;
  order.displayed = peak(order);
  rekey(index);
  const PriceLevel* contra = book.best(opposite(changed.side));
  const bool will_trade = state_[instrument - 1].phase == TradingPhase::Continuous && contra &&
                          crosses(changed, contra->price);
  for (auto* l : listeners_)
    l->on_replaced(pool_[index], id, will_trade);
  if (!will_trade) {
    book.insert(pool_, index);
  } else {
    // A limit order: its price is its reach, within the collar since it was validated.
    finish(book, index, match(book, index, 0));
    trigger_stops(instrument);
  }
  verify(instrument);
  return ReplaceResult::Replaced;
}

void MatchingEngine::set_max_execution(InstrumentId id, Quantity quantity) {
  if (input_listener_) input_listener_->on_set_max_execution(id, quantity);
  state_[id - 1].max_execution = std::max<Quantity>(quantity, 0);
}

bool MatchingEngine::set_phase(InstrumentId id, TradingPhase target) {
  if (input_listener_) input_listener_->on_set_phase(id, target);
  using P = TradingPhase;
  const P from = state_[id - 1].phase;
  const bool allowed = (from == P::Closed && target == P::PreOpen) ||
                       (from == P::PreOpen && (target == P::Continuous || target == P::Closed)) ||
                       (from == P::Continuous &&
                        (target == P::Halted || target == P::PreClose || target == P::Closed)) ||
                       (from == P::Halted && (target == P::Continuous || target == P::PreClose ||
                                              target == P::Closed)) ||
                       (from == P::PreClose && target == P::Closed);
  if (!allowed) return false;
  const auto time_in_force = [](TimeInForce tif) {
    return [tif](const Order& o) { return o.request.time_in_force == tif; };
  };
  if (target == P::Continuous) {
    uncross(id, from == P::PreOpen ? AuctionKind::Opening : AuctionKind::Reopening);
    if (from == P::PreOpen)
      cancel_all(id, CancelReason::AuctionEnded, time_in_force(TimeInForce::AtTheOpen));
  } else if (from == P::PreClose) {
    uncross(id, AuctionKind::Closing);
  }
  state_[id - 1].phase = target;
  if (target == P::PreClose) {
    // Held At-the-Close orders join the book in the order they came.
    std::vector<std::uint32_t> held;
    held.swap(state_[id - 1].held);
    for (const std::uint32_t index : held)
      book_order(state_[id - 1].book, index);
  }
  if (target == P::Closed) {
    cancel_all(id, CancelReason::AuctionEnded, [](const Order& o) {
      return o.request.time_in_force == TimeInForce::AtTheOpen ||
             o.request.time_in_force == TimeInForce::AtTheClose;
    });
    cancel_all(id, CancelReason::DayEnded, time_in_force(TimeInForce::Day));
  }
  for (auto* l : listeners_)
    l->on_phase(id, target);
  if (target == P::Continuous) trigger_stops(id);
  verify(id);
  return true;
}

template <class Predicate>
void MatchingEngine::cancel_all(InstrumentId id, CancelReason reason, Predicate ends) {
  std::vector<std::uint32_t> doomed;
  for (const Side side : {Side::Buy, Side::Sell}) {
    for (const PriceLevel& level : state_[id - 1].book.levels(side)) {
      for (std::uint32_t i = level.head; i != kNoOrder; i = pool_[i].next)
        if (ends(pool_[i])) doomed.push_back(i);
    }
    for (const std::uint32_t i : state_[id - 1].stops.side(side))
      if (ends(pool_[i])) doomed.push_back(i);
  }
  for (const std::uint32_t i : state_[id - 1].held)
    if (ends(pool_[i])) doomed.push_back(i);
  std::sort(doomed.begin(), doomed.end(),
            [&](std::uint32_t a, std::uint32_t b) { return pool_[a].id < pool_[b].id; });
  for (const std::uint32_t i : doomed)
    cancel_at(i, reason);
}

AuctionQuote MatchingEngine::indicative(InstrumentId id) const {
  const OrderBook& book = state_[id - 1].book;
  const auto& bids = book.levels(Side::Buy);   // best (highest) last
  const auto& asks = book.levels(Side::Sell);  // best (lowest) last
  if (bids.empty() || asks.empty() || bids.back().price < asks.back().price) return {};
  const Price low = asks.back().price, high = bids.back().price;
  // Candidates: every level price in the crossed range, and the reference price if inside it.
  std::vector<Price> candidates;
  for (const auto* side : {&bids, &asks}) {
    for (const PriceLevel& level : *side)
      if (level.price >= low && level.price <= high) candidates.push_back(level.price);
  }
  const Price reference = state_[id - 1].reference();
  if (reference >= low && reference <= high) candidates.push_back(reference);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  std::vector<AuctionQuote> quotes;
  for (const Price p : candidates) {
    Quantity buy = 0, sell = 0;
    for (const PriceLevel& level : bids)
      if (level.price >= p) buy += level.quantity;
    for (const PriceLevel& level : asks)
      if (level.price <= p) sell += level.quantity;
    quotes.push_back({p, std::min(buy, sell), buy - sell});
  }
  const auto keep = [&](auto better) {
    const AuctionQuote best = *std::min_element(quotes.begin(), quotes.end(), better);
    std::erase_if(quotes, [&](const AuctionQuote& q) { return better(best, q); });
  };
  keep([](const AuctionQuote& a, const AuctionQuote& b) { return a.volume > b.volume; });
  if (quotes.front().volume == 0) return {};
  const auto imbalance = [](const AuctionQuote& q) {
    return q.surplus < 0 ? -q.surplus : q.surplus;
  };
  keep([&](const AuctionQuote& a, const AuctionQuote& b) { return imbalance(a) < imbalance(b); });
  const bool buy_pressure =
      std::all_of(quotes.begin(), quotes.end(), [](auto& q) { return q.surplus > 0; });
  const bool sell_pressure =
      std::all_of(quotes.begin(), quotes.end(), [](auto& q) { return q.surplus < 0; });
  if (buy_pressure) return quotes.back();  // candidates ascend: the highest
  if (sell_pressure) return quotes.front();
  // Nearest the reference; of two equally near, the higher.
  const auto distance = [&](const AuctionQuote& q) {
    return q.price > reference ? q.price - reference : reference - q.price;
  };
  AuctionQuote best = quotes.front();
  for (const AuctionQuote& q : quotes)
    if (distance(q) <= distance(best)) best = q;
  return best;
}

void MatchingEngine::uncross(InstrumentId id, AuctionKind kind) {
  const AuctionQuote quote = indicative(id);
  OrderBook& book = state_[id - 1].book;
  const auto& bids = book.levels(Side::Buy);
  const auto& asks = book.levels(Side::Sell);
  Quantity traded = 0;
  while (quote.volume > 0 && !bids.empty() && !asks.empty() && bids.back().price >= quote.price &&
         asks.back().price <= quote.price) {
    const std::uint32_t buy_index = bids.back().head;
    const std::uint32_t sell_index = asks.back().head;
    Order& buy = pool_[buy_index];
    Order& sell = pool_[sell_index];
    // Hidden iceberg quantity takes part in full; what was shown goes first.
    const Quantity quantity = std::min(buy.leaves, sell.leaves);
    book.reduce_best(Side::Buy, quantity);
    book.reduce_best(Side::Sell, quantity);
    trade(buy, sell, quote.price, quantity, std::min(quantity, buy.displayed),
          std::min(quantity, sell.displayed), true);
    traded += quantity;
    settle(book, buy_index);
    settle(book, sell_index);
  }
  for (auto* l : listeners_)
    l->on_auction(id, kind, traded > 0 ? quote.price : 0, traded);
}

void MatchingEngine::verify(InstrumentId instrument) const {
  if constexpr (kCheckInvariants) {
    const std::string broken = check_invariants(instrument);
    if (!broken.empty()) {
      std::fprintf(stderr, "matching invariant broken: %s\n", broken.c_str());
      std::abort();
    }
  }
}

std::string MatchingEngine::check_invariants(InstrumentId id) const {
  const std::string where = "instrument " + std::to_string(id) + ": ";
  const OrderBook& book = state_[id - 1].book;
  for (const Side side : {Side::Buy, Side::Sell}) {
    const auto& levels = book.levels(side);
    for (std::size_t i = 0; i < levels.size(); ++i) {
      const PriceLevel& level = levels[i];
      const std::string at = where + "level " + std::to_string(level.price) + ": ";
      if (i > 0 && (side == Side::Buy ? levels[i - 1].price >= level.price
                                      : levels[i - 1].price <= level.price))
        return at + "levels out of order";
      Quantity quantity = 0;
      std::uint32_t count = 0;
      std::uint32_t previous = kNoOrder;
      for (std::uint32_t o = level.head; o != kNoOrder; previous = o, o = pool_[o].next) {
        const Order& order = pool_[o];
        if (order.prev != previous) return at + "broken queue link";
        if (order.request.price != level.price || order.request.side != side ||
            order.request.instrument != id || order.state != OrderState::Working)
          return at + "order " + std::to_string(order.id) + " does not belong here";
        if (book.level_of(order) != &level)
          return at + "order " + std::to_string(order.id) + " names another level";
        if (order.leaves <= 0 || order.displayed <= 0 || order.displayed > order.leaves ||
            (order.request.display_quantity == 0 && order.displayed != order.leaves))
          return at + "order " + std::to_string(order.id) + " shows a wrong quantity";
        if (order.executed + order.leaves != order.request.quantity)
          return at + "order " + std::to_string(order.id) + " executed + leaves != quantity";
        quantity += order.leaves;
        ++count;
        if (count > pool_.live()) return at + "queue loops";
      }
      if (previous != level.tail) return at + "tail is not the last order";
      if (count == 0 || count != level.orders || quantity != level.quantity)
        return at + "count or quantity differs from its queue";
    }
  }
  const PriceLevel* bid = book.best(Side::Buy);
  const PriceLevel* ask = book.best(Side::Sell);
  // Calls collect crossing orders, and a market closed from a call (no auction) keeps them until
  // the next opening auction: only continuous trading guarantees an uncrossed book.
  if (state_[id - 1].phase == TradingPhase::Continuous && bid && ask && bid->price >= ask->price)
    return where + "book crossed";
  for (const std::uint32_t i : state_[id - 1].held) {
    const Order& order = pool_[i];
    if (order.state != OrderState::Held || order.request.time_in_force != TimeInForce::AtTheClose)
      return where + "held order " + std::to_string(order.id) + " misfiled";
  }
  for (const Side side : {Side::Buy, Side::Sell}) {
    const auto& pending = state_[id - 1].stops.side(side);
    for (std::size_t i = 0; i < pending.size(); ++i) {
      const Order& order = pool_[pending[i]];
      if (order.state != OrderState::StopPending || order.request.side != side)
        return where + "stop " + std::to_string(order.id) + " misfiled";
      if (i > 0) {
        const Price before = pool_[pending[i - 1]].request.stop_price;
        if (side == Side::Buy ? before < order.request.stop_price
                              : before > order.request.stop_price)
          return where + "stops out of trigger order";
      }
    }
  }
  return {};
}

std::string MatchingEngine::check_invariants() const {
  std::size_t held = 0;
  for (const Instrument& instrument : instruments_) {
    std::string broken = check_invariants(instrument.id);
    if (!broken.empty()) return broken;
    for (const Side side : {Side::Buy, Side::Sell}) {
      for (const PriceLevel& level : state_[instrument.id - 1].book.levels(side))
        held += level.orders;
    }
    held += state_[instrument.id - 1].stops.size() + state_[instrument.id - 1].held.size();
  }
  if (held != pool_.live()) {
    return std::to_string(pool_.live()) + " live orders but " + std::to_string(held) +
           " in the books";
  }
  return {};
}

}  // namespace vtb::sim
