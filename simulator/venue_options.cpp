#include "simulator/venue_options.hpp"

#include <CLI/CLI.hpp>
#include <stdexcept>

namespace vtb::sim {

std::variant<VenueOptions, int> parse_venue_options(int argc, char** argv) {
  CLI::App app{"venue: matching-engine simulator with FIX order entry and an ITCH 5.0 feed"};
  VenueConfig config;
  VenueOptions options;
  std::string feed_a = "239.10.10.1:31001";
  std::string feed_b = "239.10.10.2:31002";
  bool no_feed_b = false;
  int fix_port = 0;
  double agent_interval_us = 1000;
  double feed_flush_us = 0;
  bool no_retransmit = false;
  bool no_snapshot = false;
  double imbalance_interval_ms = 1000;

  app.add_option("--fix-sessions", config.fix_sessions_path,
                 "QuickFIX-format session settings (acceptor sessions)")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--fix-port", fix_port,
                 "TCP port for FIX order entry (overrides SocketAcceptPort)")
      ->check(CLI::Range(1, 65535));
  app.add_option("--fix-log", config.fix_log_dir,
                 "directory for FIX message logs (overrides FileLogPath)");
  app.add_option("--listen-address", config.listen_address, "address the FIX port binds to")
      ->capture_default_str();
  std::string profile = "exchange";
  app.add_option("--profile", profile,
                 "exchange: the venue; quickfix-at: the session layer with QuickFIX's "
                 "acceptance-test application")
      ->check(CLI::IsMember({"exchange", "quickfix-at"}))
      ->capture_default_str();
  app.add_option("--instruments", config.instruments_path,
                 "CSV: symbol,tick_size,lot_size,reference_price (exchange profile)")
      ->check(CLI::ExistingFile);
  app.add_option("--feed-a", feed_a, "feed A multicast group:port")->capture_default_str();
  app.add_option("--feed-b", feed_b, "feed B multicast group:port")->capture_default_str();
  app.add_flag("--no-feed-b", no_feed_b, "publish feed A only");
  app.add_option("--feed-interface", config.feed_interface,
                 "IPv4 address of the interface multicast leaves from")
      ->capture_default_str();
  app.add_option("--feed-ttl", config.feed_ttl, "multicast TTL")->capture_default_str();
  app.add_option("--feed-session", config.publisher.session, "MoldUDP64 session (10 chars)")
      ->capture_default_str();
  app.add_option("--feed-max-payload", config.publisher.max_payload,
                 "largest MoldUDP64 datagram in bytes")
      ->check(CLI::Range(64, 65000))
      ->capture_default_str();
  app.add_option("--retransmit-port", config.retransmit_port,
                 "UDP port of the MoldUDP64 re-request server, on --listen-address (0: any)")
      ->capture_default_str();
  app.add_flag("--no-retransmit", no_retransmit, "no re-request server");
  app.add_option("--snapshot-port", config.snapshot_port,
                 "TCP port of the SoupBinTCP snapshot service, on --listen-address (0: any)")
      ->capture_default_str();
  app.add_flag("--no-snapshot", no_snapshot, "no snapshot service");
  app.add_option("--feed-history", config.feed_history,
                 "messages kept for re-requests (64 bytes each)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 26))
      ->capture_default_str();
  app.add_option("--feed-flush-us", feed_flush_us,
                 "longest a partly filled feed packet waits for more messages (µs; 0: none)")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  app.add_option("--imbalance-interval-ms", imbalance_interval_ms,
                 "NOII period during auction calls (ms; 0: none)")
      ->check(CLI::Range(0.0, 3.6e6))
      ->capture_default_str();
  app.add_flag("!--no-agents", config.agents, "no background liquidity");
  app.add_option("--agent-interval-us", agent_interval_us, "market-maker step period (µs)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--agent-seed", config.quoting_agent.seed, "seed of the agents' random walks")
      ->capture_default_str();
  app.add_option("--mm-levels", config.quoting_agent.levels, "market-maker levels per side")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  double noise_per_second = 2;
  app.add_option("--noise-rate", noise_per_second,
                 "noise-taker IOC orders per second per instrument (0: none)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1000.0));
  app.add_option("--noise-max-lots", config.noise_taker.max_lots, "noise-taker order size, lots")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  app.add_option("--mm-quantity", config.quoting_agent.quantity, "market-maker quantity per level")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--schedule", config.schedule_path,
                 "trading phases timetable (docs/TRADING.md); without it the market is open")
      ->check(CLI::ExistingFile);
  app.add_option("--control-port", config.control_port,
                 "TCP port for operator commands such as 'phase Halted ACME' (off by default)");
  int metrics_port = 9301;
  bool no_metrics = false;
  app.add_option("--metrics-port", metrics_port,
                 "serve Prometheus metrics on this port (0: any free one; docs/METRICS.md)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app.add_option("--metrics-address", config.metrics_address, "the address to serve them on")
      ->capture_default_str();
  app.add_flag("--no-metrics", no_metrics, "serve no metrics");
  app.add_option("--journal", config.journal_path,
                 "record the matching core's inputs and outputs here (testbed replay checks it)");
  app.add_option("--state-dir", config.state_dir,
                 "keep the trading day here (journal, feed history, FIX stores): a venue killed "
                 "mid-day restarts where it was; a clean stop ends the day");
  app.add_option("--event-log", config.event_log_path,
                 "write logons, phase moves, feed faults, re-requests and control commands here "
                 "(docs/CONTROL.md)");
  std::string agent_clock = "timer";
  app.add_option("--agent-clock", agent_clock,
                 "timer: agents step every --agent-interval-us; control: only on the control "
                 "port's 'agents step N' (scenarios)")
      ->check(CLI::IsMember({"timer", "control"}))
      ->capture_default_str();
  app.add_flag("--busy-poll", config.busy_poll, "spin on the event loop instead of blocking");
  app.add_option("--cpu", options.cpu, "pin the venue's thread to this CPU");
  app.add_option("--duration", config.duration_s,
                 "stop after this many seconds (0: run until signalled)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--summary-json", options.summary_json,
                 "write the end-of-run summary here as JSON");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  if (profile == "quickfix-at") {
    options.profile = AcceptanceTestVenueConfig{
        config.fix_sessions_path,
        fix_port > 0 ? std::optional<std::uint16_t>(fix_port) : std::nullopt, config.listen_address,
        config.fix_log_dir, config.duration_s};
    return options;
  }
  config.feed_a = net::UdpEndpoint::parse_group(feed_a, "--feed-a");
  if (!no_feed_b) config.feed_b = net::UdpEndpoint::parse_group(feed_b, "--feed-b");
  if (fix_port > 0) config.fix_port = static_cast<std::uint16_t>(fix_port);
  config.agent_interval = static_cast<Nanos>(agent_interval_us * 1000);
  config.agents_on_control_clock = agent_clock == "control";
  config.publisher.flush_interval = static_cast<Nanos>(feed_flush_us * 1000);
  if (no_retransmit) config.retransmit_port.reset();
  config.metrics_port = static_cast<std::uint16_t>(metrics_port);
  if (no_metrics) config.metrics_port.reset();
  if (no_snapshot) config.snapshot_port.reset();
  config.imbalance_interval = static_cast<Nanos>(imbalance_interval_ms * 1e6);
  // A rate becomes a chance per agent step.
  config.noise_taker.probability = noise_per_second * agent_interval_us / 1e6;
  config.validate();
  options.profile = std::move(config);
  return options;
}

}  // namespace vtb::sim
