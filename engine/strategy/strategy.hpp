#pragma once
// What every strategy is. After each book change of the traded instrument, and after each printed
// execution, a strategy looks at the market and at the engine's own orders (MarketView) and says
// what to do (Actions): send a new order, or replace or cancel the side's resting order. The
// engine carries the actions out (the feed's health, risk, encoding, sending) and tracks the
// orders; a strategy sends nothing and keeps no order state of its own.
//
// Dispatch is static (AnyStrategy, a std::variant): the strategy lives inside the engine object,
// in the page the packet path already touches, and costs no indirect call.

#include <array>
#include <concepts>
#include <cstdint>

#include "common/feed_handler/market_book.hpp"
#include "common/market/types.hpp"
#include "engine/engine_stats.hpp"
#include "engine/orders/open_orders.hpp"
#include "engine/orders/quotes.hpp"

namespace vtb::engine {

// The market and the engine's own orders, read where the engine keeps them.
class MarketView {
 public:
  MarketView(const feed::InstrumentBook& book, const EngineStats& stats, const OpenOrders& open,
             const Quotes& resting, std::uint32_t orders_in_packet)
      : book_(book),
        stats_(stats),
        open_(open),
        resting_(resting),
        orders_in_packet_(orders_in_packet) {}

  const feed::InstrumentBook& book() const { return book_; }
  // Net filled position: long positive.
  Quantity position() const { return stats_.position; }
  // Sent and neither filled nor ended yet, on `side`.
  Quantity pending(Side side) const { return open_.pending(side); }
  // The position if every pending order filled.
  Quantity exposure() const { return position() + pending(Side::Buy) - pending(Side::Sell); }
  // The side's resting order (a Day order placed with Action::rests), and where it stands.
  const Quote& resting(Side side) const { return resting_.side(side); }
  // Orders already written for the packet being handled.
  std::uint32_t orders_in_packet() const { return orders_in_packet_; }

 private:
  const feed::InstrumentBook& book_;
  const EngineStats& stats_;
  const OpenOrders& open_;
  const Quotes& resting_;
  std::uint32_t orders_in_packet_;
};

enum class ActionKind : std::uint8_t {
  New,      // a limit order: IOC, or with `rests` a Day order that becomes the side's resting one
  Replace,  // the side's resting order to `price` (its quantity stays)
  Cancel,   // the side's resting order
};

struct Action {
  ActionKind kind;
  Side side;
  bool rests;
  Price price;
  Quantity quantity;

  static Action new_order(Side side, Price price, Quantity quantity, bool rests = false) {
    return {ActionKind::New, side, rests, price, quantity};
  }
  static Action replace(Side side, Price price) {
    return {ActionKind::Replace, side, false, price, 0};
  }
  static Action cancel(Side side) { return {ActionKind::Cancel, side, false, 0, 0}; }
};

// The actions of one decision, in the order they are carried out; no allocation.
class Actions {
 public:
  static constexpr std::size_t kCapacity = 4;  // the strategies here ask one a side at most

  void add(const Action& action) {
    if (count_ < kCapacity) list_[count_++] = action;
  }
  bool empty() const { return count_ == 0; }
  std::size_t size() const { return count_; }
  const Action* begin() const { return list_.data(); }
  const Action* end() const { return list_.data() + count_; }

 private:
  std::array<Action, kCapacity> list_;  // left uninitialized: only the first count_ are read
  std::uint8_t count_ = 0;
};

// What the engine calls a strategy through.
template <class S>
concept Strategy = requires(const S& s, const MarketView& view, const feed::TradePrint& print) {
  { S::kName } -> std::convertible_to<const char*>;  // as --strategy and the summary name it
  { s.on_book_update(view) } -> std::same_as<Actions>;
  { s.on_trade_print(view, print) } -> std::same_as<Actions>;
  // Whether on_trade_print can act: when not, the feed handler does not look prints up.
  { s.wants_trade_prints() } -> std::same_as<bool>;
};

}  // namespace vtb::engine
