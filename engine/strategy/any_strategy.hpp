#pragma once
// The strategies the engine can run, chosen by their configuration: adding one is its header
// (a class that satisfies Strategy, with a config naming it) and an entry in each list here.

#include <type_traits>
#include <variant>

#include "engine/strategy/market_maker.hpp"
#include "engine/strategy/reflector.hpp"
#include "engine/strategy/strategy.hpp"
#include "engine/strategy/taker.hpp"

namespace vtb::engine {

using StrategyConfig = std::variant<TakerConfig, ReflectorConfig, MarketMakerConfig>;
using AnyStrategy = std::variant<Taker, Reflector, MarketMaker>;

static_assert(Strategy<Taker> && Strategy<Reflector> && Strategy<MarketMaker>);

inline AnyStrategy make_strategy(const StrategyConfig& config) {
  return std::visit(
      [](const auto& c) -> AnyStrategy { return typename std::decay_t<decltype(c)>::Strategy(c); },
      config);
}

// As --strategy and the summary name it.
inline const char* strategy_name(const StrategyConfig& config) {
  return std::visit([](const auto& c) { return std::decay_t<decltype(c)>::Strategy::kName; },
                    config);
}

}  // namespace vtb::engine
