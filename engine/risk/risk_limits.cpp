#include "engine/risk/risk_limits.hpp"

#include <algorithm>

#include "common/hot_path/hot_code.hpp"

namespace vtb::engine {

const char* to_string(RiskVerdict verdict) {
  switch (verdict) {
    case RiskVerdict::Accept:
      return "accepted";
    case RiskVerdict::Killed:
      return "kill switch";
    case RiskVerdict::Position:
      return "position limit";
    case RiskVerdict::Rate:
      return "order rate";
    case RiskVerdict::OpenOrders:
      return "open orders";
    case RiskVerdict::Collar:
      return "price collar";
  }
  return "?";
}

RiskLimits::RiskLimits(const RiskConfig& config)
    : config_(config),
      token_cost_(config.max_orders_per_second == 0
                      ? 0
                      : kNanosPerSecond / static_cast<Nanos>(config.max_orders_per_second)),
      credit_(kNanosPerSecond) {}

VTB_HOT RiskVerdict RiskLimits::check(Side side, Price price, Quantity quantity, Quantity position,
                                      Quantity pending, std::size_t open, Price reference,
                                      Nanos now) {
  if (killed_) return count(RiskVerdict::Killed);
  const Quantity worst =
      side == Side::Buy ? position + pending + quantity : position - pending - quantity;
  if (worst > config_.max_position || worst < -config_.max_position)
    return count(RiskVerdict::Position);
  if (open >= config_.max_open_orders) return count(RiskVerdict::OpenOrders);
  if (config_.collar_bps != 0 && reference > 0) {
    const Price distance = price > reference ? price - reference : reference - price;
    // distance / reference > bps / 10,000, in integers.
    if (distance * 10'000 > reference * static_cast<Price>(config_.collar_bps))
      return count(RiskVerdict::Collar);
  }
  if (token_cost_ != 0) {
    if (refilled_at_ != 0) credit_ = std::min(kNanosPerSecond, credit_ + (now - refilled_at_));
    refilled_at_ = now;
    if (credit_ < token_cost_) return count(RiskVerdict::Rate);
    credit_ -= token_cost_;
  }
  return count(RiskVerdict::Accept);
}

void RiskLimits::kill(std::string reason) {
  if (killed_) return;
  killed_ = true;
  kill_reason_ = std::move(reason);
}

RiskVerdict RiskLimits::count(RiskVerdict verdict) {
  switch (verdict) {
    case RiskVerdict::Accept:
      ++stats_.accepted;
      break;
    case RiskVerdict::Killed:
      ++stats_.killed;
      break;
    case RiskVerdict::Position:
      ++stats_.position;
      break;
    case RiskVerdict::Rate:
      ++stats_.rate;
      break;
    case RiskVerdict::OpenOrders:
      ++stats_.open_orders;
      break;
    case RiskVerdict::Collar:
      ++stats_.collar;
      break;
  }
  return verdict;
}

}  // namespace vtb::engine
