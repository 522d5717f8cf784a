#pragma once
// Orders as the matching core sees them: integers only, no FIX, no symbols.

#include <cstddef>
#include <cstdint>

#include "common/market/types.hpp"

namespace vtb::sim {

using OrderId = std::uint64_t;       // venue-assigned; also the ITCH order reference number
using InstrumentId = std::uint16_t;  // also the ITCH stock locate; 1-based
using OwnerId = std::uint32_t;       // who sent the order: a FIX session or an agent

// An order id is the order's sequence number (1, 2, ... in the order ids are issued, so a later
// id is a younger order) above the pool slot it lives in: the core finds an order from its id
// with no index to look up. Ids are never reused; a rekeyed order keeps its slot. The 40 bits
// left for sequence numbers last a run of 1.1 trillion orders and replacements (30 hours at 10 M
// a second).
inline constexpr int kOrderSlotBits = 24;
inline constexpr std::uint32_t kMaxLiveOrders = 1u << kOrderSlotBits;  // 16,777,216
constexpr OrderId make_order_id(std::uint64_t sequence, std::uint32_t slot) {
  return sequence << kOrderSlotBits | slot;
}
constexpr std::uint32_t order_slot(OrderId id) {
  return static_cast<std::uint32_t>(id & (kMaxLiveOrders - 1));
}
constexpr std::uint64_t order_sequence(OrderId id) {
  return id >> kOrderSlotBits;
}

enum class OrderType : std::uint8_t {
  Limit,
  Market,
  Stop,       // a market order once the last trade reaches the stop price
  StopLimit,  // a limit order at `price` once the last trade reaches the stop price
};
enum class TimeInForce : std::uint8_t {
  Day,
  GoodTillCancel,     // rests like Day; differs once sessions end (not modelled yet)
  ImmediateOrCancel,  // trades what it can now, the rest is canceled
  FillOrKill,         // trades all of it now, or nothing
  GoodTillDate,       // rests until `expire_time` on the venue clock (MatchingEngine::advance_time)
  AtTheOpen,          // only for the opening auction: entered before it, canceled after it
  AtTheClose,         // only for the closing auction: held off the book until the call before it
};

// Where an instrument's trading day is. Call phases (PreOpen, Halted, PreClose) collect orders
// without matching; leaving one for Continuous or Closed runs an auction.
enum class TradingPhase : std::uint8_t {
  Closed,      // no new orders; cancels only
  PreOpen,     // call before the opening auction
  Continuous,  // continuous matching
  Halted,      // call; resuming runs a re-opening auction
  PreClose,    // call before the closing auction (At-the-Close orders join the book)
};

// What happens when an order would trade with a resting order of the same owner (a FIX session).
enum class SelfMatchPrevention : std::uint8_t {
  None,            // they trade
  CancelResting,   // the resting order is canceled; matching goes on
  CancelIncoming,  // the incoming order's remainder is canceled
  CancelBoth,
  // Neither trades: the smaller order is canceled and the larger loses the smaller's quantity
  // (both are canceled when equal).
  Decrement,
};

// What cancels, bookings and fills read comes first (it shares an Order's first cache line with
// the order's state); the fields only some orders use follow.
struct OrderRequest {
  Price price = 0;  // ignored for market orders
  Quantity quantity = 0;
  OwnerId owner = 0;
  InstrumentId instrument = 0;
  Side side = Side::Buy;
  OrderType type = OrderType::Limit;
  TimeInForce time_in_force = TimeInForce::Day;
  SelfMatchPrevention self_match = SelfMatchPrevention::None;
  std::uint64_t owner_tag = 0;    // opaque to the core; lets the owner find its own context
  Price stop_price = 0;           // Stop and StopLimit only
  Quantity display_quantity = 0;  // iceberg: the peak shown and matched at a time; 0 shows all
  // On arrival the order must trade at least this much at once, or it is canceled untouched; what
  // it does not trade then rests (or not) by its time in force, with no minimum from then on.
  Quantity min_quantity = 0;
  std::int64_t expire_time = 0;  // GoodTillDate only: venue clock, nanoseconds since the epoch
};

// Stop orders trade at any price once triggered, as market orders do.
inline bool trades_at_any_price(const OrderRequest& r) {
  return r.type == OrderType::Market || r.type == OrderType::Stop;
}
inline bool is_stop(const OrderRequest& r) {
  return r.type == OrderType::Stop || r.type == OrderType::StopLimit;
}

enum class OrderState : std::uint8_t {
  Working,      // in the book, or trading as an aggressor
  StopPending,  // a stop order waiting for its trigger: not in the book, not on the feed
  Held,         // an At-the-Close order waiting for the closing call: not in the book
};

inline constexpr std::uint32_t kNoOrder = UINT32_MAX;

// Limits every order and instrument must respect. Prices and share counts are 32-bit on the ITCH
// feed, and with both limits price * quantity stays well inside int64.
inline constexpr Quantity kMaxOrderQuantity = 1'000'000'000;
inline constexpr Price kMaxPrice = UINT32_MAX;  // 429496.7295

// Two cache lines, aligned: the first holds everything a cancel, a booking or a queue-neighbour
// update touches (id, quantities shown and left, queue links, state, and the request's price,
// owner, instrument and side), so those touch one line of the order, not two.
struct alignas(64) Order {
  OrderId id = 0;
  Quantity leaves = 0;
  // The part of `leaves` the book shows and matches now: all of it, except for an iceberg, whose
  // next peak is released (with a new id, at the back of the level) when this one has traded.
  Quantity displayed = 0;
  // Intrusive FIFO links within the price level (pool indices).
  std::uint32_t prev = kNoOrder;
  std::uint32_t next = kNoOrder;
  OrderState state = OrderState::Working;
  std::uint32_t level = kNoOrder;  // its price level in the book (OrderBook), while it rests
  OrderRequest request;
  Quantity executed = 0;
  std::int64_t executed_value = 0;  // sum of price * quantity over fills, for the average price
};
static_assert(sizeof(Order) == 128 && offsetof(Order, request) + offsetof(OrderRequest, side) < 64,
              "an order's hot fields must stay in its first cache line");

enum class RejectReason : std::uint8_t {
  UnknownInstrument,
  InvalidQuantity,
  QuantityNotLotMultiple,
  QuantityTooLarge,
  InvalidPrice,
  PriceTooHigh,
  PriceNotTickMultiple,
  InvalidStopPrice,
  StopPriceNotTickMultiple,
  StopPriceThroughLastTrade,
  InvalidDisplayQuantity,
  InvalidMinQuantity,
  ExpireTimeNotInFuture,
  MarketClosed,
  NeedsContinuousTrading,  // market, IOC, FOK and minimum-quantity orders during a call
  AtTheOpenNotNow,         // At-the-Open outside the pre-open call
  AtTheCloseNotNow,        // At-the-Close before the open or after the close
  MarketOrderInAuction,    // At-the-Open / At-the-Close orders must be limit orders
  PriceOutsideCollar,
  OrderCapacity,  // the venue holds kMaxLiveOrders (or its configured limit) live orders already
};

enum class CancelReason : std::uint8_t {
  Requested,           // owner asked
  ImmediateOrCancel,   // IOC remainder that did not trade
  FillOrKill,          // a FOK order the book could not fill whole
  SelfMatch,           // self-match prevention
  NoLiquidity,         // market order remainder with nothing left to trade against
  MinQuantity,         // the book could not fill the minimum quantity on arrival
  Expired,             // a GoodTillDate order reached its expire time
  AuctionEnded,        // an At-the-Open or At-the-Close order's remainder after its auction
  DayEnded,            // a Day order still live at the close
  PriceCollar,         // a market order's remainder beyond the price collar
  ReplacedToExecuted,  // a replace asked for no more than the order had executed: it is done
};

enum class CancelResult : std::uint8_t { Canceled, UnknownOrder, NotOwner };
enum class ReplaceResult : std::uint8_t {
  Reduced,   // same price, less quantity: kept its place
  Replaced,  // new price or more quantity: new id, back of the queue
  Amended,   // a pending stop order changed in place
  Canceled,  // the new quantity is no more than what already executed: nothing left
  Rejected,  // the new price or quantity is invalid; the order is unchanged
  UnknownOrder,
  NotOwner,
};

}  // namespace vtb::sim
