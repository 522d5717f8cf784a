#pragma once
// The taker strategy: send an IOC order when a trigger holds. Level triggers, after each book
// change: buy at the best offer when it is at or below `buy_at_or_below`; sell at the best bid
// when it is at or above `sell_at_or_above`. The trade trigger (`follow_trades`), after each
// printed execution: take the touch on the aggressor's side (a buyer lifted the offer: buy at the
// best offer, now that the book has taken the execution in). Position stays within
// +/- max_position.

#include <optional>

#include "common/feed_handler/market_book.hpp"
#include "common/market/types.hpp"
#include "engine/strategy/strategy.hpp"

namespace vtb::engine {

class Taker;

struct TakerConfig {
  using Strategy = Taker;

  std::optional<Price> buy_at_or_below;
  std::optional<Price> sell_at_or_above;
  bool follow_trades = false;
  Quantity quantity = 100;
  Quantity max_position = 1000;
};

class Taker {
 public:
  static constexpr const char* kName = "taker";

  explicit Taker(const TakerConfig& config) : config_(config) {}

  Actions on_book_update(const MarketView& view) const {
    return order_if(decide(view.book(), view.exposure()));
  }
  Actions on_trade_print(const MarketView& view, const feed::TradePrint& print) const {
    return order_if(decide_on_trade(view.book(), print, view.exposure()));
  }
  bool wants_trade_prints() const { return config_.follow_trades; }

  // Called after each book update of the traded instrument; `position` is the exposure: the net
  // position if every order in flight filled (MarketView::exposure).
  std::optional<Action> decide(const feed::InstrumentBook& book, Quantity position) const {
    if (config_.buy_at_or_below) {
      const auto ask = book.asks.best();
      if (ask && ask->price <= *config_.buy_at_or_below &&
          position + config_.quantity <= config_.max_position) {
        return Action::new_order(Side::Buy, ask->price, config_.quantity);
      }
    }
    if (config_.sell_at_or_above) {
      const auto bid = book.bids.best();
      if (bid && bid->price >= *config_.sell_at_or_above &&
          position - config_.quantity >= -config_.max_position) {
        return Action::new_order(Side::Sell, bid->price, config_.quantity);
      }
    }
    return std::nullopt;
  }

  // Called after each printed execution of the traded instrument (the book already updated).
  std::optional<Action> decide_on_trade(const feed::InstrumentBook& book,
                                        const feed::TradePrint& print, Quantity position) const {
    if (!config_.follow_trades) return std::nullopt;
    if (print.aggressor == Side::Buy) {
      const auto ask = book.asks.best();
      if (!ask || position + config_.quantity > config_.max_position) return std::nullopt;
      return Action::new_order(Side::Buy, ask->price, config_.quantity);
    }
    const auto bid = book.bids.best();
    if (!bid || position - config_.quantity < -config_.max_position) return std::nullopt;
    return Action::new_order(Side::Sell, bid->price, config_.quantity);
  }

 private:
  static Actions order_if(const std::optional<Action>& order) {
    Actions actions;
    if (order) actions.add(*order);
    return actions;
  }

  TakerConfig config_;
};

}  // namespace vtb::engine
