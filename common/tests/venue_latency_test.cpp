#include "common/capture/venue_latency.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "common/capture/tick_to_trade.hpp"
#include "common/itch/messages.hpp"
#include "common/tests/capture_frames.hpp"

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

}  // namespace
}  // namespace vtb::capture
