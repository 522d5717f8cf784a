#pragma once
// Pre-trade risk: every order the strategy wants passes here before it is written. The checks are
// a few integer comparisons (no allocation, no clock read: the caller passes the time it has).
//
// - Position: the position plus what is pending on the order's side, plus the order, stays within
//   +/- max_position.
// - Order rate: a token bucket of max_orders_per_second tokens, refilled continuously.
// - Open orders: at most max_open_orders without a final report.
// - Price collar: the price within collar_bps (hundredths of a percent) of the reference (the
//   mid), when there is one.
// - Kill switch: once killed (by command, or by the engine when its session drops), nothing
//   passes until the process restarts.

#include <cstdint>
#include <string>

#include "common/market/types.hpp"
#include "common/time/clock.hpp"

namespace vtb::engine {

struct RiskConfig {
  Quantity max_position = 1000;
  std::uint32_t max_orders_per_second = 1000;  // 0: no limit
  std::uint32_t max_open_orders = 1;
  std::uint32_t collar_bps = 500;  // 0: no collar
};

enum class RiskVerdict : std::uint8_t { Accept, Killed, Position, Rate, OpenOrders, Collar };
const char* to_string(RiskVerdict verdict);

struct RiskStats {
  std::uint64_t accepted = 0;
  std::uint64_t killed = 0;
  std::uint64_t position = 0;
  std::uint64_t rate = 0;
  std::uint64_t open_orders = 0;
  std::uint64_t collar = 0;
};

class RiskLimits {
 public:
  explicit RiskLimits(const RiskConfig& config);

  // `pending`: quantity sent on the order's side and not yet filled or ended; `open`: orders
  // without a final report; `reference`: 0 when there is none. Counts the verdict; an accepted
  // order takes a rate token.
  RiskVerdict check(Side side, Price price, Quantity quantity, Quantity position, Quantity pending,
                    std::size_t open, Price reference, Nanos now);

  void kill(std::string reason);
  bool killed() const { return killed_; }
  const std::string& kill_reason() const { return kill_reason_; }
  const RiskStats& stats() const { return stats_; }
  const RiskConfig& config() const { return config_; }

 private:
  RiskVerdict count(RiskVerdict verdict);

  RiskConfig config_;
  Nanos token_cost_;  // ns of credit one order takes
  Nanos credit_ = 0;  // up to one second's worth
  Nanos refilled_at_ = 0;
  bool killed_ = false;
  std::string kill_reason_;
  RiskStats stats_;
};

}  // namespace vtb::engine
