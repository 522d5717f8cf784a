#include "simulator/agents/noise_taker.hpp"

namespace vtb::sim {

NoiseTaker::NoiseTaker(MatchingEngine& engine, const Instrument& instrument, OwnerId owner,
                       const NoiseTakerConfig& config)
    : engine_(engine), instrument_(instrument), owner_(owner), config_(config), rng_(config.seed) {}

void NoiseTaker::step() {
  // Draw every step, whatever happens next, so the sequence depends on the seed alone.
  const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
  const bool buy = rng_() % 2 == 0;
  const auto lots =
      static_cast<Quantity>(1 + rng_() % static_cast<std::uint64_t>(config_.max_lots));
  if (u >= config_.probability) return;
  if (engine_.phase(instrument_.id) != TradingPhase::Continuous) return;
  const PriceLevel* opposite = engine_.book(instrument_.id).best(buy ? Side::Sell : Side::Buy);
  if (!opposite) return;
  OrderRequest request;
  request.instrument = instrument_.id;
  request.side = buy ? Side::Buy : Side::Sell;
  const Price through = config_.through_ticks * instrument_.tick_size;
  request.price = buy ? opposite->price + through : opposite->price - through;
  if (request.price <= 0) return;
  request.quantity = lots * instrument_.lot_size;
  request.time_in_force = TimeInForce::ImmediateOrCancel;
  request.owner = owner_;
  engine_.submit(request);
  ++orders_;
}

}  // namespace vtb::sim
