#include "simulator/agents/quoting_agent.hpp"

#include <algorithm>

namespace vtb::sim {

QuotingAgent::QuotingAgent(MatchingEngine& engine, const Instrument& instrument, OwnerId owner,
                           const QuotingAgentConfig& config)
    : engine_(engine),
      instrument_(instrument),
      owner_(owner),
      config_(config),
      rng_(config.seed),
      center_(instrument.reference_price) {
  const Quantity lot = instrument_.lot_size;
  config_.quantity = std::max<Quantity>(lot, (config_.quantity + lot - 1) / lot * lot);
  live_.reserve(static_cast<std::size_t>(2 * config_.levels));
}

Price QuotingAgent::fair_value() const {
  return center_ + offset_ticks_ * instrument_.tick_size;
}

void QuotingAgent::jump_to(Price fair) {
  center_ = fair;
  offset_ticks_ = 0;
  requote();
}

void QuotingAgent::step() {
  if (engine_.phase(instrument_.id) == TradingPhase::Closed) {
    live_.clear();  // the close ended its Day quotes
    return;
  }
  // Half the steps move one tick; the further from the reference, the likelier the move back.
  const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
  int move = 0;
  if (u >= 0.5) {
    const double up = 0.5 - 0.5 * offset_ticks_ / static_cast<double>(config_.max_excursion_ticks);
    move = (u - 0.5) * 2.0 < up ? 1 : -1;
  }
  offset_ticks_ =
      std::clamp(offset_ticks_ + move, -config_.max_excursion_ticks, config_.max_excursion_ticks);
  if (move != 0 || !quotes_intact()) requote();
}

bool QuotingAgent::quotes_intact() const {
  if (live_.empty()) return false;
  for (OrderId id : live_) {
    const Order* order = engine_.find(id);
    if (!order || order->leaves != config_.quantity) return false;
  }
  return true;
}

void QuotingAgent::requote() {
  ++requotes_;
  for (OrderId id : live_)
    engine_.cancel(id, owner_);  // unknown ids (filled) are fine
  live_.clear();
  const Price fair = fair_value();
  const Price tick = instrument_.tick_size;
  for (int level = 0; level < config_.levels; ++level) {
    const Price distance = (config_.half_spread_ticks + level) * tick;
    for (const Side side : {Side::Buy, Side::Sell}) {
      OrderRequest request;
      request.instrument = instrument_.id;
      request.side = side;
      request.price = side == Side::Buy ? fair - distance : fair + distance;
      if (request.price <= 0) continue;
      request.quantity = config_.quantity;
      request.owner = owner_;
      if (const OrderId id = engine_.submit(request)) live_.push_back(id);
    }
  }
}

}  // namespace vtb::sim
