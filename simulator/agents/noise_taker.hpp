#pragma once
// Background flow: a noise taker that, on a seeded share of its steps, crosses the spread with an
// immediate-or-cancel order of random side and size, so that trades print and resting orders
// (agents' and engines' alike) get filled with no external client. Deterministic for a seed.

#include <cstdint>
#include <random>

#include "simulator/matching/matching_engine.hpp"

namespace vtb::sim {

struct NoiseTakerConfig {
  double probability = 0.002;  // per step: with 1 ms steps, about 2 orders a second
  int max_lots = 5;            // order size: 1 to max_lots lots
  int through_ticks = 1;       // the limit price goes this far past the opposite best
  std::uint64_t seed = 1;
};

class NoiseTaker {
 public:
  NoiseTaker(MatchingEngine& engine, const Instrument& instrument, OwnerId owner,
             const NoiseTakerConfig& config);

  // Maybe sends one order. Only in continuous trading, against a book with the side it takes.
  void step();
  std::uint64_t orders() const { return orders_; }

 private:
  MatchingEngine& engine_;
  Instrument instrument_;
  OwnerId owner_;
  NoiseTakerConfig config_;
  std::mt19937_64 rng_;
  std::uint64_t orders_ = 0;
};

}  // namespace vtb::sim
