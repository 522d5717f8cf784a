// The three Prometheus endpoints as Prometheus itself judges them: the venue (9301 by
// convention), the engine (9302) and the capture (9303), scraped while the engine trades, each
// passed through Debian's `promtool check metrics` (names, units, _total, help and types); and
// the venue's figures checked against what its summary says it did.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "common/app/child_process.hpp"
#include "tests/support/http_get.hpp"
#include "tests/support/json_file.hpp"
#include "tests/support/test_run.hpp"
#include "tests/support/venue_runs.hpp"

namespace vtb::testing {
namespace {

using namespace std::chrono_literals;
using app::ChildProcess;

// The body of a scrape: what follows the HTTP headers.
std::string body(const std::string& response) {
  const auto at = response.find("\r\n\r\n");
  return at == std::string::npos ? std::string() : response.substr(at + 4);
}

// `promtool check metrics` on `text`: its exit code and what it said.
std::pair<int, std::string> promtool(const TestRun& run, const std::string& name,
                                     const std::string& text) {
  const std::string in = run.path(name + ".prom"), out = run.path(name + ".promtool");
  std::ofstream(in) << text;
  const int status =
      std::system(("promtool check metrics < '" + in + "' > '" + out + "' 2>&1").c_str());
  std::ifstream said(out);
  return {WEXITSTATUS(status), std::string(std::istreambuf_iterator<char>(said), {})};
}

// The value of one series (its name and labels exactly as exposed), or -1.
double value(const std::string& text, const std::string& series) {
  const auto at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + series.size() + 2));
}

// The port of the venue's metrics, from its event log's ready line.
std::uint16_t venue_metrics_port(const TestRun& run) {
  for (int i = 0; i < 500; ++i) {
    std::ifstream in(run.path("events.log"));
    const std::string events((std::istreambuf_iterator<char>(in)), {});
    // No <regex> here: GCC 12 warns inside it under the sanitizers' -O2, and -Werror fails.
    const auto ready = events.find(" ready ");
    const auto key = ready == std::string::npos ? ready : events.find("metrics_port=", ready);
    if (key != std::string::npos && key + 13 < events.size() && std::isdigit(events[key + 13]))
      return static_cast<std::uint16_t>(std::stoi(events.substr(key + 13)));
    std::this_thread::sleep_for(10ms);
  }
  return 0;
}

TEST(Metrics, EveryProcessServesMetricsThatPromtoolAccepts) {
  if (std::system("command -v promtool > /dev/null") != 0) {
    if (const char* ci = std::getenv("CI"); ci && std::string(ci) == "true")
      FAIL() << "promtool (Debian's prometheus package) is missing: ci/install-deps.sh installs it";
    GTEST_SKIP() << "*** SKIPPED: no promtool (apt-get install prometheus) ***";
  }
  TestRun run;
  ChildProcess venue(venue_command(run, {"--event-log", run.path("events.log"), "--summary-json",
                                         run.path("venue.json")}),
                     run.path("venue.out"));
  const std::uint16_t venue_port = venue_metrics_port(run);
  ASSERT_NE(venue_port, 0) << venue.output();
  std::unique_ptr<ChildProcess> capture;
  std::uint16_t capture_port = 0;
  if (::geteuid() == 0) {
    capture_port = free_tcp_port();
    capture = std::make_unique<ChildProcess>(
        std::vector<std::string>{VTB_TESTBED, "capture", "--interface", "lo", "--metrics-port",
                                 std::to_string(capture_port), "--filter",
                                 "tcp port " + std::to_string(run.fix_port), "--duration", "30"},
        run.path("capture.out"));
  } else {
    std::cout << "*** SKIPPED the capture's endpoint: capturing needs root ***\n";
  }
  const std::uint16_t engine_port = free_tcp_port();
  std::string venue_text, engine_text, capture_text;
  const auto [exit, output] = run_when_venue_listens(
      engine_command(run, {"--buy-at-or-below", "101", "--max-order-rate", "0", "--max-position",
                           "100000000", "--metrics-port", std::to_string(engine_port),
                           "--metrics-address", "127.0.0.1", "--duration", "3.5"}),
      run.path("engine.out"), [&](ChildProcess&) {
        std::this_thread::sleep_for(3s);  // past the venue's first copy, a second in
        venue_text = body(http_get(venue_port, "/metrics"));
        try {
          engine_text = body(http_get(engine_port, "/metrics"));
          if (capture) capture_text = body(http_get(capture_port, "/metrics"));
        } catch (const std::exception&) {
          // This start found no venue listening and has ended: the next one is scraped.
        }
      });
  ASSERT_EQ(exit, 0) << output;
  venue.signal(SIGTERM);
  ASSERT_EQ(venue.wait(10s), 0) << venue.output();

  for (const auto& [name, text] :
       {std::pair{"venue", venue_text}, {"engine", engine_text}, {"capture", capture_text}}) {
    if (std::string(name) == "capture" && !capture) continue;
    SCOPED_TRACE(name);
    ASSERT_FALSE(text.empty()) << "nothing scraped";
    const auto [code, said] = promtool(run, name, text);
    EXPECT_EQ(code, 0) << said << "\n" << text.substr(0, 3000);
  }

  // The venue counted what its summary says it did (a copy a second old: no more than that).
  const auto v = read_json(run.path("venue.json"));
  ASSERT_FALSE(v.is_discarded()) << venue.output();
  const double orders = value(venue_text, "vtb_venue_orders_total{session=\"ENGINE\"}");
  EXPECT_GT(orders, 0) << venue_text;
  EXPECT_LE(orders, v["fix"]["orders_received"].get<double>());
  EXPECT_GT(value(venue_text, "vtb_venue_fills_total{session=\"ENGINE\"}"), 0);
  EXPECT_EQ(value(venue_text, "vtb_venue_session_logged_on{session=\"ENGINE\"}"), 1);
  EXPECT_EQ(value(venue_text, "vtb_venue_session_logged_on{session=\"CLIENT1\"}"), 0);
  EXPECT_EQ(value(venue_text, "vtb_venue_logons_total{session=\"ENGINE\"}"), 1);
  EXPECT_GT(value(venue_text, "vtb_venue_feed_packets_total{feed=\"A\"}"), 0);
  EXPECT_GT(value(venue_text, "vtb_venue_feed_messages_total{feed=\"B\"}"), 0);
  EXPECT_GE(value(venue_text, "vtb_venue_snapshots_served_total"), 1) << "the engine's start-up";
  EXPECT_GT(value(venue_text, "vtb_venue_book_levels{symbol=\"ACME\",side=\"bid\"}"), 0);
  EXPECT_GT(value(venue_text, "vtb_venue_best_price{symbol=\"ACME\",side=\"ask\"}"), 0);
  EXPECT_EQ(value(venue_text, "vtb_venue_order_to_ack_seconds_count"), orders);
  EXPECT_EQ(value(venue_text,
                  "vtb_venue_orders_rejected_total{session=\"ENGINE\",reason=\"market_closed\"}"),
            0);
}

}  // namespace
}  // namespace vtb::testing
