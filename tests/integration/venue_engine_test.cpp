// The venue and the reference engine as separate processes trading over real sockets on loopback:
// FIX over TCP, ITCH 5.0 in MoldUDP64 over UDP multicast (feeds A and B).

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>

#include "common/app/child_process.hpp"
#include "common/feed_handler/feed_handler.hpp"
#include "common/fix/message_view.hpp"
#include "common/fix/tags.hpp"
#include "common/fix/utc_timestamp.hpp"
#include "common/net/multicast.hpp"
#include "common/text/decimal.hpp"
#include "tests/support/fix_text.hpp"
#include "tests/support/http_get.hpp"
#include "tests/support/json_file.hpp"
#include "tests/support/test_run.hpp"
#include "tests/support/venue_runs.hpp"
#include "tools/quickfix_reference/quickfix_client.hpp"
#include "tools/quickfix_reference/quickfix_validator.hpp"

namespace vtb {
namespace {

using namespace std::chrono_literals;
using app::ChildProcess;
using testing::engine_command;
using testing::free_tcp_port;
using testing::read_json;
using testing::reflector_options;
using testing::run_when_venue_listens;
using testing::TestRun;
using testing::venue_command;
namespace fs = std::filesystem;

// Listens to feed A in the background, keeping the book as any feed handler would, and records
// ACME's best bid and offer after every message: what the engine saw when it decided.
class FeedRecorder {
 public:
  struct Top {
    Price bid = 0;
    Price ask = 0;
  };

  explicit FeedRecorder(const std::string& group)
      : socket_(net::open_multicast_receiver(io_, net::UdpEndpoint::parse_group(group, "feed"),
                                             net::parse_ipv4("127.0.0.1", "interface"), true)),
        handler_(*this),
        thread_([this] { run(); }) {}

  ~FeedRecorder() { stop(); }

  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }

  void on_book_update(std::uint64_t sequence, std::uint16_t locate) {
    if (locate != 1) return;
    const auto& book = *handler_.book().instrument(1);
    Top top;
    if (auto b = book.bids.best()) top.bid = b->price;
    if (auto a = book.asks.best()) top.ask = a->price;
    tops_[sequence] = top;
  }

  // After stop().
  const std::unordered_map<std::uint64_t, Top>& tops() const { return tops_; }
  const feed::FeedStats& stats() const { return handler_.stats(); }

 private:
  void run() {
    char datagram[65536];
    while (!stop_) {
      boost::system::error_code ec;
      const std::size_t n = socket_.receive(boost::asio::buffer(datagram), 0, ec);
      if (ec) {
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        continue;
      }
      handler_.on_datagram(std::string_view(datagram, n));
    }
  }

