#pragma once
// What the venue is asked to run: its files, ports, feed and background liquidity.

#include <cstdint>
#include <optional>
#include <string>

#include "common/net/multicast.hpp"
#include "common/time/clock.hpp"
#include "simulator/agents/noise_taker.hpp"
#include "simulator/agents/quoting_agent.hpp"
#include "simulator/feed_publisher/itch_publisher.hpp"

namespace vtb::sim {

struct VenueConfig {
  std::string fix_sessions_path;
  std::optional<std::uint16_t> fix_port;  // overrides SocketAcceptPort
  std::string listen_address = "0.0.0.0";
  std::string fix_log_dir;  // overrides FileLogPath when set
  std::string instruments_path;
  net::UdpEndpoint feed_a;
  std::optional<net::UdpEndpoint> feed_b;
  std::string feed_interface = "127.0.0.1";
  int feed_ttl = 1;
  PublisherConfig publisher;
  std::size_t feed_history = std::size_t{1} << 20;       // messages kept for re-requests
  std::optional<std::uint16_t> retransmit_port = 31010;  // MoldUDP64 re-requests (UDP)
  std::optional<std::uint16_t> snapshot_port = 31011;    // SoupBinTCP snapshots (TCP)
  Nanos imbalance_interval = kNanosPerSecond;            // NOII during auction calls; 0: none
  bool agents = true;
  QuotingAgentConfig quoting_agent;
  NoiseTakerConfig noise_taker;
  Nanos agent_interval = 1'000'000;  // 1 ms
  bool busy_poll = false;
  double duration_s = 0;  // 0: until SIGINT/SIGTERM
  // Trading phases: with a schedule every instrument starts Closed and follows it; without one
  // the market is open (Continuous) from the start.
  std::string schedule_path;
  std::optional<std::uint16_t> control_port;  // line-based operator commands, on listen_address
  std::string journal_path;                   // the matching core's inputs and outputs
  // Where the trading day is kept so that a venue killed mid-day starts again where it was (the
  // journal, the feed's history, the FIX message stores; docs/RECOVERY.md). Empty: in memory.
  std::string state_dir;
  // Prometheus metrics (simulator/metrics); none when unset. On localhost unless configured.
  std::optional<std::uint16_t> metrics_port = 9301;
  std::string metrics_address = "127.0.0.1";
  std::string event_log_path;  // logons, phases, faults, commands (EventLog)
  // Agents step only on the control port's `agents step N` (a scenario's clock), not on a timer:
  // the same script then gives the same agent flow.
  bool agents_on_control_clock = false;

  // Throws std::invalid_argument, naming the option, for a combination that cannot run.
  void validate() const;
};

}  // namespace vtb::sim
