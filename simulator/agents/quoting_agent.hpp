#pragma once
// Background liquidity: a market maker quoting a few levels each side around a fair value that
// takes a seeded, mean-reverting random walk (at most `max_excursion_ticks` from the reference
// price). Deterministic for a given seed and step count. It talks to the matching core directly,
// as an exchange's own liquidity would, so its orders meet engine orders in the same book.

#include <cstdint>
#include <random>
#include <vector>

#include "simulator/matching/matching_engine.hpp"

namespace vtb::sim {

struct QuotingAgentConfig {
  int levels = 3;
  Quantity quantity = 500;    // per level; rounded up to the lot size
  int half_spread_ticks = 2;  // best bid = fair - half spread
  int max_excursion_ticks = 10;
  std::uint64_t seed = 1;
};

class QuotingAgent {
 public:
  QuotingAgent(MatchingEngine& engine, const Instrument& instrument, OwnerId owner,
               const QuotingAgentConfig& config);

  // One step of the walk; re-quotes when the fair value moved or a quote traded.
  void step();

  // The fair value jumps to `fair` (a news event): the walk goes on around it from there.
  void jump_to(Price fair);
  Price fair_value() const;
  std::uint64_t requotes() const { return requotes_; }

 private:
  bool quotes_intact() const;
  void requote();

  MatchingEngine& engine_;
  Instrument instrument_;
  OwnerId owner_;
  QuotingAgentConfig config_;
  std::mt19937_64 rng_;
  Price center_;          // what the walk reverts to: the reference price until a jump
  int offset_ticks_ = 0;  // fair value - center, in ticks
  std::vector<OrderId> live_;
  std::uint64_t requotes_ = 0;
};

}  // namespace vtb::sim
