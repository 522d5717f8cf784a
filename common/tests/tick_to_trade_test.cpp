#include "common/capture/tick_to_trade.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "common/fix/message_view.hpp"
#include "common/itch/messages.hpp"
#include "common/moldudp64/packet.hpp"
#include "common/tests/capture_frames.hpp"

namespace vtb::capture {
namespace {

constexpr Nanos kT0 = 1'763'800'000'000'000'000;

std::string moldudp64(std::uint64_t first, int count) {
  char buffer[1400];
  moldudp64::PacketBuilder b(buffer, sizeof buffer, moldudp64::make_session("VTB0000001"));
  b.start(first);
  for (int i = 0; i < count; ++i)
    itch::encode(itch::OrderDelete{{1, 0, 0}, first + i}, b.add_message(itch::OrderDelete::kSize));
  return std::string(b.finish());
}

std::string new_order(const std::string& cl_ord_id) {
  const std::string body =
      "35=D\x01"
      "49=ENGINE\x01"
      "56=VENUE\x01"
      "11=" +
      cl_ord_id + "\x01";
  std::string m =
      "8=FIX.4.4\x01"
      "9=" +
      std::to_string(body.size()) + "\x01" + body;
  char trailer[8];
  std::snprintf(trailer, sizeof trailer, "10=%03u\x01", fix::checksum(m));
  return m + trailer;
}

struct Capture {
  TickToTradeAnalyzer analyzer;
  void udp(Nanos t, const std::string& payload, std::uint16_t port = 31001) {
    analyzer.on_frame(1, Frame{kT0 + t, frame(17, payload, 0, 0, 0x0800, 50000, port), 0});
  }
  void tcp(Nanos t, std::uint32_t sequence, std::string_view payload, std::uint8_t flags = 0x18) {
    analyzer.on_frame(1, Frame{kT0 + t, frame(6, payload, sequence, flags), 0});
  }
};

// Ten orders 1 to 10 µs after their triggers, on a feed with A and B copies, sent over TCP split,
// coalesced, retransmitted and reordered; two more orders have no trigger in the capture.
TEST(TickToTrade, MatchesEveryOrderWithItsTriggerWhateverTheTcpFraming) {
  Capture c;
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
  // Order 1 in three segments; orders 2 and 3 in one segment (timed at order 3's time, so order 2
  // measures 1 µs late: its last byte left with order 3); order 4 retransmitted; orders 5 and 6
  // out of order (6's segment first, timed at its own time); the rest one per segment.
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
  // Order 2's last byte left with order 3's segment: it measures from its trigger (message 3, at
  // 300 µs) to that segment.
  std::vector<Nanos> expected;
  for (int k = 1; k <= 10; ++k)
    expected.push_back(k == 2 ? orders[2].first - (3 * 100'000) : k * 1000);
  EXPECT_EQ(r.latencies, expected);
  EXPECT_EQ(r.summary.count, 10u);
  EXPECT_EQ(r.summary.min, 1000);
  EXPECT_EQ(r.summary.max, expected[1]);
  // Nearest rank over {1,3,4,...,10 µs, 202 µs}: p50 is the 5th, p90 the 9th, p99 the 10th.
  EXPECT_EQ(r.summary.p50, 6000);
  EXPECT_EQ(r.summary.p90, 10'000);
  EXPECT_EQ(r.summary.p99, expected[1]);
  EXPECT_EQ(r.summary.p999, expected[1]);
}

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

}  // namespace
}  // namespace vtb::capture
