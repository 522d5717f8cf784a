// reflector: the floor for wire tick-to-trade on this machine. It does what any engine must do and
// nothing more: for every new feed packet, one NewOrderSingle out, ClOrdID = the packet's first
// MoldUDP64 sequence number. Same sockets as the engine (Asio-opened kernel sockets, busy-polled,
// the same FIX initiator and order template), no ITCH decoding, no book, no strategy, no risk.
// ci/bench-tick-to-trade.sh compares the engine's wire tick-to-trade with this one's.
//
// Its orders are limit IOCs at --price, which should be away from the market, so that they never
// trade: they then add nothing to the feed, and the venue only answers each with a cancel.

#include <CLI/CLI.hpp>
#include <array>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <csignal>
#include <cstdio>
#include <vector>

#include "common/app/main_support.hpp"
#include "common/fix/initiator.hpp"
#include "common/moldudp64/packet.hpp"
#include "common/net/multicast.hpp"
#include "common/stats/latency_histogram.hpp"
#include "common/text/decimal.hpp"
#include "common/time/tsc_clock.hpp"
#include "common/wire/big_endian.hpp"
#include "engine/orders/order_templates.hpp"

namespace {

std::atomic<bool> g_stop{false};
void on_signal(int) {
  g_stop.store(true, std::memory_order_relaxed);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"reflector: one order per feed packet, nothing else (the latency floor)"};
  std::string session_file, fix_host, symbol = "ACME", price_text = "90.00";
  int fix_port = 0, cpu = -1;
  std::string feed_a = "239.10.10.1:31001", feed_b = "239.10.10.2:31002";
  std::string interface = "127.0.0.1";
  bool no_feed_b = false;
  vtb::Quantity quantity = 100;
  double duration_s = 10;
  app.add_option("--fix-session", session_file, "settings with one initiator [SESSION]")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--fix-host", fix_host, "venue host (overrides SocketConnectHost)");
  app.add_option("--fix-port", fix_port, "venue port (overrides SocketConnectPort)");
  app.add_option("--feed-a", feed_a, "feed A group:port")->capture_default_str();
  app.add_option("--feed-b", feed_b, "feed B group:port")->capture_default_str();
  app.add_flag("--no-feed-b", no_feed_b, "feed A only");
  app.add_option("--feed-interface", interface, "interface address to join on")
      ->capture_default_str();
  app.add_option("--symbol", symbol, "instrument of the orders")->capture_default_str();
  app.add_option("--price", price_text, "limit price, away from the market")->capture_default_str();
  app.add_option("--quantity", quantity, "order quantity")->capture_default_str();
  app.add_option("--duration", duration_s, "seconds")->capture_default_str();
  app.add_option("--cpu", cpu, "pin to this CPU");
  CLI11_PARSE(app, argc, argv);

  return vtb::app::run_reporting_errors("reflector", [&] {
    auto session = vtb::fix::SessionConfig::load_initiator(session_file);
    if (!fix_host.empty()) session.connect_host = fix_host;
    if (fix_port > 0) session.connect_port = fix_port;
    const auto price = vtb::text::parse_price(price_text);
    if (!price || *price <= 0) throw std::invalid_argument("--price: '" + price_text + "'");
    vtb::app::pin_if_requested(cpu);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);

    boost::asio::io_context io;
    const auto address = vtb::net::parse_ipv4(interface, "--feed-interface");
    std::vector<boost::asio::ip::udp::socket> feeds;
    feeds.push_back(vtb::net::open_multicast_receiver(
        io, vtb::net::UdpEndpoint::parse_group(feed_a, "--feed-a"), address, true));
    if (!no_feed_b) {
      feeds.push_back(vtb::net::open_multicast_receiver(
          io, vtb::net::UdpEndpoint::parse_group(feed_b, "--feed-b"), address, true));
    }
    vtb::fix::Initiator fix(session);
    fix.connect_and_logon(5 * vtb::kNanosPerSecond);
    const vtb::fix::MessageTemplate order = vtb::engine::new_order_template(session, symbol);

    std::array<char, 65536> datagram{};
    std::uint64_t next_new = 0;  // the first sequence number not yet seen: A/B copies are skipped
    std::uint64_t orders = 0;
    // recv() returned -> send() called, as the engine measures it (TSC at both ends).
    const vtb::TscClock tsc = vtb::TscClock::calibrate();
    vtb::LatencyHistogram internal;
    const vtb::Nanos end = vtb::monotonic_ns() + static_cast<vtb::Nanos>(duration_s * 1e9);
    const auto ignore = [](const vtb::fix::MessageView&) {};
    while (!g_stop.load(std::memory_order_relaxed)) {
      for (auto& socket : feeds) {
        boost::system::error_code ec;
        const std::size_t n = socket.receive(boost::asio::buffer(datagram), 0, ec);
        const std::uint64_t received = tsc.read();
        if (ec || n < vtb::moldudp64::kHeaderSize) continue;
        const std::uint64_t first = vtb::wire::load_u64(datagram.data() + 10);
        const std::uint16_t count = vtb::wire::load_u16(datagram.data() + 18);
        if (count == 0 || count == vtb::moldudp64::kEndOfSession || first + count <= next_new)
          continue;
        next_new = first + count;
        char id[24];
        const auto id_length =
            static_cast<std::size_t>(vtb::text::format_int(id, static_cast<std::int64_t>(first)));
        const vtb::Now now{vtb::monotonic_ns(), vtb::wall_clock_ns()};
        if (vtb::engine::write_new_order(fix.session(), order, std::string_view(id, id_length),
                                         vtb::Side::Buy, *price, quantity, now)) {
          internal.record(tsc.to_nanos(tsc.read() - received));
          fix.flush();
          ++orders;
        }
      }
      const vtb::Now now = vtb::Now::read();
      if (!fix.poll(now, ignore))
        throw std::runtime_error("FIX session ended: " + fix.close_reason());
      if (now.mono >= end) break;
    }
    fix.logout("reflector stopping", vtb::kNanosPerSecond);
    std::printf(
        "reflector: %llu orders sent; recv() returned -> send() called: p50 %lld ns, p99 "
        "%lld ns (%s)\n",
        static_cast<unsigned long long>(orders), static_cast<long long>(internal.percentile(0.5)),
        static_cast<long long>(internal.percentile(0.99)), tsc.source());
    return 0;
  });
}
