#include "tools/capture/tick_to_trade.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "common/fix/message_view.hpp"
#include "common/itch/messages.hpp"
#include "common/moldudp64/packet.hpp"
#include "tests/support/capture_frames.hpp"

namespace vtb::capture {
namespace {

constexpr Nanos kT0 = 1'763'800'000'000'000'000;

std::string moldudp64(std::uint64_t first, int count) {
  std::vector<std::string> messages;
  for (int i = 0; i < count; ++i) {
    std::string m(itch::OrderDelete::kSize, '\0');
    itch::encode(itch::OrderDelete{{1, 0, 0}, first + i}, m.data());
    messages.push_back(m);
  }
  return moldudp64_packet(first, messages);
}

std::string new_order(const std::string& cl_ord_id) {
  return fix_message("D", "49=ENGINE|56=VENUE|11=" + cl_ord_id + "|");
}

struct Capture {
  TickToTradeAnalyzer analyzer;
  explicit Capture(CorrelationOptions options = {}, FixTime time = FixTime::FirstByte)
      : analyzer(std::move(options), time) {}
  void udp(Nanos t, const std::string& payload, std::uint16_t port = 31001) {
    analyzer.on_frame(1, Frame{kT0 + t, frame(17, payload, 0, 0, 0x0800, 50000, port), 0});
  }
  void tcp(Nanos t, std::uint32_t sequence, std::string_view payload, std::uint8_t flags = 0x18) {
    analyzer.on_frame(1, Frame{kT0 + t, frame(6, payload, sequence, flags), 0});
  }
};

class TickToTradeTiming : public ::testing::TestWithParam<FixTime> {};

// Ten orders 1 to 10 µs after their triggers, on a feed with A and B copies, sent over TCP split,
// coalesced, retransmitted and reordered; two more orders have no trigger in the capture. Each
// definition of an order's time: its first byte on the wire (the default, STAC's) or its last.
TEST_P(TickToTradeTiming, MatchesEveryOrderWithItsTriggerWhateverTheTcpFraming) {
  const bool first_byte = GetParam() == FixTime::FirstByte;
  Capture c({}, GetParam());
  // Feed: messages 1..20, 2 per packet, A at t, B 300 ns later; for packet 5..6 B comes first.
  for (std::uint64_t seq = 1; seq <= 20; seq += 2) {
    const Nanos t = static_cast<Nanos>(seq) * 100'000;
    if (seq == 5) {
      c.udp(t - 50, moldudp64(seq, 2), 31002);  // B first
      c.udp(t, moldudp64(seq, 2));
    } else {
      c.udp(t, moldudp64(seq, 2));
      c.udp(t + 300, moldudp64(seq, 2), 31002);
    }
  }
  c.tcp(0, 5000, "", 0x02);  // SYN
  // Order k (1..10) triggered by message 2k-1 (whose first arrival is at (2k-1) * 100 µs, minus
  // 50 ns for message 5), sent k µs later.
  std::uint32_t sequence = 5001;
  std::vector<std::pair<Nanos, std::string>> orders;
  for (int k = 1; k <= 10; ++k) {
    const std::uint64_t trigger = 2 * k - 1;
    const Nanos trigger_time = static_cast<Nanos>(trigger) * 100'000 - (trigger == 5 ? 50 : 0);
    orders.emplace_back(trigger_time + k * 1000,
                        new_order(std::to_string(trigger) + (k % 3 == 0 ? "-2" : "")));
  }
  // Order 1 in three segments, the first 200 ns before the last (its first byte left then); orders
  // 2 and 3 in one segment (timed at order 3's time, so order 2 measures 1 µs late: all of it
  // left with order 3); order 4 retransmitted; orders 5 and 6 out of order (6's segment first,
  // timed at its own time); the rest one per segment.
  const auto send = [&](Nanos t, const std::string& bytes) {
    c.tcp(t, sequence, bytes);
    sequence += static_cast<std::uint32_t>(bytes.size());
  };
  const std::string& o1 = orders[0].second;
  send(orders[0].first - 200, o1.substr(0, 10));
  send(orders[0].first - 100, o1.substr(10, 20));
  send(orders[0].first, o1.substr(30));
  send(orders[2].first, orders[1].second + orders[2].second);
  const std::uint32_t o4_sequence = sequence;
  send(orders[3].first, orders[3].second);
  c.tcp(orders[3].first + 5'000, o4_sequence, orders[3].second);  // retransmission, ignored
  const std::uint32_t o5_sequence = sequence;
  const std::uint32_t o6_sequence = sequence + static_cast<std::uint32_t>(orders[4].second.size());
  c.tcp(orders[5].first, o6_sequence, orders[5].second);
  c.tcp(orders[4].first, o5_sequence, orders[4].second);
  sequence = o6_sequence + static_cast<std::uint32_t>(orders[5].second.size());
  for (int k = 7; k <= 10; ++k)
    send(orders[k - 1].first, orders[k - 1].second);
  send(3'000'000, new_order("999"));  // its trigger is not in the capture
  send(3'000'001, new_order("not-a-number"));

  const TickToTradeResult r = c.analyzer.finish();
  EXPECT_EQ(r.feed_messages, 20u);
  EXPECT_EQ(r.orders, 12u);
  EXPECT_EQ(r.matched, 10u);
  EXPECT_EQ(r.unmatched, 2u);
  EXPECT_EQ(r.garbled_fix, 0u);
  EXPECT_EQ(r.order_time, GetParam());
  // Order 2 left with order 3's segment: it measures from its trigger (message 3, at 300 µs) to
  // that segment. Order 1's first byte left 200 ns before its last.
  std::vector<Nanos> expected;
  for (int k = 1; k <= 10; ++k) {
    expected.push_back(k == 2   ? orders[2].first - (3 * 100'000)
                       : k == 1 ? 1000 - (first_byte ? 200 : 0)
                                : k * 1000);
  }
  EXPECT_EQ(r.latencies, expected);
  EXPECT_EQ(r.summary.count, 10u);
  EXPECT_EQ(r.summary.min, expected[0]);
  EXPECT_EQ(r.summary.max, expected[1]);
  // Nearest rank over {order 1, 3,4,...,10 µs, 202 µs}: p50 is the 5th, p90 the 9th, p99 the 10th.
  EXPECT_EQ(r.summary.p50, 6000);
  EXPECT_EQ(r.summary.p90, 10'000);
  EXPECT_EQ(r.summary.p99, expected[1]);
  EXPECT_EQ(r.summary.p999, expected[1]);
}

// An order split across two segments whose first segment is lost downstream and sent again: its
// first byte counts from its first capture, its last byte from the segment that completed it; the
// venue's acknowledgement, split the same way, is timed by the same rule.
TEST_P(TickToTradeTiming, ASplitRetransmittedOrderIsTimedByItsFirstOrLastByte) {
  const bool first_byte = GetParam() == FixTime::FirstByte;
  Capture c({}, GetParam());
  c.udp(100'000, moldudp64(7, 1));
  const std::string order = new_order("7");
  const std::uint32_t start = 9001;
  c.tcp(0, start - 1, "", 0x02);                 // SYN
  c.tcp(104'000, start, order.substr(0, 12));    // first bytes at 4 µs after the trigger
  c.tcp(109'000, start, order.substr(0, 12));    // retransmitted: the same bytes again
  c.tcp(110'000, start + 12, order.substr(12));  // the rest, 10 µs after the trigger
  // The report, from the venue's side of the connection, in two segments 3 µs apart.
  const std::string ack = fix_message("8", "49=VENUE|56=ENGINE|37=501|11=7|150=0|");
  const auto from_venue = [&](Nanos t, std::uint32_t sequence, std::string_view bytes,
                              std::uint8_t flags = 0x18) {
    c.analyzer.on_frame(
        1, Frame{kT0 + t,
                 frame(6, bytes, sequence, flags, 0x0800, 5001, 40000, 0x0A000002, 0x0A000001), 0});
  };
  from_venue(0, 700, "", 0x12);  // SYN-ACK
  from_venue(115'000, 701, ack.substr(0, 20));
  from_venue(118'000, 721, ack.substr(20));
  const TickToTradeResult r = c.analyzer.finish();
  ASSERT_EQ(r.matched, 1u);
  EXPECT_EQ(r.latencies[0], first_byte ? 4'000 : 10'000);
  // Order to acknowledgement: first byte to first byte (115 - 104 µs), or last to last (118 - 110).
  ASSERT_EQ(r.venue.order_to_ack.size(), 1u);
  EXPECT_EQ(r.venue.order_to_ack[0], first_byte ? 11'000 : 8'000);
}

INSTANTIATE_TEST_SUITE_P(OrderTime, TickToTradeTiming,
                         ::testing::Values(FixTime::FirstByte, FixTime::LastByte),
                         [](const auto& info) {
                           return std::string(info.param == FixTime::FirstByte ? "FirstByte"
                                                                               : "LastByte");
                         });

TEST(TickToTrade, PercentilesAreNearestRank) {
  std::vector<Nanos> v;
  for (Nanos i = 1; i <= 1000; ++i)
    v.push_back(1001 - i);  // unsorted
  const LatencySummary s = summarize(v);
  EXPECT_EQ(s.min, 1);
  EXPECT_EQ(s.p50, 500);
  EXPECT_EQ(s.p90, 900);
  EXPECT_EQ(s.p99, 990);
  EXPECT_EQ(s.p999, 999);
  EXPECT_EQ(s.max, 1000);
  EXPECT_EQ(summarize({7}).p999, 7);
  EXPECT_EQ(summarize({}).count, 0u);
}

std::string itch_message(char type, std::uint16_t locate, const char* symbol = "ACME") {
  std::string m;
  if (type == 'R') {
    itch::StockDirectory r{};
    r.header.stock_locate = locate;
    r.stock = itch::make_symbol(symbol);
    m.resize(itch::StockDirectory::kSize);
    itch::encode(r, m.data());
  } else if (type == 'A') {
    m.resize(itch::AddOrder::kSize);
    itch::encode(itch::AddOrder{{locate, 0, 0}, 1, 'B', 100, itch::make_symbol(symbol), 1000},
                 m.data());
  } else {
    m.resize(itch::OrderDelete::kSize);
    itch::encode(itch::OrderDelete{{locate, 0, 0}, 1}, m.data());
  }
  return m;
}

// Engines that cannot tag: each order takes the latest qualifying trigger within the window, and
// a trigger serves one order only.
TEST(TickToTrade, WindowMatchingTakesTheLatestQualifyingTriggerOnce) {
  CorrelationOptions options;
  options.window = 100'000;
  options.trigger_types = "A";
  options.trigger_symbol = "ACME";
  Capture c(options);
  c.udp(0, moldudp64_packet(1, {itch_message('R', 1, "ACME"), itch_message('R', 2, "BETA")}));
  c.udp(100'000, moldudp64_packet(3, {itch_message('A', 1)}));
  c.udp(150'000, moldudp64_packet(4, {itch_message('D', 1)}));         // not a trigger type
  c.udp(150'100, moldudp64_packet(4, {itch_message('D', 1)}), 31002);  // its B copy
  c.udp(300'000, moldudp64_packet(5, {itch_message('A', 1)}));
  c.udp(400'000, moldudp64_packet(6, {itch_message('A', 2, "BETA")}));  // another instrument
  c.udp(800'000, moldudp64_packet(7, {itch_message('A', 1)}));
  std::uint32_t sequence = 1;
  const auto send = [&](Nanos t, const std::string& cl_ord_id) {
    const std::string order = new_order(cl_ord_id);
    c.tcp(t, sequence, order);
    sequence += static_cast<std::uint32_t>(order.size());
  };
  send(160'000, "a");    // 60 µs after message 3
  send(310'000, "b");    // 10 µs after message 5
  send(320'000, "c");    // message 5 is taken
  send(410'000, "d");    // message 6 is BETA's; message 5 is taken anyway
  send(1'000'000, "e");  // 200 µs after message 7: outside the window
  const TickToTradeResult r = c.analyzer.finish();
  EXPECT_EQ(r.orders, 5u);
  EXPECT_EQ(r.matched, 2u);
  EXPECT_EQ(r.unmatched, 3u);
  EXPECT_EQ(r.latencies, (std::vector<Nanos>{60'000, 10'000}));
  EXPECT_NE(r.correlation.find("100000 ns"), std::string::npos) << r.correlation;

  // Without the symbol filter, message 6 triggers order d.
  options.trigger_symbol.clear();
  Capture all(options);
  all.udp(400'000, moldudp64_packet(6, {itch_message('A', 2, "BETA")}));
  all.tcp(410'000, 1, new_order("d"));
  EXPECT_EQ(all.analyzer.finish().latencies, (std::vector<Nanos>{10'000}));
}

// A configurable field and format: the sequence number inside Text(58).
TEST(TickToTrade, TagAndRegexNameTheTrigger) {
  CorrelationOptions options;
  options.tag = 58;
  options.regex = R"(seq=(\d+))";
  Capture c(options);
  c.udp(100'000, moldudp64(7, 2));
  std::uint32_t sequence = 1;
  for (const auto& [t, text] : std::vector<std::pair<Nanos, std::string>>{
           {103'000, "x seq=8 y"}, {104'000, "no number"}, {105'000, "seq=9"}}) {
    const std::string order = fix_message("D", "11=1|58=" + text + "|");
    c.tcp(t, sequence, order);
    sequence += static_cast<std::uint32_t>(order.size());
  }
  const TickToTradeResult r = c.analyzer.finish();
  EXPECT_EQ(r.matched, 1u);  // seq=9 is not in the capture
  EXPECT_EQ(r.unmatched, 2u);
  EXPECT_EQ(r.latencies, (std::vector<Nanos>{3'000}));
  EXPECT_NE(r.correlation.find("tag 58"), std::string::npos) << r.correlation;

  try {
    options.regex = "seq=(";
    TickToTradeAnalyzer bad(options);
    FAIL() << "a regex that does not compile is accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("--regex 'seq=('"), std::string::npos) << e.what();
  }
}

// A TCP flow that is not FIX (the snapshot service's SoupBinTCP) is ignored, not counted as
// garbled FIX; a FIX flow captured mid-message starts at its first whole message.
TEST(TickToTrade, OnlyFixFlowsAreReadAndAMidMessageStartIsSkipped) {
  Capture c;
  c.udp(1'000, moldudp64(1, 1));
  const std::string soup(300, 'S');
  c.analyzer.on_frame(1, Frame{kT0 + 2'000, frame(6, soup, 1, 0x18, 0x0800, 31011, 45000), 0});
  const std::string order = new_order("1");
  const std::string tail = "garbage|10=123|" + order;
  c.tcp(5'000, 100, tail);
  const TickToTradeResult r = c.analyzer.finish();
  EXPECT_EQ(r.other_tcp_flows, 1u);
  EXPECT_EQ(r.garbled_fix, 0u);
  EXPECT_EQ(r.fix_messages, 1u);
  EXPECT_EQ(r.latencies, (std::vector<Nanos>{4'000}));
}

// Bounded (a long-lived capture), the arrivals keep at least the last `bound` messages' times and
// forget older ones; duplicates are still recognized within the bound.
TEST(FeedArrivals, ABoundKeepsTheNewestMessages) {
  FeedArrivals arrivals;
  arrivals.bound(4);
  int fresh = 0;
  for (std::uint64_t seq = 1; seq <= 20; ++seq) {
    arrivals.on_datagram(moldudp64(seq, 1), static_cast<Nanos>(seq) * 10,
                         [&](std::uint64_t, std::string_view, Nanos) { ++fresh; });
  }
  arrivals.on_datagram(moldudp64(19, 2), 999,
                       [&](std::uint64_t, std::string_view, Nanos) { ++fresh; });
  EXPECT_EQ(fresh, 20);
  for (std::uint64_t seq = 17; seq <= 20; ++seq)
    EXPECT_EQ(arrivals.arrival(seq), static_cast<Nanos>(seq) * 10) << seq;
  EXPECT_EQ(arrivals.arrival(1), std::nullopt);
  EXPECT_EQ(arrivals.arrival(8), std::nullopt);
}

}  // namespace
}  // namespace vtb::capture
