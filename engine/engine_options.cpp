#include "engine/engine_options.hpp"

#include <CLI/CLI.hpp>
#include <stdexcept>

#include "common/text/decimal.hpp"

namespace vtb::engine {

namespace {

Price price_option(const std::string& text, const std::string& option) {
  const auto price = text::parse_price(text);
  if (!price || *price <= 0) {
    throw std::invalid_argument(option + ": '" + text + "' is not a positive price");
  }
  return *price;
}

}  // namespace

std::variant<EngineOptions, int> parse_engine_options(int argc, char** argv) {
  CLI::App app{
      "engine: reference low-latency trading engine (taker, market-maker or reflector strategy)"};
  std::string session_file;
  std::string fix_host;
  std::string fix_log;
  int fix_port = 0;
  std::string feed_a = "239.10.10.1:31001";
  std::string feed_b = "239.10.10.2:31002";
  bool no_feed_b = false;
  std::string retransmit = "127.0.0.1:31010";
  bool no_retransmit = false;
  std::string snapshot = "127.0.0.1:31011";
  bool no_snapshot = false;
  std::string buy_at, sell_at;
  EngineOptions options;
  EngineConfig& config = options.engine;
  TakerConfig taker;
  ReflectorConfig reflector;
  MarketMakerConfig maker;

  app.add_option("--fix-session", session_file,
                 "QuickFIX-format settings with one initiator [SESSION]")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--fix-host", fix_host, "venue host (overrides SocketConnectHost)");
  app.add_option("--fix-port", fix_port, "venue FIX port (overrides SocketConnectPort)")
      ->check(CLI::Range(1, 65535));
  app.add_option("--fix-log", fix_log, "directory for the FIX message log (overrides FileLogPath)");
  app.add_option("--reconnect-attempts", config.reconnect.attempts,
                 "after the FIX connection is lost (not logged out): log on again up to this many "
                 "times in a row, 0.5 s after the loss, doubling to 8 s between attempts (0: end "
                 "at once). The kill switch stays tripped")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--feed-a", feed_a, "feed A multicast group:port")->capture_default_str();
  app.add_option("--feed-b", feed_b, "feed B multicast group:port")->capture_default_str();
  app.add_flag("--no-feed-b", no_feed_b, "listen to feed A only");
  app.add_option("--feed-retransmit", retransmit,
                 "the venue's MoldUDP64 re-request server, host:port")
      ->capture_default_str();
  app.add_option("--feed-snapshot", snapshot,
                 "the venue's snapshot service (SoupBinTCP), host:port: the book at start-up and "
                 "after lost messages")
      ->capture_default_str();
  app.add_flag("--no-snapshot", no_snapshot, "build the book from the live feed only");
  app.add_flag("--no-retransmit", no_retransmit,
               "never re-request: skip what is lost (and stop trading)");
  app.add_option("--feed-interface", config.feed_interface,
                 "IPv4 address of the interface to join the groups on")
      ->capture_default_str();
  app.add_option("--symbol", config.symbol, "instrument to trade")->required();
  std::string strategy = "taker";
  app.add_option("--strategy", strategy,
                 "taker: IOC at the touch when a trigger holds; market-maker: a bid and an offer "
                 "around the mid, moved as the book moves; reflector: one order behind the touch "
                 "for every book change, for latency work")
      ->check(CLI::IsMember({Taker::kName, MarketMaker::kName, Reflector::kName}))
      ->capture_default_str();
  std::string reflect_side = "buy";
  app.add_option("--reflect-side", reflect_side, "reflector: the side of its orders")
      ->check(CLI::IsMember({"buy", "sell"}))
      ->capture_default_str();
  app.add_option("--reflect-ticks", reflector.ticks_away,
                 "reflector: ticks (0.01) behind the touch, so that it never trades")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_flag("--reflect-once-per-packet", reflector.once_per_packet,
               "reflector: only the first qualifying message of each packet (the order flow of "
               "tools/reflector)");
  app.add_option("--quote-edge-ticks", maker.edge_ticks,
                 "market maker: ticks from the mid to each quote")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--requote-ticks", maker.requote_ticks,
                 "market maker: move a quote once its target is this many ticks away")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  std::string tick = "0.01";
  app.add_option("--tick", tick, "market maker: the instrument's tick size")->capture_default_str();
  app.add_option("--max-open-orders", config.risk.max_open_orders,
                 "risk: orders without a final report (at most 64)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--max-order-rate", config.risk.max_orders_per_second,
                 "risk: orders a second (0: no limit)")
      ->capture_default_str();
  app.add_option("--collar-bps", config.risk.collar_bps,
                 "risk: the furthest an order's price may be from the mid, in hundredths of a "
                 "percent (0: no collar)")
      ->capture_default_str();
  app.add_option("--buy-at-or-below", buy_at, "buy when the best offer is at or below this price");
  app.add_option("--sell-at-or-above", sell_at, "sell when the best bid is at or above this price");
  app.add_flag("--take-on-trade", taker.follow_trades,
               "after each printed execution, take the touch on the aggressor's side");
  app.add_option("--quantity", taker.quantity, "order quantity")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--max-position", taker.max_position, "absolute position limit")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--cpu", options.cpu, "pin the hot thread to this CPU");
  bool no_warm = false;
  app.add_flag("--no-warm", no_warm,
               "do not run the order path on a scratch buffer in idle turns (to measure what the "
               "warming is worth)");
  app.add_flag("--rx-timestamps", config.rx_timestamps,
               "SO_TIMESTAMPING on the feed sockets: also measure from the kernel's (or the "
               "NIC's) receive timestamp");
  app.add_option("--duration", config.duration_s,
                 "stop after this many seconds (0: run until signalled)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--summary-json", options.summary_json,
                 "write the end-of-run summary here as JSON");
  int metrics_port = 9302;
  app.add_option("--metrics-port", metrics_port,
                 "serve Prometheus metrics (latency histograms, counters) on this port (0: any "
                 "free one)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app.add_option("--metrics-address", config.metrics_address, "the address to serve them on")
      ->capture_default_str();
  bool no_metrics = false;
  app.add_flag("--no-metrics", no_metrics, "serve no metrics");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);  // --help (0) or a usage error, printed
  }

  config.session = fix::SessionConfig::load_initiator(session_file);
  if (!fix_host.empty()) config.session.connect_host = fix_host;
  if (!fix_log.empty()) config.session.file_log_path = fix_log;
  if (fix_port > 0) config.session.connect_port = fix_port;
  config.feed_a = net::UdpEndpoint::parse_group(feed_a, "--feed-a");
  if (!no_feed_b) config.feed_b = net::UdpEndpoint::parse_group(feed_b, "--feed-b");
  if (!no_snapshot) config.snapshot = net::UdpEndpoint::parse(snapshot, "--feed-snapshot");
  if (!no_retransmit) config.retransmit = net::UdpEndpoint::parse(retransmit, "--feed-retransmit");
  if (!buy_at.empty()) taker.buy_at_or_below = price_option(buy_at, "--buy-at-or-below");
  if (!sell_at.empty()) taker.sell_at_or_above = price_option(sell_at, "--sell-at-or-above");
  maker.tick = price_option(tick, "--tick");
  // --quantity and --max-position are every strategy's.
  maker.quantity = reflector.quantity = taker.quantity;
  maker.max_position = config.risk.max_position = taker.max_position;
  reflector.side = reflect_side == "sell" ? Side::Sell : Side::Buy;
  if (strategy == MarketMaker::kName) {
    config.strategy = maker;
    // A bid and an offer rest at once.
    if (app.count("--max-open-orders") == 0) config.risk.max_open_orders = 2;
  } else if (strategy == Reflector::kName) {
    config.strategy = reflector;
  } else {
    config.strategy = taker;
  }
  config.warm = !no_warm;
  if (!no_metrics) config.metrics_port = metrics_port;
  config.validate();
  return options;
}

}  // namespace vtb::engine