  boost::asio::io_context io_;
  boost::asio::ip::udp::socket socket_;
  feed::FeedHandler<FeedRecorder> handler_;
  std::unordered_map<std::uint64_t, Top> tops_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// The engine with `engine_args` (and a summary) for its whole run against a venue started for it;
// `during` runs while it trades. Both summaries, once both have exited.
struct Traded {
  nlohmann::json engine;
  nlohmann::json venue;
  std::string engine_output;
};
Traded trade_against_venue(const TestRun& run, std::vector<std::string> engine_args,
                           const std::function<void(ChildProcess&)>& during = {}) {
  ChildProcess venue(venue_command(run, {"--summary-json", run.path("venue.json")}),
                     run.path("venue.out"));
  engine_args.insert(engine_args.end(), {"--summary-json", run.path("engine.json")});
  const auto [exit, output] =
      run_when_venue_listens(engine_command(run, engine_args), run.path("engine.out"), during);
  EXPECT_EQ(exit, 0) << output;
  venue.signal(SIGTERM);
  EXPECT_EQ(venue.wait(10s), 0) << venue.output();
  return {read_json(run.path("engine.json")), read_json(run.path("venue.json")), output};
}

TEST(VenueEngine, TheEngineTradesAgainstTheVenueOverRealSockets) {
  TestRun run;
  FeedRecorder recorder(run.feed_a);  // joined before the venue publishes its first message
  ChildProcess venue(venue_command(run, {"--fix-log", run.path("venue-log"), "--summary-json",
                                         run.path("venue.json")}),
                     run.path("venue.out"));
  const auto [engine_exit, engine_output] = run_when_venue_listens(
      engine_command(run, {"--buy-at-or-below", "99.98", "--sell-at-or-above", "100.02",
                           "--max-position", "500", "--duration", "4", "--fix-log",
                           run.path("engine-log"), "--summary-json", run.path("engine.json")}),
      run.path("engine.out"));
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
  EXPECT_EQ(e["feed"]["snapshots"].get<int>(), 1) << "the engine starts from the venue's snapshot";
  EXPECT_GE(v["market_data"]["snapshots"].get<int>(), 1);
  EXPECT_GT(e["feed"]["duplicate_messages"].get<int>(), 0) << "feed B copies should be dropped";
  EXPECT_EQ(e["tick_to_trade_internal_ns"]["count"], e["orders_sent"]);

  // Tick-to-trade correlation: every order's ClOrdID is the MoldUDP64 sequence number of the
  // message after which the trigger held, and the order is priced at the touch it saw.
  recorder.stop();
  ASSERT_EQ(recorder.stats().gaps, 0u);
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
    const auto top = recorder.tops().find(std::stoull(id));
    ASSERT_NE(top, recorder.tops().end()) << "no ACME book change at sequence " << id;
    const Price price = *text::parse_price(*message.get(fix::tag::Price));
    if (message.get(fix::tag::Side) == "1") {
      EXPECT_EQ(price, top->second.ask) << id;
      EXPECT_LE(top->second.ask, 999'800) << id;
    } else {
      EXPECT_EQ(price, top->second.bid) << id;
      EXPECT_GE(top->second.bid, 1'000'200) << id;
    }
  }
  EXPECT_EQ(orders, e["orders_sent"].get<int>());
  EXPECT_GT(lines, orders);
}

// The reflector strategy answers book changes with orders that never trade; SIGUSR1 trips the kill
// switch: the session stays up, and what the strategy still wants is refused.
TEST(VenueEngine, TheReflectorNeverTradesAndTheKillSwitchStopsIt) {
  TestRun run;
  const auto [e, v, engine_output] = trade_against_venue(
      run, reflector_options({"--rx-timestamps", "--duration", "4"}), [](ChildProcess& engine) {
        std::this_thread::sleep_for(2s);
        engine.signal(SIGUSR1);
      });
  ASSERT_FALSE(e.is_discarded()) << engine_output;
  EXPECT_EQ(e["strategy"], "reflector");
  const int sent = e["orders_sent"].get<int>();
  EXPECT_GT(sent, 10) << engine_output;
  EXPECT_EQ(e["orders_sent"], v["fix"]["orders_received"]);
  EXPECT_EQ(e["fills"].get<int>(), 0) << "10.00 behind the touch: never trades";
  EXPECT_EQ(e["canceled"].get<int>(), sent) << "every IOC ends canceled";
  EXPECT_EQ(e["open_orders_at_end"].get<int>(), 0);
  EXPECT_TRUE(e["risk"]["killed"].get<bool>());
  EXPECT_NE(e["risk"]["kill_reason"].get<std::string>().find("SIGUSR1"), std::string::npos);
  EXPECT_GT(e["risk"]["refused_kill_switch"].get<int>(), 0)
      << "the book kept changing after the kill switch; nothing was sent";
  EXPECT_EQ(e["risk"]["accepted"].get<int>(), sent);
  EXPECT_EQ(e["end_reason"], "duration reached");
  // --rx-timestamps: loopback stamps in software; from the stamp is longer than from recv().
  const auto& rx = e["tick_to_trade_from_rx_timestamp_ns"];
  EXPECT_EQ(rx["source"], "software (kernel receive)");
  EXPECT_EQ(rx["count"].get<int>(), sent);
  EXPECT_GE(rx["p50"].get<long>(), e["tick_to_trade_internal_ns"]["p50"].get<long>());
}

TEST(VenueEngine, TheMarketMakerQuotesMovesAndPullsItsQuotes) {
  TestRun run;
  const auto [e, v, engine_output] =
      trade_against_venue(run,
                          {"--strategy", "market-maker", "--quote-edge-ticks", "3",
                           "--requote-ticks", "1", "--max-order-rate", "0", "--duration", "4"},
                          [](ChildProcess& engine) {
                            std::this_thread::sleep_for(2s);
                            engine.signal(SIGUSR1);
                          });
  ASSERT_FALSE(e.is_discarded()) << engine_output;
  EXPECT_EQ(e["strategy"], "market-maker");
  const auto& quotes = e["quotes"];
  // A bid and an offer (again after each full fill), moved as the mid moved.
  EXPECT_GE(e["orders_sent"].get<int>(), 2) << engine_output;
  EXPECT_EQ(e["orders_sent"], v["fix"]["orders_received"]);
  EXPECT_GT(quotes["replaces_sent"].get<int>(), 0) << "the book moved for 2 s";
  EXPECT_EQ(e["acknowledged"], e["orders_sent"]);
  EXPECT_EQ(e["rejected"].get<int>(), 0);
  EXPECT_EQ(e["session_rejects"].get<int>(), 0);
  EXPECT_EQ(v["fix"]["business_rejects"].get<int>(), 0);
  // The kill switch pulled what was resting; nothing rests at the end.
  EXPECT_TRUE(e["risk"]["killed"].get<bool>());
  EXPECT_GT(quotes["cancels_sent"].get<int>(), 0);
  EXPECT_FALSE(quotes["bid_live"].get<bool>());
  EXPECT_FALSE(quotes["ask_live"].get<bool>());
  EXPECT_EQ(e["open_orders_at_end"].get<int>(), 0);
  EXPECT_LE(e["position"].get<int>(), 1000);
  EXPECT_GE(e["position"].get<int>(), -1000);
}

// The engine's Prometheus endpoint, scraped while it trades: its internal histograms count the
// orders, cumulatively, and the counters match the summary it prints at the end.
TEST(VenueEngine, TheEngineServesItsLatencyHistogramsAsMetrics) {
  TestRun run;
  const std::uint16_t metrics_port = testing::free_tcp_port();
  std::string scraped;
  const auto [e, v, engine_output] =
      trade_against_venue(run,
                          reflector_options({"--metrics-port", std::to_string(metrics_port),
                                             "--metrics-address", "127.0.0.1", "--duration", "4"}),
                          [&](ChildProcess&) {
                            std::this_thread::sleep_for(3s);
                            try {
                              scraped = testing::http_get(metrics_port, "/metrics");
                            } catch (const std::exception&) {
                              // This start found no venue listening and has ended: the next one is
                              // scraped.
                            }
                          });
  ASSERT_FALSE(e.is_discarded()) << engine_output;
  const auto value = [&](const std::string& series) -> double {
    const auto at = scraped.find("\n" + series + " ");
    if (at == std::string::npos) return -1;
    return std::stod(scraped.substr(at + series.size() + 2));
  };
  const double orders = value("vtb_engine_orders_sent_total");
  EXPECT_GT(orders, 0) << scraped;
  // A snapshot from about a second before the scrape: fewer than at the end, more than none.
  EXPECT_LE(orders, e["orders_sent"].get<double>());
  const double count = value("vtb_engine_tick_to_trade_seconds_count{clock=\"tsc\"}");
  // The histograms are copied just after the counters, one an idle turn: a few more orders.
  EXPECT_GE(count, orders);
  EXPECT_LE(count, e["orders_sent"].get<double>());
  const double under_100us =
      value("vtb_engine_tick_to_trade_seconds_bucket{clock=\"tsc\",le=\"0.0001\"}");
  const double under_1ms =
      value("vtb_engine_tick_to_trade_seconds_bucket{clock=\"tsc\",le=\"0.001\"}");
  const double all = value("vtb_engine_tick_to_trade_seconds_bucket{clock=\"tsc\",le=\"+Inf\"}");
  EXPECT_GT(under_100us, 0) << scraped;
  EXPECT_LE(under_100us, under_1ms);
  EXPECT_LE(under_1ms, all);
  EXPECT_EQ(all, count);
  EXPECT_EQ(value("vtb_engine_kill_switch"), 0);
  EXPECT_NE(scraped.find("vtb_engine_risk_refused_total{reason=\"rate\"}"), std::string::npos);
}

TEST(VenueFeed, TestbedDecodesTheVenuesStartOfDay) {
  TestRun run;
  ChildProcess listener(
      {VTB_TESTBED, "feed", "--group", run.feed_a, "--count", "7", "--timeout", "20"},
      run.path("feed.out"));
  std::this_thread::sleep_for(300ms);  // joined before the venue starts publishing
  ChildProcess venue({VTB_VENUE, "--fix-sessions", VTB_SOURCE_DIR "/fixtures/venue-sessions.cfg",
                      "--instruments", VTB_SOURCE_DIR "/fixtures/instruments.csv", "--fix-port",
                      std::to_string(run.fix_port), "--retransmit-port", "0", "--snapshot-port",
                      "0", "--feed-a", run.feed_a, "--no-feed-b", "--duration", "30"},
                     run.path("venue.out"));
  ASSERT_EQ(listener.wait(25s), 0) << listener.output();
  const std::string out = listener.output();
  EXPECT_NE(out.find("1 S stock_locate=0"), std::string::npos) << out;
  EXPECT_NE(out.find("event_code=O"), std::string::npos) << out;
  EXPECT_NE(out.find("2 R stock_locate=1"), std::string::npos) << out;
  EXPECT_NE(out.find("stock=ACME"), std::string::npos) << out;
  EXPECT_NE(out.find("4 R stock_locate=3"), std::string::npos) << out;
  EXPECT_NE(out.find("stock=INITECH market_category=Q financial_status=N round_lot_size=10"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("7 A stock_locate="), std::string::npos) << out;
}

// Asks the venue's control port one command; returns the answer line.
std::string control(std::uint16_t port, const std::string& command) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket s(io);
  boost::system::error_code ec;
  for (int attempt = 0; attempt < 100; ++attempt) {  // the venue may still be starting
    s.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
    if (!ec) break;
    s = boost::asio::ip::tcp::socket(io);
    std::this_thread::sleep_for(50ms);
  }
  if (ec) return "cannot connect: " + ec.message();
  boost::asio::write(s, boost::asio::buffer(command + "\n"));
  std::string answer;
  char c;
  while (boost::asio::read(s, boost::asio::buffer(&c, 1), ec) == 1 && c != '\n')
    answer += c;
  return answer;
}

// A scheduled trading day: the market starts closed, pre-opens and opens on the schedule; an
// operator halts and resumes one instrument on the control port. The feed shows every phase as a
// Stock Trading Action and every auction as a Cross Trade.
TEST(VenuePhases, ScheduleAndControlPortMoveTheTradingPhases) {
  TestRun run;
  const std::string schedule = run.path("day.schedule");
  std::ofstream(schedule) << "# test day\n+0 PreOpen\n+0.5 Continuous\n";
  const std::uint16_t control_port = free_tcp_port();
  ChildProcess listener({VTB_TESTBED, "feed", "--group", run.feed_a, "--timeout", "6"},
                        run.path("feed.out"));
  std::this_thread::sleep_for(300ms);
  ChildProcess venue({VTB_VENUE,
                      "--fix-sessions",
                      VTB_SOURCE_DIR "/fixtures/venue-sessions.cfg",
                      "--instruments",
                      VTB_SOURCE_DIR "/fixtures/instruments.csv",
                      "--fix-port",
                      std::to_string(run.fix_port),
                      "--retransmit-port",
                      "0",
                      "--feed-a",
                      run.feed_a,
                      "--no-feed-b",
                      "--duration",
                      "5",
                      "--schedule",
                      schedule,
                      "--control-port",
                      std::to_string(control_port),
                      "--journal",
                      run.path("venue.journal")},
                     run.path("venue.out"));
  std::this_thread::sleep_for(1500ms);  // past the open
  EXPECT_EQ(control(control_port, "status"),
            "ok ACME=Continuous GLOBEX=Continuous INITECH=Continuous");
  EXPECT_EQ(control(control_port, "phase Halted ACME"), "ok");
  EXPECT_EQ(control(control_port, "phase PreOpen ACME"),
            "error: ACME cannot move from Halted to PreOpen");
  EXPECT_EQ(control(control_port, "phase Lunch"),
            "error: 'Lunch' is not a phase: use PreOpen, Continuous, Halted, PreClose or Closed");
  EXPECT_EQ(control(control_port, "phase Continuous ACME"), "ok");
  ASSERT_EQ(venue.wait(10s), 0) << venue.output();
  listener.wait(10s);
  const std::string feed = listener.output();
  // Per instrument: quotation only at the pre-open, the opening cross, trading.
  for (const std::string stock : {"ACME", "GLOBEX", "INITECH"}) {
    EXPECT_NE(feed.find("stock=" + stock + " trading_state=Q"), std::string::npos) << feed;
    EXPECT_NE(feed.find("stock=" + stock + " trading_state=T"), std::string::npos) << feed;
  }
  EXPECT_NE(feed.find("stock=ACME cross_price="), std::string::npos) << feed;  // a Cross Trade
  EXPECT_NE(feed.find("cross_type=O"), std::string::npos) << feed;
  EXPECT_NE(feed.find("stock=ACME trading_state=H"), std::string::npos) << feed;
  EXPECT_NE(feed.find("cross_type=H"), std::string::npos) << feed;  // the re-opening after the halt

  // The run's journal replays to the same outputs, auctions and agents' orders included.
  ChildProcess replay({VTB_TESTBED, "replay", run.path("venue.journal")}, run.path("replay.out"));
  EXPECT_EQ(replay.wait(30s), 0) << replay.output();
  EXPECT_NE(replay.output().find("identical"), std::string::npos) << replay.output();
}

// QuickFIX's FIX 4.2 clients send whole seconds.
std::string utc_seconds() {
  return testing::utc_now(fix::TimestampPrecision::Seconds);
}

// What every ExecutionReport must say of itself and of the ones before it for the same order:
// CumQty + LeavesQty = OrderQty while the order lives (LeavesQty 0 once it is done), CumQty the
// sum of the fills, AvgPx their average, ExecIDs never reused, a replace's OrigClOrdID the ClOrdID
// the order answered to before.
class ReportChecker {
 public:
  void check(const quickfix_reference::QuickFixClient::Fields& er) {
    const auto get = [&](int tag) {
      const auto it = er.find(tag);
      return it == er.end() ? std::string() : it->second;
    };
    const auto num = [&](int tag) { return std::stod(get(tag).empty() ? "0" : get(tag)); };
    const std::string exec_id = get(fix::tag::ExecID), status = get(fix::tag::OrdStatus);
    EXPECT_TRUE(exec_ids_.insert(exec_id).second) << "ExecID " << exec_id << " reused";
    const double qty = num(fix::tag::OrderQty), cum = num(fix::tag::CumQty),
                 leaves = num(fix::tag::LeavesQty);
    const bool done = status == "2" || status == "4" || status == "C" || status == "8";
    if (done) {
      EXPECT_EQ(leaves, 0) << "a done order has LeavesQty " << leaves;
    } else {
      EXPECT_EQ(cum + leaves, qty) << "CumQty " << cum << " + LeavesQty " << leaves
                                   << " != OrderQty " << qty << " on ExecID " << exec_id;
    }
    const std::string order = get(fix::tag::OrderID);
    if (order == "NONE") return;
    Fills& fills = fills_[order];
    // FIX 4.2 reports fills as ExecType 1 or 2 (with ExecTransType); later versions as F.
    const std::string exec_type = get(fix::tag::ExecType);
    const bool fill = exec_type == "F" || (!get(fix::tag::ExecTransType).empty() &&
                                           (exec_type == "1" || exec_type == "2"));
    if (fill) {
      fills.quantity += num(fix::tag::LastQty);
      fills.value += num(fix::tag::LastQty) * num(fix::tag::LastPx);
    }
    EXPECT_EQ(cum, fills.quantity) << "CumQty is not the sum of LastQty, OrderID " << order;
    if (fills.quantity > 0) {
      EXPECT_NEAR(num(fix::tag::AvgPx), fills.value / fills.quantity, 0.00005) << order;
    }
    if (get(fix::tag::ExecType) == "5") {
      EXPECT_EQ(get(fix::tag::OrigClOrdID), fills.cl_ord_id) << "OrigClOrdID chain, " << order;
    }
    fills.cl_ord_id = get(fix::tag::ClOrdID);
  }
  std::size_t reports() const { return exec_ids_.size(); }
  const std::set<std::string>& exec_ids() const { return exec_ids_; }

