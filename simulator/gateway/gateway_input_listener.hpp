#pragma once
// Every FIX application message the order entry acts on, as it starts and ends acting on it: what
// the journal records so that a restarted venue can rebuild the order entry's state (each live
// order's ClOrdID and the values it echoes) by handling the same messages again. The core's inputs
// a message causes come between the two calls.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/time/clock.hpp"

namespace vtb::sim {

class GatewayInputListener {
 public:
  virtual ~GatewayInputListener() = default;
  virtual void on_message_begin(std::size_t session, Now now, std::string_view message) = 0;
  virtual void on_message_end() = 0;
  // The control port's `reject next`: it decides what later messages do.
  virtual void on_reject_next(std::uint64_t count, std::string_view text) = 0;
};

}  // namespace vtb::sim
