#pragma once
// The reflector, for latency work: one order for every market-data message that changes the
// traded instrument's book, priced `ticks_away` ticks (of 0.01) behind the touch on its side, as an
// IOC: it never trades, so it adds nothing to the feed that would trigger it again. Each order
// costs the venue a cancel report only. What it measures is the engine's whole path: feed, book,
// decision, risk, FIX, socket.

#include <optional>

#include "common/feed_handler/market_book.hpp"
#include "common/market/types.hpp"
#include "engine/strategy/strategy.hpp"

namespace vtb::engine {

class Reflector;

struct ReflectorConfig {
  using Strategy = Reflector;

  Side side = Side::Buy;
  Quantity quantity = 100;
  Price ticks_away = 10;  // a buy at best bid - 0.10, a sell at best offer + 0.10
  // Only the first qualifying message of each packet: the order flow of a one-order-per-packet
  // reflector (tools/reflector), for like-for-like comparisons.
  bool once_per_packet = false;
};

class Reflector {
 public:
  static constexpr Price kTick = 100;  // 0.01 with 4 implied decimals

  static constexpr const char* kName = "reflector";

  explicit Reflector(const ReflectorConfig& config) : config_(config) {}

  Actions on_book_update(const MarketView& view) const {
    Actions actions;
    if (config_.once_per_packet && view.orders_in_packet() != 0) return actions;
    if (const auto order = decide(view.book())) actions.add(*order);
    return actions;
  }
  Actions on_trade_print(const MarketView&, const feed::TradePrint&) const { return {}; }
  bool wants_trade_prints() const { return false; }

  std::optional<Action> decide(const feed::InstrumentBook& book) const {
    if (config_.side == Side::Buy) {
      const auto bid = book.bids.best();
      if (!bid || bid->price <= config_.ticks_away * kTick) return std::nullopt;
      return Action::new_order(Side::Buy, bid->price - config_.ticks_away * kTick,
                               config_.quantity);
    }
    const auto ask = book.asks.best();
    if (!ask) return std::nullopt;
    return Action::new_order(Side::Sell, ask->price + config_.ticks_away * kTick, config_.quantity);
  }

 private:
  ReflectorConfig config_;
};

}  // namespace vtb::engine
