#include "simulator/matching/matching_engine.hpp"

#include <algorithm>
#include <stdexcept>

namespace vtb::sim {

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
  }
  return "rejected";
}

MatchingEngine::MatchingEngine(std::vector<Instrument> instruments)
    : instruments_(std::move(instruments)), books_(instruments_.size()) {
  for (std::size_t i = 0; i < instruments_.size(); ++i) {
    if (instruments_[i].id != i + 1) throw std::invalid_argument("instrument ids must be 1..N");
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

bool MatchingEngine::validate(const OrderRequest& request, RejectReason& reason) const {
  const Instrument* instr = instrument(request.instrument);
  if (!instr) {
    reason = RejectReason::UnknownInstrument;
  } else if (request.quantity <= 0) {
    reason = RejectReason::InvalidQuantity;
  } else if (request.quantity > kMaxOrderQuantity) {
    reason = RejectReason::QuantityTooLarge;
  } else if (request.quantity % instr->lot_size != 0) {
    reason = RejectReason::QuantityNotLotMultiple;
  } else if (request.type == OrderType::Limit && request.price <= 0) {
    reason = RejectReason::InvalidPrice;
  } else if (request.type == OrderType::Limit && request.price > kMaxPrice) {
    reason = RejectReason::PriceTooHigh;
  } else if (request.type == OrderType::Limit && request.price % instr->tick_size != 0) {
    reason = RejectReason::PriceNotTickMultiple;
  } else {
    return true;
  }
  return false;
}

OrderId MatchingEngine::submit(const OrderRequest& request) {
  RejectReason reason;
  if (!validate(request, reason)) {
    ++stats_.rejected;
    for (auto* l : listeners_)
      l->on_rejected(request, reason);
    return 0;
  }
  const OrderId id = next_order_id_++;
  const std::uint32_t index = pool_.allocate(id);
  Order& order = pool_[index];
  order.request = request;
  order.leaves = request.quantity;
  ++stats_.accepted;
  for (auto* l : listeners_)
    l->on_accepted(order);

  OrderBook& book = books_[request.instrument - 1];
  if (request.time_in_force == TimeInForce::FillOrKill &&
      available(book, request, request.quantity) < request.quantity) {
    Order& killed = pool_[index];
    killed.leaves = 0;
    ++stats_.canceled;
    for (auto* l : listeners_)
      l->on_canceled(killed, request.quantity, CancelReason::FillOrKill, false);
    release(index);
    return id;
  }
  const bool may_rest = match(book, index);
  finish(book, index, may_rest);
  return id;
}

void MatchingEngine::finish(OrderBook& book, std::uint32_t index, bool may_rest) {
  Order& after = pool_[index];
  const OrderRequest& request = after.request;
  if (after.leaves == 0) {
    release(index);
  } else if (!may_rest) {
    cancel_remainder(index, CancelReason::SelfMatch);
  } else if (request.type == OrderType::Market ||
             request.time_in_force == TimeInForce::ImmediateOrCancel ||
             request.time_in_force == TimeInForce::FillOrKill) {
    cancel_remainder(index, request.type == OrderType::Market ? CancelReason::NoLiquidity
                                                              : CancelReason::ImmediateOrCancel);
  } else {
    book.insert(pool_, index);
    for (auto* l : listeners_)
      l->on_booked(after);
  }
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
                                   Quantity wanted) const {
  Quantity total = 0;
  const auto& levels = book.levels(opposite(request.side));
  for (auto it = levels.rbegin(); it != levels.rend() && total < wanted; ++it) {
    const bool crosses =
        request.type == OrderType::Market ||
        (request.side == Side::Buy ? it->price <= request.price : it->price >= request.price);
    if (!crosses) break;
    total += it->quantity;
  }
  return total;
}

bool MatchingEngine::match(OrderBook& book, std::uint32_t aggressor_index) {
  Order& aggressor = pool_[aggressor_index];
  const Side resting_side = opposite(aggressor.request.side);
  auto& levels = book.levels(resting_side);
  const bool is_market = aggressor.request.type == OrderType::Market;
  while (aggressor.leaves > 0 && !levels.empty()) {
    PriceLevel& level = levels.back();
    const bool crosses =
        is_market || (aggressor.request.side == Side::Buy ? level.price <= aggressor.request.price
                                                          : level.price >= aggressor.request.price);
    if (!crosses) break;
    const std::uint32_t resting_index = level.head;
    Order& resting = pool_[resting_index];
    const SelfMatchPrevention smp = aggressor.request.self_match;
    if (smp != SelfMatchPrevention::None && resting.request.owner == aggressor.request.owner) {
      if (smp == SelfMatchPrevention::CancelIncoming) return false;
      cancel_at(resting_index, CancelReason::SelfMatch);  // may drop the level
      if (smp == SelfMatchPrevention::CancelBoth) return false;
      continue;
    }
    const Quantity quantity = std::min(aggressor.leaves, resting.leaves);
    const Price price = resting.request.price;  // the resting order sets the price

    aggressor.leaves -= quantity;
    aggressor.executed += quantity;
    aggressor.executed_value += price * quantity;
    resting.leaves -= quantity;
    resting.executed += quantity;
    resting.executed_value += price * quantity;
    book.reduce_best(resting_side, quantity);
    ++stats_.trades;
    stats_.traded_quantity += static_cast<std::uint64_t>(quantity);

    const Trade trade{aggressor, resting, price, quantity, next_match_number_++};
    for (auto* l : listeners_)
      l->on_trade(trade);

    if (resting.leaves == 0) {
      book.remove(pool_, resting_index);  // may drop the level: `level` is not used after this
      release(resting_index);
    }
  }
  return true;
}

CancelResult MatchingEngine::cancel(OrderId id, OwnerId owner) {
  const std::uint32_t index = pool_.find(id);
  if (index == kNoOrder) return CancelResult::UnknownOrder;
  if (pool_[index].request.owner != owner) return CancelResult::NotOwner;
  cancel_at(index, CancelReason::Requested);
  return CancelResult::Canceled;
}

void MatchingEngine::cancel_at(std::uint32_t index, CancelReason reason) {
  Order& order = pool_[index];
  books_[order.request.instrument - 1].remove(pool_, index);
  const Quantity canceled = order.leaves;
  order.leaves = 0;
  ++stats_.canceled;
  for (auto* l : listeners_)
    l->on_canceled(order, canceled, reason, true);
  release(index);
}

ReplaceResult MatchingEngine::replace(OrderId id, OwnerId owner, Price price, Quantity quantity,
                                      RejectReason* why) {
  const std::uint32_t index = pool_.find(id);
  if (index == kNoOrder) return ReplaceResult::UnknownOrder;
  Order& order = pool_[index];
  if (order.request.owner != owner) return ReplaceResult::NotOwner;
  OrderRequest changed = order.request;
  changed.price = price;
  changed.quantity = quantity;
  RejectReason reason;
  if (!validate(changed, reason)) {
    if (why) *why = reason;
    return ReplaceResult::Rejected;
  }
  if (quantity <= order.executed) {
    cancel_at(index, CancelReason::Requested);
    return ReplaceResult::Canceled;
  }
  const Quantity leaves = quantity - order.executed;
  OrderBook& book = books_[order.request.instrument - 1];
  if (price == order.request.price && leaves <= order.leaves) {
    const Quantity reduced_by = order.leaves - leaves;
    book.reduce(pool_, index, reduced_by);
    order.leaves = leaves;
    order.request.quantity = quantity;
    for (auto* l : listeners_)
      l->on_reduced(order, reduced_by);
    return ReplaceResult::Reduced;
  }
  book.remove(pool_, index);
  order.request = changed;
  order.leaves = leaves;
  pool_.rekey(index, next_order_id_++);
  const PriceLevel* contra = book.best(opposite(changed.side));
  const bool will_trade =
      contra && (changed.side == Side::Buy ? contra->price <= price : contra->price >= price);
  for (auto* l : listeners_)
    l->on_replaced(pool_[index], id, will_trade);
  if (!will_trade) {
    book.insert(pool_, index);
    return ReplaceResult::Replaced;
  }
  finish(book, index, match(book, index));
  return ReplaceResult::Replaced;
}

}  // namespace vtb::sim
