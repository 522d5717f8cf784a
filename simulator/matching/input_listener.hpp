#pragma once
// Every input the matching core accepts, as it arrives (before it is acted on): what a journal
// records so that feeding the same inputs to a new core reproduces the run. Calls that change
// nothing (a clock that did not move forward) are not inputs.

#include <cstdint>

#include "simulator/matching/order.hpp"

namespace vtb::sim {

class InputListener {
 public:
  virtual ~InputListener() = default;
  virtual void on_submit(const OrderRequest&) = 0;
  virtual void on_cancel(OrderId, OwnerId) = 0;
  virtual void on_replace(OrderId, OwnerId, Price price, Quantity quantity, Price stop_price) = 0;
  virtual void on_advance_time(std::int64_t now) = 0;
  virtual void on_set_phase(InstrumentId, TradingPhase) = 0;
  virtual void on_set_max_execution(InstrumentId, Quantity) = 0;
};

}  // namespace vtb::sim
