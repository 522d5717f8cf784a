#include "tools/capture/venue_latency.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tools/capture/tick_to_trade.hpp"
#include "common/itch/messages.hpp"
#include "tests/support/capture_frames.hpp"

namespace vtb::capture {
namespace {

constexpr Nanos kT0 = 1'763'800'000'000'000'000;
constexpr std::uint32_t kEngine = 0x0A000002, kVenue = 0x0A000001;
constexpr std::uint16_t kEnginePort = 40000, kVenuePort = 5001;

// An engine's connection to the venue, both directions, and the venue's feed.
struct Wire {
  TickToTradeAnalyzer analyzer;
  std::uint32_t to_venue = 1;
  std::map<std::uint16_t, std::uint32_t> to_engine;  // by engine port: one stream each
  std::uint64_t feed_sequence = 1;

  void order(Nanos t, const std::string& message, std::uint16_t engine_port = kEnginePort) {
    analyzer.on_frame(1, Frame{kT0 + t,
                               frame(6, message, to_venue, 0x18, 0x0800, engine_port, kVenuePort,
                                     kEngine, kVenue),
                               0});
    to_venue += static_cast<std::uint32_t>(message.size());
  }
  void report(Nanos t, const std::string& message, std::uint16_t engine_port = kEnginePort) {
    analyzer.on_frame(1, Frame{kT0 + t,
                               frame(6, message, next(engine_port), 0x18, 0x0800, kVenuePort,
                                     engine_port, kVenue, kEngine),
                               0});
    to_engine[engine_port] += static_cast<std::uint32_t>(message.size());
  }
  std::uint32_t next(std::uint16_t engine_port) {
    return to_engine.try_emplace(engine_port, 1).first->second;
  }
  void feed(Nanos t, const std::string& itch) {
    analyzer.on_frame(1, Frame{kT0 + t, frame(17, moldudp64_packet(feed_sequence++, {itch})), 0});
  }
};

std::string add_order(std::uint64_t reference) {
  std::string m(itch::AddOrder::kSize, '\0');
  itch::encode(itch::AddOrder{{1, 0, 0}, reference, 'B', 100, itch::make_symbol("ACME"), 1000},
               m.data());
  return m;
}

std::string executed(std::uint64_t resting_reference, std::uint64_t match) {
  std::string m(itch::OrderExecuted::kSize, '\0');
  itch::encode(itch::OrderExecuted{{1, 0, 0}, resting_reference, 100, match}, m.data());
  return m;
}

// Requests answered (or not) on the same connection's other direction; new orders shown on the
// feed by their OrderID (Add Order) or by a fill's TrdMatchID (execution), before or after the
// report that names them.
TEST(VenueLatency, MeasuresOrderToAckAndOrderToMarketData) {
  Wire w;
  // Rests: acknowledged after 12 µs, on the feed after 30 µs.
  w.order(100'000, fix_message("D", "11=7|"));
  w.report(105'000, fix_message("8", "37=501|11=7|150=0|"), kEnginePort + 1);  // another session's
  w.report(112'000, fix_message("8", "37=501|11=7|150=0|"));
  w.feed(130'000, add_order(501));
  // Trades on arrival: the execution of its fill (match 9001) shows 10 µs after the order.
  w.order(200'000, fix_message("D", "11=8|"));
  w.report(205'000, fix_message("8", "37=502|11=8|150=0|"));
  w.report(206'000, fix_message("8", "37=502|11=8|150=F|880=9001|"));
  w.feed(210'000, executed(400, 9001));
  // An IOC that did not trade: acknowledged, never on the feed.
  w.order(300'000, fix_message("D", "11=9|"));
  w.report(304'000, fix_message("8", "37=503|11=9|150=4|"));
  // A cancel, acknowledged after 9 µs.
  w.order(400'000, fix_message("F", "11=10|41=7|"));
  w.report(409'000, fix_message("8", "37=501|11=10|150=4|"));
  // No answer in the capture.
  w.order(500'000, fix_message("D", "11=11|"));
  // On the feed (7 µs) before its report (10 µs).
  w.order(600'000, fix_message("D", "11=12|"));
  w.feed(607'000, add_order(504));
  w.report(610'000, fix_message("8", "37=504|11=12|150=0|"));

  const VenueLatencyResult r = w.analyzer.finish().venue;
  EXPECT_EQ(r.requests, 6u);
  EXPECT_EQ(r.unanswered, 1u);
  EXPECT_EQ(r.order_to_ack, (std::vector<Nanos>{12'000, 5'000, 4'000, 9'000, 10'000}));
  EXPECT_EQ(r.new_orders, 5u);
  EXPECT_EQ(r.not_on_feed, 2u);
  EXPECT_EQ(r.order_to_market_data, (std::vector<Nanos>{30'000, 10'000, 7'000}));
  EXPECT_EQ(r.market_data.p50, 10'000);
  EXPECT_EQ(r.ack.max, 12'000);
}

// An order that trades in part on arrival and rests: the feed shows the execution, then the Add
// Order of the rest, both before the venue's reports. The first of them counts, although the
// acknowledgement names the Add Order and only the later fill report names the execution.
TEST(VenueLatency, TheEarliestReflectionCountsWhicheverReportNamesItFirst) {
  Wire w;
  w.order(100'000, fix_message("D", "11=1|"));
  w.feed(104'000, executed(400, 77));
  w.feed(105'000, add_order(900));
  w.report(108'000, fix_message("8", "37=900|11=1|150=0|"));
  w.report(109'000, fix_message("8", "37=900|11=1|150=F|880=77|"));
  // Answers more than a second late are taken as none: the request was settled by then.
  w.order(200'000, fix_message("D", "11=2|"));
  w.order(1'300'000'000, fix_message("D", "11=3|"));
  w.report(1'300'001'000, fix_message("8", "37=901|11=2|150=0|"));
  const VenueLatencyResult r = w.analyzer.finish().venue;
  EXPECT_EQ(r.order_to_market_data, (std::vector<Nanos>{4'000}));
  EXPECT_EQ(r.order_to_ack, (std::vector<Nanos>{8'000}));
  EXPECT_EQ(r.unanswered, 2u);
}

// FIX 4.4's ExecutionReport has no TrdMatchID: the venue puts the match number in
// SecondaryExecID(527) there, and the analyzer reads it from either.
TEST(VenueLatency, AFix44FillNamesItsMatchInSecondaryExecId) {
  Wire w;
  w.order(100'000, fix_message("D", "11=1|"));
  w.report(102'000, fix_message("8", "37=900|11=1|150=0|"));
  w.report(103'000, fix_message("8", "37=900|11=1|150=F|527=77|"));
  w.feed(106'000, executed(400, 77));
  const VenueLatencyResult r = w.analyzer.finish().venue;
  EXPECT_EQ(r.order_to_market_data, (std::vector<Nanos>{6'000}));
}

// A long-lived capture keeps no per-order latencies: they go to the listener, once each.
TEST(VenueLatency, StreamingReportsToTheListenerOnly) {
  struct Recorder : TickToTradeAnalyzer::Listener {
    std::vector<Nanos> tick_to_trade, ack, market_data;
    int unmatched = 0;
    void on_tick_to_trade(Nanos v) override { tick_to_trade.push_back(v); }
    void on_unmatched_order() override { ++unmatched; }
    void on_order_to_ack(Nanos v) override { ack.push_back(v); }
    void on_order_to_market_data(Nanos v) override { market_data.push_back(v); }
  } recorder;
  Wire w;
  w.analyzer.set_streaming();
  w.analyzer.set_listener(&recorder);
  w.feed(90'000, add_order(1));  // message 1: the trigger
  w.order(100'000, fix_message("D", "11=1|"));
  w.report(103'000, fix_message("8", "37=501|11=1|150=0|"));
  w.feed(106'000, add_order(501));
  w.order(200'000, fix_message("D", "11=99|"));  // no such trigger (yet): unmatched at once
  EXPECT_EQ(recorder.tick_to_trade, (std::vector<Nanos>{10'000}));
  EXPECT_EQ(recorder.unmatched, 1);
  EXPECT_EQ(recorder.ack, (std::vector<Nanos>{3'000}));
  EXPECT_TRUE(recorder.market_data.empty()) << "settled a second after the order";
  w.feed(1'200'000'000, add_order(2));
  EXPECT_EQ(recorder.market_data, (std::vector<Nanos>{6'000}));
  const TickToTradeResult r = w.analyzer.finish();
  EXPECT_EQ(r.matched, 1u);
  EXPECT_EQ(r.unmatched, 1u);
  EXPECT_TRUE(r.latencies.empty());
  EXPECT_TRUE(r.venue.order_to_ack.empty());
  EXPECT_TRUE(r.venue.order_to_market_data.empty());
  EXPECT_EQ(r.venue.on_feed, 1u);
  EXPECT_EQ(r.venue.answered, 1u);
}

}  // namespace
}  // namespace vtb::capture
