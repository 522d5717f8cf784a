#include "engine/engine_config.hpp"

#include <stdexcept>

namespace vtb::engine {

void EngineConfig::validate() const {
  if (const auto* taker = std::get_if<TakerConfig>(&strategy)) {
    if (!taker->buy_at_or_below && !taker->sell_at_or_above && !taker->follow_trades) {
      throw std::invalid_argument(
          "give --buy-at-or-below, --sell-at-or-above and/or --take-on-trade: the taker needs a "
          "trigger");
    }
  }
  if (const auto* maker = std::get_if<MarketMakerConfig>(&strategy)) {
    if (maker->tick <= 0) throw std::invalid_argument("--tick: must be above 0");
    // A bid and an offer rest at once.
    if (risk.max_open_orders < 2) {
      throw std::invalid_argument("--max-open-orders: the market maker needs at least 2");
    }
  }
}

}  // namespace vtb::engine