 private:
  struct Fills {
    double quantity = 0, value = 0;
    std::string cl_ord_id;
  };
  std::set<std::string> exec_ids_;
  std::map<std::string, Fills> fills_;
};

struct InteropVersion {
  std::string begin_string, sender, dictionary;
  bool fix42() const { return begin_string == "FIX.4.2"; }
};

void PrintTo(const InteropVersion& v, std::ostream* os) {
  *os << v.begin_string;
}

class QuickFixInterop : public ::testing::TestWithParam<InteropVersion> {};

// A QuickFIX initiator (libquickfix, validating everything it receives against the venue's
// dictionary for its FIX version) logs on, places, replaces and cancels orders, trades against
// the agents' quotes, asks for order status and mass-cancels; every ExecutionReport is checked for
// consistency, and a drop-copy session must have seen each of them.
TEST_P(QuickFixInterop, AQuickFixClientTradesCancelsAndReplaces) {
  const InteropVersion& version = GetParam();
  TestRun run;
  ChildProcess venue({VTB_VENUE, "--fix-sessions", VTB_SOURCE_DIR "/fixtures/venue-sessions.cfg",
                      "--instruments", VTB_SOURCE_DIR "/fixtures/instruments.csv", "--fix-port",
                      std::to_string(run.fix_port), "--retransmit-port", "0", "--snapshot-port",
                      "0", "--feed-a", run.feed_a, "--no-feed-b", "--duration", "30"},
                     run.path("venue.out"));
  quickfix_reference::QuickFixClient::Options options;
  options.port = run.fix_port;
  options.begin_string = version.begin_string;
  options.sender_comp_id = version.sender;
  options.target_comp_id = "VENUE";
  options.dictionary = VTB_SOURCE_DIR "/fixtures/" + version.dictionary;
  options.transport_dictionary = VTB_SOURCE_DIR "/fixtures/venue-fixt11.xml";
  options.app_dictionary = VTB_SOURCE_DIR "/fixtures/venue-fix50sp2.xml";
  options.default_appl_ver_id = "FIX.5.0SP2";
  quickfix_reference::QuickFixClient client(options);
  ASSERT_TRUE(client.wait_logged_on(10s)) << venue.output();
  options.begin_string = "FIX.4.4";
  options.dictionary = VTB_SOURCE_DIR "/fixtures/venue-fix44.xml";
  options.sender_comp_id = "DROPCOPY";
  quickfix_reference::QuickFixClient drop_copy(options);
  ASSERT_TRUE(drop_copy.wait_logged_on(10s)) << venue.output();
  ReportChecker checker;
  const auto next = [&](const std::string& type) {
    auto m = client.receive(5s);
    EXPECT_EQ(m[fix::tag::MsgType], type) << "nothing, or not a " << type;
    if (type == "8") checker.check(m);
    return m;
  };
  using Body = std::vector<std::pair<int, std::string>>;
  const auto order = [&](const std::string& id, const std::string& side, const std::string& qty,
                         const std::string& price, const std::string& tif) {
    return Body{{fix::tag::ClOrdID, id},   {fix::tag::Symbol, "ACME"},
                {fix::tag::Side, side},    {fix::tag::TransactTime, utc_seconds()},
                {fix::tag::OrderQty, qty}, {fix::tag::OrdType, "2"},
                {fix::tag::Price, price},  {fix::tag::TimeInForce, tif}};
  };

  ASSERT_TRUE(client.send("D", order("O1", "1", "100", "50.00", "0")));
  EXPECT_EQ(next("8")[fix::tag::ExecType], "0");
  Body replace = order("O2", "1", "200", "50.01", "0");
  replace.insert(replace.begin(), {fix::tag::OrigClOrdID, "O1"});
  ASSERT_TRUE(client.send("G", replace));
  auto r = next("8");
  EXPECT_EQ(r[fix::tag::ExecType], "5");
  EXPECT_EQ(r[fix::tag::OrderQty], "200");
  ASSERT_TRUE(client.send("F", {{fix::tag::OrigClOrdID, "O2"},
                                {fix::tag::ClOrdID, "O3"},
                                {fix::tag::Symbol, "ACME"},
                                {fix::tag::Side, "1"},
                                {fix::tag::TransactTime, utc_seconds()}}));
  r = next("8");
  EXPECT_EQ(r[fix::tag::ExecType], "4");
  EXPECT_EQ(r[fix::tag::OrigClOrdID], "O2");

  // An IOC through the agents' offers: New, fills, and the remainder canceled if any.
  ASSERT_TRUE(client.send("D", order("O4", "1", "2000", "105.00", "3")));
  EXPECT_EQ(next("8")[fix::tag::ExecType], "0");
  int fills = 0;
  for (;;) {
    r = next("8");
    if (r.empty() || r[fix::tag::MsgType] != "8") break;
    const std::string type = r[fix::tag::ExecType];
    fills += version.fix42() ? (type == "1" || type == "2") : type == "F";
    if (r[fix::tag::OrdStatus] == "2" || r[fix::tag::OrdStatus] == "4") break;
  }
  EXPECT_GT(fills, 0);

  ASSERT_TRUE(client.send(
      "H", {{fix::tag::ClOrdID, "NOPE"}, {fix::tag::Symbol, "ACME"}, {fix::tag::Side, "1"}}));
  r = next("8");
  if (version.fix42()) {  // a status report: ExecTransType 3, the status as ExecType
    EXPECT_EQ(r[fix::tag::ExecTransType], "3");
    EXPECT_EQ(r[fix::tag::ExecType], "8");
  } else {
    EXPECT_EQ(r[fix::tag::ExecType], "I");
  }

  // A stop far away, then a mass cancel of everything: its cancel, then the report.
  Body stop = order("O5", "1", "10", "", "1");
  stop.erase(stop.begin() + 6);  // no Price
  stop[5].second = "3";          // OrdType Stop
  stop.push_back({fix::tag::StopPx, "999.00"});
  ASSERT_TRUE(client.send("D", stop));
  EXPECT_EQ(next("8")[fix::tag::ExecType], "0");
  if (version.fix42()) {  // no mass cancel in FIX 4.2: one cancel
    ASSERT_TRUE(client.send("F", {{fix::tag::OrigClOrdID, "O5"},
                                  {fix::tag::ClOrdID, "O6"},
                                  {fix::tag::Symbol, "ACME"},
                                  {fix::tag::Side, "1"},
                                  {fix::tag::TransactTime, utc_seconds()}}));
    EXPECT_EQ(next("8")[fix::tag::ExecType], "4");
  } else {
    ASSERT_TRUE(client.send("q", {{fix::tag::ClOrdID, "M1"},
                                  {fix::tag::MassCancelRequestType, "7"},
                                  {fix::tag::TransactTime, utc_seconds()}}));
    EXPECT_EQ(next("8")[fix::tag::ExecType], "4");
    r = next("r");
    EXPECT_EQ(r[fix::tag::TotalAffectedOrders], "1");
  }

  // The drop copy saw every one of those reports, marked as copies of CLIENT1's.
  std::set<std::string> copied;
  for (auto m = drop_copy.receive(2s); !m.empty(); m = drop_copy.receive(500ms)) {
    EXPECT_EQ(m[fix::tag::MsgType], "8");
    EXPECT_EQ(m[fix::tag::CopyMsgIndicator], "Y");
    EXPECT_EQ(m[fix::tag::OnBehalfOfCompID], version.sender);
    copied.insert(m[fix::tag::ExecID]);
  }
  EXPECT_EQ(copied, checker.exec_ids());
  // A drop-copy session cannot trade.
  ASSERT_TRUE(drop_copy.send("D", order("X1", "1", "100", "50.00", "0")));
  r = drop_copy.receive(5s);
  EXPECT_EQ(r[fix::tag::MsgType], "j");
  EXPECT_NE(r[fix::tag::Text].find("drop-copy session"), std::string::npos) << r[fix::tag::Text];
  drop_copy.stop();
  client.stop();
  EXPECT_TRUE(client.problems().empty()) << client.problems().front();
  EXPECT_TRUE(drop_copy.problems().empty()) << drop_copy.problems().front();
  EXPECT_GE(checker.reports(), 9u);
}

INSTANTIATE_TEST_SUITE_P(OrderEntryVersions, QuickFixInterop,
                         ::testing::Values(InteropVersion{"FIX.4.4", "CLIENT1", "venue-fix44.xml"},
                                           InteropVersion{"FIX.4.2", "CLIENT42", "venue-fix42.xml"},
                                           InteropVersion{"FIXT.1.1", "CLIENT50", ""}),
                         [](const auto& info) {
                           return info.param.begin_string == "FIX.4.2"   ? std::string("Fix42")
                                  : info.param.begin_string == "FIX.4.4" ? std::string("Fix44")
                                                                         : std::string("Fix50Sp2");
                         });

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

namespace vtb::testing {
namespace {

// Every control-port command a user can mistype answers `error:` naming what is wrong, and the
// venue goes on; the commands that work answer `ok` and are recorded in the event log.
TEST(VenueControl, EveryCommandAnswersAndNoMistakeTakesTheVenueDown) {
  TestRun run;
  const std::uint16_t control_port = free_tcp_port();
  ChildProcess venue(
      venue_command(run, {"--control-port", std::to_string(control_port), "--event-log",
                          run.path("events.log"), "--agent-clock", "control"}),
      run.path("venue.out"));
  const std::vector<std::pair<std::string, std::string>> exchanges = {
      {"", "error: empty command: use status"},
      {"launch", "error: unknown command 'launch'"},
      {"halt NOPE", "error: unknown symbol 'NOPE'"},
      {"halt ACME extra", "error: unexpected 'extra'"},
      {"feed drop C count 1", "error: 'C' is not a feed: use A, B or both"},
      {"feed drop A", "error: say which packets: count N, probability P or seq FROM TO"},
      {"feed drop A probability 2", "error: probability '2' is not in (0, 1]"},
      {"feed drop A seq 9 3", "error: use 'seq FROM TO' with 0 < FROM <= TO"},
      {"feed delay A count 1", "error: delay needs delay-us D"},
      {"feed explode A", "error: unknown feed action 'explode'"},
      {"feed gap 0", "error: use 'feed gap N' (packets, N > 0)"},
      {"retransmit sideways", "error: retransmit takes up or down"},
      {"reject next", "error: use 'reject next N [reason text]' (N > 0)"},
      {"fair-value ACME -1", "error: '-1' is not a price"},
      {"trade ACME 100.00 0", "error: '0' is not a quantity"},
      {"rest ACME buy 100", "error: use 'rest SYMBOL buy|sell QUANTITY PRICE'"},
      {"rest ACME hold 100 99.00", "error: side 'hold': buy or sell"},
      {"rest ACME buy 100 99.001", "error: the book refused it: "},
      {"agents step 0", "error: use 'agents step N' (N > 0)"},
      {"disconnect NOBODY", "error: no session with TargetCompID 'NOBODY'"},
      {"logout ENGINE", "error: ENGINE is not connected"},
      {"send ENGINE test-request", "error: ENGINE is not connected"},
      {"session NOBODY throttle 5", "error: no session with TargetCompID 'NOBODY'"},
      {"session ENGINE throttle 0", "error: use 'session COMPID throttle N [queue]'"},
      {"session ENGINE throttle 5 later", "error: use 'session COMPID throttle N [queue]'"},
      {"session ENGINE throttle off now", "error: unexpected 'now'"},
      {"session ENGINE cancel-on-disconnect maybe", "error: cancel-on-disconnect takes on or off"},
      {"session ENGINE heartbeats", "error: heartbeats takes on or off"},
      {"session ENGINE delay-acks 0", "error: use 'session COMPID delay-acks US"},
      {"session ENGINE delay-acks 100 jitter", "error: use 'session COMPID delay-acks US"},
      {"session ENGINE delay-acks 100 wobble 5", "error: use 'session COMPID delay-acks US"},
      {"session ENGINE delay-acks 100 jitter 200", "error: jitter must not exceed the delay"},
      {"session ENGINE nap", "error: session what?"},
      {"fill-parts NOPE 10", "error: unknown symbol 'NOPE' (or all)"},
      {"fill-parts ACME 0", "error: use 'fill-parts SYMBOL|all QUANTITY|off'"},
      {"fill-parts ACME 10 20", "error: unexpected '20'"},
      {"status", "ok ACME=Continuous GLOBEX=Continuous INITECH=Continuous"},
      {"halt ACME", "ok"},
      {"resume ACME", "ok"},
      {"feed drop both count 2 seed 9", "ok next="},
      {"feed duplicate A probability 0.5 seed 3", "ok next="},
      {"feed clear", "ok"},
      {"feed forget", "ok next="},
      {"retransmit down", "ok"},
      {"snapshot up", "ok"},
      {"reject next 2 no thanks", "ok"},
      {"fair-value ACME 101.50", "ok"},
      {"trade ACME 100.00 100", "ok"},
      {"rest ACME buy 100 99.00", "ok order="},
      {"agents step 5", "ok 5"},
      {"session ENGINE throttle 50 queue", "ok"},
      {"session ENGINE throttle off", "ok"},
      {"session ENGINE cancel-on-disconnect on", "ok"},
      {"session ENGINE heartbeats off", "ok"},
      {"session ENGINE delay-acks 500 jitter 100 seed 7", "ok"},
      {"session ENGINE delay-acks off", "ok"},
      {"fill-parts all 100", "ok"},
      {"fill-parts ACME off", "ok"},
  };
  for (const auto& [command, answer] : exchanges) {
    const std::string got = control(control_port, command);
    EXPECT_TRUE(got.starts_with(answer)) << "'" << command << "' -> '" << got << "'";
  }
  EXPECT_FALSE(venue.wait(0ms)) << "the venue ended:\n" << venue.output();
  venue.signal(SIGTERM);
  EXPECT_EQ(venue.wait(10s), 0) << venue.output();
  std::ifstream in(run.path("events.log"));
  const std::string events((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(events.find(" ready fix_port="), std::string::npos) << events;
  EXPECT_NE(events.find(" phase symbol=ACME phase=Halted"), std::string::npos) << events;
  EXPECT_NE(events.find(" command \"trade ACME 100.00 100\" -> ok"), std::string::npos) << events;
}

}  // namespace
}  // namespace vtb::testing
