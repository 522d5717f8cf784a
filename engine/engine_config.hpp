#pragma once
// What the engine runs with: its FIX session, the feeds, the instrument, the strategy and the
// risk limits. engine_options.cpp reads it from a command line; validate() holds the checks
// that span several fields.

#include <optional>
#include <string>

#include "common/fix/initiator.hpp"
#include "common/fix/session_config.hpp"
#include "common/net/multicast.hpp"
#include "common/time/clock.hpp"
#include "engine/risk/risk_limits.hpp"
#include "engine/strategy/any_strategy.hpp"

namespace vtb::engine {

struct EngineConfig {
  fix::SessionConfig session;
  net::UdpEndpoint feed_a;
  std::optional<net::UdpEndpoint> feed_b;
  std::optional<net::UdpEndpoint> retransmit;  // the venue's MoldUDP64 re-request server
  std::optional<net::UdpEndpoint> snapshot;    // the venue's snapshot service (TCP)
  std::string feed_interface = "127.0.0.1";
  std::string symbol;
  StrategyConfig strategy;
  RiskConfig risk;
  double duration_s = 0;            // 0: until signalled or disconnected
  bool rx_timestamps = false;       // SO_TIMESTAMPING on the feed sockets
  bool warm = true;                 // idle turns keep the order path in the caches (warm())
  std::optional<int> metrics_port;  // Prometheus endpoint (0: any free port); none: no endpoint
  std::string metrics_address = "127.0.0.1";  // localhost unless configured
  Nanos logon_timeout = 5 * kNanosPerSecond;
  // After the FIX connection is lost (not logged out): log on again, to learn the fate of the
  // orders in flight. The kill switch stays tripped.
  fix::ReconnectPolicy reconnect;

  // Throws std::invalid_argument naming the option of a combination that cannot run.
  void validate() const;
};

}  // namespace vtb::engine
