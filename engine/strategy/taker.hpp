#pragma once
// The taker strategy: send an IOC order when the book reaches a level. Buys at the best offer when
// it is at or below `buy_at_or_below`; sells at the best bid when it is at or above
// `sell_at_or_above`. Position stays within +/- max_position.

#include <optional>

#include "common/feed/market_book.hpp"
#include "common/market/types.hpp"

namespace vtb::engine {

struct TakerConfig {
  std::optional<Price> buy_at_or_below;
  std::optional<Price> sell_at_or_above;
  Quantity quantity = 100;
  Quantity max_position = 1000;
};

struct OrderIntent {
  Side side;
  Price price;
  Quantity quantity;
};

class Taker {
 public:
  explicit Taker(const TakerConfig& config) : config_(config) {}

  // Called after each book update of the traded instrument; `position` is the current net
  // position including orders in flight on the same side (the caller's conservative view).
  std::optional<OrderIntent> decide(const feed::InstrumentBook& book, Quantity position) const {
    if (config_.buy_at_or_below) {
      const auto ask = book.asks.best();
      if (ask && ask->price <= *config_.buy_at_or_below &&
          position + config_.quantity <= config_.max_position) {
        return OrderIntent{Side::Buy, ask->price, config_.quantity};
      }
    }
    if (config_.sell_at_or_above) {
      const auto bid = book.bids.best();
      if (bid && bid->price >= *config_.sell_at_or_above &&
          position - config_.quantity >= -config_.max_position) {
        return OrderIntent{Side::Sell, bid->price, config_.quantity};
      }
    }
    return std::nullopt;
  }

 private:
  TakerConfig config_;
};

}  // namespace vtb::engine
