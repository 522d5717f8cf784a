// Wire capture end to end: `testbed capture` on a live interface, analyzed as a file and as a
// Prometheus service. Capturing needs CAP_NET_RAW and the namespace test CAP_NET_ADMIN: both skip
// loudly without root.

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "common/app/child_process.hpp"
#include "common/itch/messages.hpp"
#include "tests/support/capture_frames.hpp"
#include "tests/support/http_get.hpp"
#include "tests/support/json_file.hpp"
#include "tests/support/test_run.hpp"
#include "tests/support/venue_runs.hpp"
#include "tools/testbed/scenario/topology.hpp"

namespace vtb {
namespace {

using namespace std::chrono_literals;
using app::ChildProcess;
using testing::read_json;
using testing::TestRun;
namespace asio = boost::asio;

// Waits until the capture says it is capturing (and, in service mode, serving its metrics).
bool wait_for_capture(const ChildProcess& capture) {
  for (int i = 0; i < 500; ++i) {
    const std::string out = capture.output();
    if (out.find("capture: capturing on") != std::string::npos) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

// The service counts what it sees as it sees it: five orders, each 1 ms after the feed message
// its ClOrdID names, appear in the histogram while the capture runs.
TEST(WireCapture, TheMetricsServiceHistogramsTickToTradeLive) {
  if (::geteuid() != 0) GTEST_SKIP() << "SKIPPED: capturing on lo needs root (CAP_NET_RAW)";
  TestRun run;
  const std::uint16_t feed_port = testing::free_udp_port();
  asio::io_context io;
  asio::ip::tcp::acceptor venue(io, {asio::ip::make_address("127.0.0.1"), 0});
  const std::uint16_t fix_port = venue.local_endpoint().port();
  ChildProcess capture(
      {VTB_TESTBED, "capture", "--interface", "lo", "--metrics-port", "0", "--filter",
       "udp port " + std::to_string(feed_port) + " or tcp port " + std::to_string(fix_port),
       "--duration", "30"},
      run.path("capture.out"));
  ASSERT_TRUE(wait_for_capture(capture)) << capture.output();
  const std::string started = capture.output();
  const auto url = started.find("http://127.0.0.1:");
  ASSERT_NE(url, std::string::npos) << started;
  const auto metrics_port =
      static_cast<std::uint16_t>(std::stoi(started.substr(url + std::strlen("http://127.0.0.1:"))));

  asio::ip::udp::socket feed(io, asio::ip::udp::v4());
  asio::ip::tcp::socket engine(io);
  engine.connect(venue.local_endpoint());
  asio::ip::tcp::socket accepted = venue.accept();
  for (std::uint64_t sequence = 1; sequence <= 5; ++sequence) {
    std::string message(itch::OrderDelete::kSize, '\0');
    itch::encode(itch::OrderDelete{{1, 0, 0}, sequence}, message.data());
    feed.send_to(asio::buffer(capture::moldudp64_packet(sequence, {message})),
                 {asio::ip::make_address("127.0.0.1"), feed_port});
    std::this_thread::sleep_for(1ms);
    asio::write(engine, asio::buffer(capture::fix_message(
                            "D", "49=ENGINE|56=VENUE|11=" + std::to_string(sequence) + "|")));
  }

  const std::string count =
      "vtb_tick_to_trade_seconds_count{interface=\"lo\",order_time=\"first-byte\","
      "timestamp_source=\"host (software)\"} ";
  std::string metrics;
  for (int i = 0; i < 100; ++i) {  // the capture sees the traffic within a poll interval
    metrics = testing::http_get(metrics_port, "/metrics");
    if (metrics.find(count + "5\n") != std::string::npos) break;
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_NE(metrics.find(count + "5\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("timestamp_source=\"host (software)\""), std::string::npos) << metrics;
  // All five took at least 1 ms: none is in the buckets below it.
  EXPECT_NE(metrics.find("vtb_tick_to_trade_seconds_bucket{interface=\"lo\",order_time=\"first-"
                         "byte\",timestamp_source=\"host (software)\",le=\"0.001\"} 0"),
            std::string::npos)
      << metrics;
  capture.signal(SIGTERM);
  ASSERT_EQ(capture.wait(10s), 0) << capture.output();
  EXPECT_NE(capture.output().find("5 orders, 5 matched"), std::string::npos) << capture.output();
}

TEST(WireCapture, EngineAndVenueOnSeparateHostsEveryOrderMatchedOnTheWire) {
  if (::geteuid() != 0) GTEST_SKIP() << "SKIPPED: network namespaces need root (CAP_NET_ADMIN)";
  // The venue and the engine on hosts of their own, as `topology: hosts` puts them; the capture
  // on the venue's end of the wire.
  std::unique_ptr<scenario::NamespaceTopology> hosts;
  try {
    hosts = std::make_unique<scenario::NamespaceTopology>(249, std::nullopt);
  } catch (const std::exception& e) {
    GTEST_SKIP() << "SKIPPED: cannot build the namespaces: " << e.what();
  }
  const scenario::NamespaceTopology& net = *hosts;
  TestRun run;
  const std::string venue_ip = net.venue_address;
  const std::string engine_ip = net.engine_address;

  ChildProcess capture(net.in_venue({VTB_TESTBED, "capture", "--interface", net.wire_interface(),
                                     "--out", run.path("wire.pcap"), "--duration", "60"}),
                       run.path("capture.out"));
  ASSERT_TRUE(wait_for_capture(capture)) << capture.output();
  ChildProcess venue(
      net.in_venue({VTB_VENUE, "--fix-sessions", VTB_SOURCE_DIR "/fixtures/venue-sessions.cfg",
                    "--instruments", VTB_SOURCE_DIR "/fixtures/instruments.csv", "--listen-address",
                    venue_ip, "--feed-interface", venue_ip, "--duration", "60", "--summary-json",
                    run.path("venue.json")}),
      run.path("venue.out"));
  const auto [engine_exit, engine_output] =
      testing::run_when_venue_listens(net.in_engine({VTB_ENGINE,
                                                     "--fix-session",
                                                     VTB_SOURCE_DIR "/fixtures/engine-session.cfg",
                                                     "--fix-host",
                                                     venue_ip,
                                                     "--feed-interface",
                                                     engine_ip,
                                                     "--feed-retransmit",
                                                     venue_ip + ":31010",
                                                     "--feed-snapshot",
                                                     venue_ip + ":31011",
                                                     "--symbol",
                                                     "ACME",
                                                     "--buy-at-or-below",
                                                     "99.98",
                                                     "--sell-at-or-above",
                                                     "100.02",
                                                     "--max-position",
                                                     "500",
                                                     "--duration",
                                                     "4",
                                                     "--summary-json",
                                                     run.path("engine.json")}),
                                      run.path("engine.out"));
  ASSERT_EQ(engine_exit, 0) << engine_output;
  std::this_thread::sleep_for(200ms);  // the last reports and feed messages reach the capture
  capture.signal(SIGTERM);
  ASSERT_EQ(capture.wait(10s), 0) << capture.output();
  venue.signal(SIGTERM);
  ASSERT_EQ(venue.wait(10s), 0) << venue.output();

  ChildProcess analyze({VTB_TESTBED, "analyze", run.path("wire.pcap"), "--json",
                        run.path("wire.json"), "--html", run.path("wire.html")},
                       run.path("analyze.out"));
  ASSERT_EQ(analyze.wait(60s), 0) << analyze.output();
  std::cout << analyze.output();  // the figures, for the test log
  const auto e = read_json(run.path("engine.json"));
  const auto w = read_json(run.path("wire.json"));
  ASSERT_FALSE(e.is_discarded()) << engine_output;
  ASSERT_FALSE(w.is_discarded()) << analyze.output();
  const int orders = e["orders_sent"].get<int>();
  ASSERT_GT(orders, 0) << engine_output;
  EXPECT_EQ(w["orders"].get<int>(), orders) << analyze.output();
  EXPECT_EQ(w["matched"].get<int>(), orders) << analyze.output();
  EXPECT_EQ(w["unmatched"].get<int>(), 0) << analyze.output();
  EXPECT_EQ(w["timestamp_source"], "host (software)");
  EXPECT_GT(w["p50_ns"].get<long>(), 0);
  EXPECT_LE(w["min_ns"].get<long>(), w["p50_ns"].get<long>());
  EXPECT_LE(w["p99_ns"].get<long>(), w["max_ns"].get<long>());
  // The venue answered every order on the wire.
  EXPECT_EQ(w["venue"]["new_orders"].get<int>(), orders);
  EXPECT_EQ(w["venue"]["order_to_ack"]["count"].get<int>(), orders);
  EXPECT_GT(e["feed"]["messages"].get<long>(), 0);
}

}  // namespace
}  // namespace vtb
