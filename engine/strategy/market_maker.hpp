#pragma once
// The market maker: a bid and an offer `edge_ticks` either side of the mid, rounded away from it to
// the tick. A live quote moves (cancel/replace) once its target is `requote_ticks` or more away,
// so that small flickers of the mid cost no messages. A side whose fill would take the position
// past max_position is not quoted (and its live quote is canceled).

#include <cstdlib>
#include <optional>

#include "common/feed_handler/market_book.hpp"
#include "common/market/types.hpp"
#include "engine/strategy/strategy.hpp"

namespace vtb::engine {

class MarketMaker;

struct MarketMakerConfig {
  using Strategy = MarketMaker;

  Price tick = 100;  // 0.01 with 4 implied decimals: the instrument's tick size
  Price edge_ticks = 5;
  Price requote_ticks = 2;
  Quantity quantity = 100;
  Quantity max_position = 1000;
};

struct QuoteTargets {
  std::optional<Price> bid;
  std::optional<Price> ask;
  const std::optional<Price>& side(Side s) const { return s == Side::Buy ? bid : ask; }
};

class MarketMaker {
 public:
  static constexpr const char* kName = "market-maker";

  explicit MarketMaker(const MarketMakerConfig& config) : config_(config) {}

  // Each side: a quote where there is none, the quote pulled where there is no target, moved
  // where its target is far enough. A side with a request in flight is left alone.
  Actions on_book_update(const MarketView& view) const {
    // Exposure if everything pending fills, leaving out each side's own quote (it is being
    // priced).
    const auto own = [&view](Side s) {
      const Quote& q = view.resting(s);
      return q.state == QuoteState::None ? Quantity{0} : q.leaves;
    };
    const QuoteTargets to =
        targets(view.book(), view.position() + view.pending(Side::Buy) - own(Side::Buy),
                -view.position() + view.pending(Side::Sell) - own(Side::Sell));
    Actions actions;
    for (const Side side : {Side::Buy, Side::Sell}) {
      const Quote& q = view.resting(side);
      const std::optional<Price>& target = to.side(side);
      if (q.state == QuoteState::None && target) {
        actions.add(Action::new_order(side, *target, config_.quantity, true));
      } else if (q.live() && !target) {
        actions.add(Action::cancel(side));
      } else if (q.live() && should_move(q.price, *target)) {
        actions.add(Action::replace(side, *target));
      }
    }
    return actions;
  }
  Actions on_trade_print(const MarketView&, const feed::TradePrint&) const { return {}; }
  bool wants_trade_prints() const { return false; }

  // Where the quotes belong now; `position` counts fills and what is pending on each side.
  QuoteTargets targets(const feed::InstrumentBook& book, Quantity long_exposure,
                       Quantity short_exposure) const {
    const auto bid = book.bids.best();
    const auto ask = book.asks.best();
    if (!bid || !ask) return {};                 // no mid: nothing to quote around
    const Price mid2 = bid->price + ask->price;  // twice the mid: exact in ticks
    const Price edge = config_.edge_ticks * config_.tick;
    QuoteTargets q;
    // floor((mid - edge) / tick) * tick and the ceiling for the offer, from 2*mid exactly.
    const Price tick2 = 2 * config_.tick;
    const Price low2 = mid2 - 2 * edge;
    const Price high2 = mid2 + 2 * edge;
    const Price bid_price = low2 / tick2 * config_.tick;
    const Price ask_price = (high2 + tick2 - 1) / tick2 * config_.tick;
    if (bid_price > 0 && long_exposure + config_.quantity <= config_.max_position) {
      q.bid = bid_price;
    }
    if (short_exposure + config_.quantity <= config_.max_position) q.ask = ask_price;
    return q;
  }

  bool should_move(Price live, Price target) const {
    return std::abs(live - target) >= config_.requote_ticks * config_.tick;
  }

 private:
  MarketMakerConfig config_;
};

}  // namespace vtb::engine
