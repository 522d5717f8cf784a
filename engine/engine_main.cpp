// engine: the reference low-latency trading engine under test.

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "common/app/main_support.hpp"
#include "common/fix/session_settings.hpp"
#include "common/hot_path/on_huge_page.hpp"
#include "common/text/decimal.hpp"
#include "engine/engine.hpp"

namespace {

std::atomic<bool> g_stop{false};
std::atomic<bool> g_kill{false};

void on_signal(int) {
  g_stop.store(true, std::memory_order_relaxed);
}

void on_kill(int) {
  g_kill.store(true, std::memory_order_relaxed);
}

vtb::Price price_option(const std::string& text, const std::string& option) {
  const auto price = vtb::text::parse_price(text);
  if (!price || *price <= 0) {
    throw std::invalid_argument(option + ": '" + text + "' is not a positive price");
  }
  return *price;
}

void print_summary(const nlohmann::json& s) {
  const auto& t = s["tick_to_trade_internal_ns"];
  std::printf("engine summary\n");
  std::printf(
      "  orders       sent %llu, acknowledged %llu, fills %llu (quantity %lld), "
      "IOC canceled %llu, rejected %llu, position %lld\n",
      s["orders_sent"].get<unsigned long long>(), s["acknowledged"].get<unsigned long long>(),
      s["fills"].get<unsigned long long>(), s["filled_quantity"].get<long long>(),
      s["canceled"].get<unsigned long long>(), s["rejected"].get<unsigned long long>(),
      s["position"].get<long long>());
  const auto& f = s["feed"];
  std::printf("  feed         %llu packets, %llu messages, %llu duplicates (A/B), %llu gaps\n",
              f["packets"].get<unsigned long long>(), f["messages"].get<unsigned long long>(),
              f["duplicate_messages"].get<unsigned long long>(),
              f["gaps"].get<unsigned long long>());
  std::printf("  tick-to-trade, internal (%s; clock: %s):\n",
              t["definition"].get<std::string>().c_str(), t["clock"].get<std::string>().c_str());
  std::printf(
      "               n=%llu  min %lld ns  p50 %lld ns  p90 %lld ns  p99 %lld ns  "
      "p99.9 %lld ns  max %lld ns\n",
      t["count"].get<unsigned long long>(), t["min"].get<long long>(), t["p50"].get<long long>(),
      t["p90"].get<long long>(), t["p99"].get<long long>(), t["p999"].get<long long>(),
      t["max"].get<long long>());
  for (const auto& [key, label] : {std::pair{"tick_to_decision_ns", "to the decision "},
                                   std::pair{"decision_to_send_ns", "decision to send"}}) {
    const auto& part = s[key];
    std::printf("    %s   p50 %lld ns  p90 %lld ns  p99 %lld ns  p99.9 %lld ns\n", label,
                part["p50"].get<long long>(), part["p90"].get<long long>(),
                part["p99"].get<long long>(), part["p999"].get<long long>());
  }
  const auto& rx = s["tick_to_trade_from_rx_timestamp_ns"];
  if (rx["count"].get<unsigned long long>() != 0) {
    std::printf("  tick-to-trade from the receive timestamp, %s:\n",
                rx["source"].get<std::string>().c_str());
    std::printf("               n=%llu  min %lld ns  p50 %lld ns  p99 %lld ns  max %lld ns\n",
                rx["count"].get<unsigned long long>(), rx["min"].get<long long>(),
                rx["p50"].get<long long>(), rx["p99"].get<long long>(), rx["max"].get<long long>());
  }
  std::printf("  ended        %s\n", s["end_reason"].get<std::string>().c_str());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"engine: reference low-latency trading engine (taker or reflector strategy)"};
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
  int cpu = -1;
  std::string summary_json;
  vtb::engine::EngineConfig config;

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
      ->check(CLI::IsMember({"taker", "market-maker", "reflector"}))
      ->capture_default_str();
  std::string reflect_side = "buy";
  app.add_option("--reflect-side", reflect_side, "reflector: the side of its orders")
      ->check(CLI::IsMember({"buy", "sell"}))
      ->capture_default_str();
  app.add_option("--reflect-ticks", config.reflector.ticks_away,
                 "reflector: ticks (0.01) behind the touch, so that it never trades")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_flag("--reflect-once-per-packet", config.reflector.once_per_packet,
               "reflector: only the first qualifying message of each packet (the order flow of "
               "tools/reflector)");
  app.add_option("--quote-edge-ticks", config.market_maker.edge_ticks,
                 "market maker: ticks from the mid to each quote")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--requote-ticks", config.market_maker.requote_ticks,
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
  app.add_flag("--take-on-trade", config.taker.follow_trades,
               "after each printed execution, take the touch on the aggressor's side");
  app.add_option("--quantity", config.taker.quantity, "order quantity")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--max-position", config.taker.max_position, "absolute position limit")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--cpu", cpu, "pin the hot thread to this CPU");
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
  app.add_option("--summary-json", summary_json, "write the end-of-run summary here as JSON");
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
  CLI11_PARSE(app, argc, argv);

  return vtb::app::run_reporting_errors("engine", [&] {
    config.session = vtb::fix::SessionConfig::load_initiator(session_file);
    if (!fix_host.empty()) config.session.connect_host = fix_host;
    if (!fix_log.empty()) config.session.file_log_path = fix_log;
    if (fix_port > 0) config.session.connect_port = fix_port;
    config.feed_a = vtb::net::UdpEndpoint::parse_group(feed_a, "--feed-a");
    if (!no_feed_b) config.feed_b = vtb::net::UdpEndpoint::parse_group(feed_b, "--feed-b");
    if (!no_snapshot) config.snapshot = vtb::net::UdpEndpoint::parse(snapshot, "--feed-snapshot");
    if (!no_retransmit) {
      config.retransmit = vtb::net::UdpEndpoint::parse(retransmit, "--feed-retransmit");
    }
    if (!buy_at.empty()) config.taker.buy_at_or_below = price_option(buy_at, "--buy-at-or-below");
    if (!sell_at.empty())
      config.taker.sell_at_or_above = price_option(sell_at, "--sell-at-or-above");
    config.strategy = strategy == "reflector"      ? vtb::engine::StrategyKind::Reflector
                      : strategy == "market-maker" ? vtb::engine::StrategyKind::MarketMaker
                                                   : vtb::engine::StrategyKind::Taker;
    config.market_maker.tick = price_option(tick, "--tick");
    if (config.market_maker.tick <= 0) throw std::invalid_argument("--tick: must be above 0");
    config.market_maker.quantity = config.taker.quantity;
    config.market_maker.max_position = config.taker.max_position;
    if (config.strategy == vtb::engine::StrategyKind::MarketMaker) {
      // A bid and an offer rest at once.
      if (app.count("--max-open-orders") == 0) config.risk.max_open_orders = 2;
      if (config.risk.max_open_orders < 2)
        throw std::invalid_argument("--max-open-orders: the market maker needs at least 2");
    }
    config.reflector.side = reflect_side == "sell" ? vtb::Side::Sell : vtb::Side::Buy;
    config.reflector.quantity = config.taker.quantity;
    config.risk.max_position = config.taker.max_position;
    config.warm = !no_warm;
    if (!no_metrics) config.metrics_port = metrics_port;
    if (config.strategy == vtb::engine::StrategyKind::Taker && !config.taker.buy_at_or_below &&
        !config.taker.sell_at_or_above && !config.taker.follow_trades) {
      throw std::invalid_argument(
          "give --buy-at-or-below, --sell-at-or-above and/or --take-on-trade: the taker needs a "
          "trigger");
    }
    vtb::app::pin_if_requested(cpu);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::signal(SIGUSR1, on_kill);  // the kill switch: no more orders, the session stays up

    // On a huge page of its own: the packet path then touches fewer pages (OnHugePage).
    vtb::OnHugePage<vtb::engine::Engine> on_huge_page(config);
    vtb::engine::Engine& engine = *on_huge_page;
    engine.start();
    std::fprintf(stderr, "engine: logged on to %s:%d as %s, trading %s\n",
                 config.session.connect_host.c_str(), config.session.connect_port,
                 config.session.sender_comp_id.c_str(), config.symbol.c_str());
    if (engine.metrics_port() != 0) {
      std::fprintf(stderr, "engine: metrics on http://%s:%d/metrics\n",
                   config.metrics_address.c_str(), engine.metrics_port());
    }
    engine.run(g_stop, g_kill);
    engine.shutdown();
    const nlohmann::json summary = engine.summary();
    print_summary(summary);
    vtb::app::write_summary_json(summary_json, summary);
    return 0;
  });
}
