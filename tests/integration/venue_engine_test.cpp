// The venue and the reference engine as separate processes trading over real sockets on loopback:
// FIX over TCP, ITCH 5.0 in MoldUDP64 over UDP multicast (feeds A and B).

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "common/fix/message_view.hpp"
#include "common/fix/tags.hpp"
#include "tests/support/child_process.hpp"
#include "tools/quickfix_reference/quickfix_validator.hpp"

namespace vtb {
namespace {

using namespace std::chrono_literals;
using testing::ChildProcess;
namespace fs = std::filesystem;

// A free TCP port from the kernel, and multicast groups/ports unique to this process, so that
// parallel test runs do not hear each other.
std::uint16_t free_tcp_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

struct TestRun {
  fs::path dir;
  std::string feed_a, feed_b;
  std::uint16_t fix_port;

  TestRun() {
    const int pid = static_cast<int>(::getpid());
    dir = fs::temp_directory_path() / ("vtb-it-" + std::to_string(pid));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const int port = 40000 + pid % 10000 * 2 % 20000;
    feed_a = "239.77." + std::to_string(pid % 250) + ".1:" + std::to_string(port);
    feed_b = "239.77." + std::to_string(pid % 250) + ".2:" + std::to_string(port + 1);
    fix_port = free_tcp_port();
  }
  ~TestRun() { fs::remove_all(dir); }
  std::string path(const std::string& name) const { return (dir / name).string(); }
};

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  return nlohmann::json::parse(in, nullptr, false);
}

TEST(VenueEngine, TheEngineTradesAgainstTheVenueOverRealSockets) {
  TestRun run;
  ChildProcess venue(
      {VTB_VENUE, "--fix-sessions", VTB_SOURCE_DIR "/fixtures/venue-sessions.cfg", "--instruments",
       VTB_SOURCE_DIR "/fixtures/instruments.csv", "--fix-port", std::to_string(run.fix_port),
       "--feed-a", run.feed_a, "--feed-b", run.feed_b, "--fix-log", run.path("venue-log"),
       "--duration", "60", "--summary-json", run.path("venue.json")},
      run.path("venue.out"));
  // The engine needs the venue listening; retry its start until the port answers.
  std::optional<int> engine_exit;
  std::string engine_output;
  for (int attempt = 0; attempt < 50; ++attempt) {
    ChildProcess engine({VTB_ENGINE,
                         "--fix-session",
                         VTB_SOURCE_DIR "/fixtures/engine-session.cfg",
                         "--fix-port",
                         std::to_string(run.fix_port),
                         "--feed-a",
                         run.feed_a,
                         "--feed-b",
                         run.feed_b,
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
                         "--fix-log",
                         run.path("engine-log"),
                         "--summary-json",
                         run.path("engine.json")},
                        run.path("engine.out"));
    engine_exit = engine.wait(30s);
    engine_output = engine.output();
    if (engine_exit != 2 || engine_output.find("cannot connect") == std::string::npos) break;
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_EQ(engine_exit, 0) << engine_output;
  venue.signal(SIGTERM);
  ASSERT_EQ(venue.wait(10s), 0) << venue.output();

  const auto e = read_json(run.path("engine.json"));
  const auto v = read_json(run.path("venue.json"));
  ASSERT_FALSE(e.is_discarded()) << engine_output;
  ASSERT_FALSE(v.is_discarded()) << venue.output();
  EXPECT_GE(e["fills"].get<int>(), 1) << engine_output;
  EXPECT_GT(e["orders_sent"].get<int>(), 0);
  EXPECT_EQ(e["orders_sent"], v["fix"]["orders_received"]);
  EXPECT_EQ(e["fills"], v["fix"]["fills"]);
  EXPECT_EQ(e["rejected"].get<int>(), 0);
  EXPECT_EQ(e["session_rejects"].get<int>(), 0);
  EXPECT_LE(std::abs(e["position"].get<int>()), 500);
  EXPECT_EQ(e["feed"]["gaps"].get<int>(), 0);
  EXPECT_GT(e["feed"]["duplicate_messages"].get<int>(), 0) << "feed B copies should be dropped";
  EXPECT_EQ(e["tick_to_trade_internal_ns"]["count"], e["orders_sent"]);

  // Tick-to-trade correlation: every order's ClOrdID is the MoldUDP64 sequence number of a
  // message the venue published.
  const std::uint64_t published = v["market_data"]["next_sequence"].get<std::uint64_t>();
  const std::string engine_log = run.path("engine-log/FIX.4.4-ENGINE-VENUE.messages.log");
  std::ifstream log(engine_log);
  ASSERT_TRUE(log) << engine_log;
  const quickfix_reference::QuickFixValidator validator(VTB_SOURCE_DIR "/fixtures/venue-fix44.xml");
  std::string line;
  int orders = 0, lines = 0;
  while (std::getline(log, line)) {
    const std::string raw = line.substr(line.find("8=FIX"));
    ++lines;
    // QuickFIX, with the venue's dictionary, accepts every message either side sent.
    EXPECT_EQ(validator.validate(raw), "") << raw;
    const fix::MessageView message(raw);
    if (message.msg_type() != "D" || message.get(fix::tag::SenderCompID) != "ENGINE") continue;
    ++orders;
    const std::string id(*message.get(fix::tag::ClOrdID));
    ASSERT_TRUE(!id.empty() && id[0] != '0' &&
                id.find_first_not_of("0123456789") == std::string::npos)
        << "ClOrdID " << id << " is not a sequence number";
    EXPECT_LT(std::stoull(id), published);
  }
  EXPECT_EQ(orders, e["orders_sent"].get<int>());
  EXPECT_GT(lines, orders);
}

TEST(VenueFeed, TestbedDecodesTheVenuesStartOfDay) {
  TestRun run;
  ChildProcess listener(
      {VTB_TESTBED, "feed", "--group", run.feed_a, "--count", "7", "--timeout", "20"},
      run.path("feed.out"));
  std::this_thread::sleep_for(300ms);  // joined before the venue starts publishing
  ChildProcess venue(
      {VTB_VENUE, "--fix-sessions", VTB_SOURCE_DIR "/fixtures/venue-sessions.cfg", "--instruments",
       VTB_SOURCE_DIR "/fixtures/instruments.csv", "--fix-port", std::to_string(run.fix_port),
       "--feed-a", run.feed_a, "--no-feed-b", "--duration", "30"},
      run.path("venue.out"));
  ASSERT_EQ(listener.wait(25s), 0) << listener.output();
  const std::string out = listener.output();
  EXPECT_NE(out.find("1 S locate=0"), std::string::npos) << out;
  EXPECT_NE(out.find("event=O"), std::string::npos) << out;
  EXPECT_NE(out.find("2 R locate=1"), std::string::npos) << out;
  EXPECT_NE(out.find("stock=ACME"), std::string::npos) << out;
  EXPECT_NE(out.find("4 R locate=3"), std::string::npos) << out;
  EXPECT_NE(out.find("stock=INITECH round_lot=10"), std::string::npos) << out;
  EXPECT_NE(out.find("7 A locate="), std::string::npos) << out;
}

TEST(VenueConfig, BadConfigurationIsAClearErrorNotACrash) {
  TestRun run;
  const std::string bad = run.path("bad.csv");
  std::ofstream(bad) << "symbol,tick_size,lot_size,reference_price\nACME,0.01,1,100.005\n";
  ChildProcess venue({VTB_VENUE, "--fix-sessions", VTB_SOURCE_DIR "/fixtures/venue-sessions.cfg",
                      "--instruments", bad, "--fix-port", std::to_string(run.fix_port)},
                     run.path("venue.out"));
  EXPECT_EQ(venue.wait(10s), 2);
  EXPECT_NE(venue.output().find(bad + ":2: reference_price '100.005'"), std::string::npos)
      << venue.output();
}

}  // namespace
}  // namespace vtb
