// A lossy network between the venue's feed and a feed handler: packets dropped on feed A, on B or
// on both (every Nth, in bursts), reordered and duplicated; re-requests answered from the venue's
// FeedHistory, late, and sometimes lost themselves. Whatever the loss, the handler must end with
// the venue's book, every gap filled and no message skipped.

#include <gtest/gtest.h>

#include <deque>
#include <functional>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "common/feed_handler/feed_handler.hpp"
#include "common/moldudp64/packet.hpp"
#include "common/wire/big_endian.hpp"
#include "simulator/feed_publisher/feed_history.hpp"
#include "simulator/feed_publisher/itch_publisher.hpp"
#include "simulator/matching/matching_engine.hpp"
#include "simulator/tests/feed_book_check.hpp"
#include "simulator/tests/feed_test_venue.hpp"

namespace vtb::sim {
namespace {

struct Network;

// The engine's side: re-requests go to the network, which answers them later.
struct Receiver {
  Network* network = nullptr;
  std::uint64_t updates = 0;
  void on_book_update(std::uint64_t, std::uint16_t) { ++updates; }
  void request_retransmission(const moldudp64::SessionId& session, std::uint64_t first,
                              std::uint16_t count);
};

struct LossPlan {
  std::string name;
  std::function<bool(std::size_t)> drop_a;  // by packet index
  std::function<bool(std::size_t)> drop_b;
  bool reorder_a = false;    // swaps every other pair of packets on A
  bool duplicate_a = false;  // every A packet arrives twice
  int lose_every_nth_answer = 0;
  bool needs_retransmission = false;
};

void PrintTo(const LossPlan& plan, std::ostream* os) {
  *os << plan.name;
}

struct Network {
  explicit Network(FeedTestVenue& v) : venue(v) {}
  FeedTestVenue& venue;
  feed::FeedHandler<Receiver>* handler = nullptr;
  std::deque<std::string> answers;  // in flight: delivered after the next live packet
  int answers_sent = 0;
  int lose_every_nth_answer = 0;

  void request(std::uint64_t first, std::uint16_t count) {
    char request[moldudp64::kHeaderSize];
    wire::BigEndianWriter(request)
        .bytes(moldudp64::make_session("VTB0000001").data(), 10)
        .u64(first)
        .u16(count);
    const std::string_view answer = venue.history.answer({request, sizeof request});
    if (answer.empty()) return;
    ++answers_sent;
    if (lose_every_nth_answer != 0 && answers_sent % lose_every_nth_answer == 0) return;
    answers.emplace_back(answer);
  }
  void deliver(const std::string& datagram) {
    handler->on_datagram(datagram);
    // Answers arrive after the live packet that followed the request, like a round trip.
    for (std::size_t n = answers.size(); n != 0 && !answers.empty(); --n) {
      const std::string answer = answers.front();
      answers.pop_front();
      handler->on_datagram(answer);
    }
  }
};

void Receiver::request_retransmission(const moldudp64::SessionId& session, std::uint64_t first,
                                      std::uint16_t count) {
  EXPECT_EQ(session, moldudp64::make_session("VTB0000001"));
  network->request(first, count);
}

class FeedRecovery : public ::testing::TestWithParam<LossPlan> {};

TEST_P(FeedRecovery, TheHandlerEndsWithTheVenueBookAndEveryGapFilled) {
  const LossPlan& plan = GetParam();
  FeedTestVenue venue;
  venue.trade(6000);
  const std::vector<std::string>& packets = venue.sink.datagrams;
  ASSERT_GT(packets.size(), 3000u);

  Receiver receiver;
  feed::FeedHandler<Receiver> handler(receiver, 10'000);
  Network network(venue);
  network.handler = &handler;
  network.lose_every_nth_answer = plan.lose_every_nth_answer;
  receiver.network = &network;

  // Feed A (maybe reordered, maybe doubled) interleaved with feed B, packet by packet.
  for (std::size_t i = 0; i < packets.size(); ++i) {
    std::size_t a = i;
    if (plan.reorder_a && i % 4 < 2) a = i % 4 == 0 ? std::min(i + 1, packets.size() - 1) : i - 1;
    if (!plan.drop_a(a)) {
      network.deliver(packets[a]);
      if (plan.duplicate_a) network.deliver(packets[a]);
    }
    if (!plan.drop_b(i)) network.deliver(packets[i]);
  }
  // The last answers, and the retries for any that were lost, until nothing is missing.
  Nanos now = monotonic_ns();
  for (int round = 0; round < 1000 && (handler.recovering() || !network.answers.empty()); ++round) {
    while (!network.answers.empty()) {
      const std::string answer = network.answers.front();
      network.answers.pop_front();
      handler.on_datagram(answer);
    }
    now += 50'000'000;
    handler.poll(now);
  }

  const feed::FeedStats& stats = handler.stats();
  EXPECT_FALSE(handler.gap_open()) << plan.name;
  EXPECT_EQ(stats.lost_messages, 0u);
  EXPECT_EQ(stats.hold_overflows, 0u);
  EXPECT_EQ(handler.next_sequence(), venue.publisher.next_sequence());
  EXPECT_EQ(handler.book().unknown_order_references(), 0u);
  EXPECT_EQ(stats.recovered_gaps, stats.gaps);
  if (plan.needs_retransmission) {
    EXPECT_GT(stats.gaps, 0u);
    EXPECT_GT(stats.retransmission_requests, 0u);
    EXPECT_GT(venue.history.stats().messages_resent, 0u);
  } else {
    EXPECT_EQ(stats.retransmission_requests, 0u);  // the other feed filled every hole
  }
  for (InstrumentId i = 1; i <= 3; ++i)
    expect_feed_book_matches(venue.engine, i, handler.book());
}

// A gap the venue can no longer fill (its history is too short): the handler asks max_requests
// times, then skips the missing messages, counts them lost and keeps the book marked suspect.
TEST(FeedRecoveryGivingUp, SkipsWhatCannotBeRecoveredAndSaysSo) {
  FeedTestVenue venue;
  venue.trade(2000);
  const std::vector<std::string>& packets = venue.sink.datagrams;
  Receiver receiver;
  feed::RecoveryConfig recovery;
  recovery.max_requests = 3;
  feed::FeedHandler<Receiver> handler(receiver, 10'000, recovery);
  Network network(venue);
  network.handler = &handler;
  network.lose_every_nth_answer = 1;  // every answer is lost
  receiver.network = &network;
  for (std::size_t i = 0; i < packets.size(); ++i) {
    if (i != 500) network.deliver(packets[i]);
  }
  EXPECT_TRUE(handler.recovering());
  EXPECT_EQ(handler.stats().retransmission_requests, 1u);
  Nanos now = monotonic_ns();
  for (int i = 0; i < 10; ++i)
    handler.poll(now += recovery.retry_after);
  EXPECT_FALSE(handler.recovering());
  EXPECT_TRUE(handler.gap_open());  // the book may be wrong
  EXPECT_EQ(handler.stats().retransmission_requests, 3u);
  const auto lost = moldudp64::PacketReader::parse(packets[500])->header().count;
  EXPECT_EQ(handler.stats().lost_messages, lost);
  EXPECT_EQ(handler.next_sequence(), venue.publisher.next_sequence());  // the rest applied
}

bool never(std::size_t) {
  return false;
}
bool always(std::size_t) {
  return true;
}

INSTANTIATE_TEST_SUITE_P(
    LossyFeeds, FeedRecovery,
    ::testing::Values(
        LossPlan{"A loses every 7th packet", [](std::size_t i) { return i % 7 == 3; }, never},
        LossPlan{"B loses every 5th packet", never, [](std::size_t i) { return i % 5 == 1; }},
        LossPlan{"A loses bursts of 40, B bursts of 25, never the same packet",
                 [](std::size_t i) { return i % 300 < 40; },
                 [](std::size_t i) { return i % 300 >= 100 && i % 300 < 125; }},
        LossPlan{"both lose every 10th packet", [](std::size_t i) { return i % 10 == 4; },
                 [](std::size_t i) { return i % 10 == 4; }, false, false, 0, true},
        LossPlan{"both lose overlapping bursts", [](std::size_t i) { return i % 500 < 60; },
                 [](std::size_t i) { return i % 500 >= 30 && i % 500 < 90; }, false, false, 0,
                 true},
        LossPlan{"A only, reordered in pairs, with a lost packet every 50th",
                 [](std::size_t i) { return i % 50 == 17; }, always, true, false, 0, true},
        LossPlan{"A doubled, B loses every 3rd, A every 11th",
                 [](std::size_t i) { return i % 11 == 0; },
                 [](std::size_t i) { return i % 3 == 0; }, false, true, 0, true},
        LossPlan{"both lose a burst of 400 packets, and every 3rd answer is lost",
                 [](std::size_t i) { return i >= 1000 && i < 1400; },
                 [](std::size_t i) { return i >= 1000 && i < 1400; }, false, false, 3, true}),
    [](const ::testing::TestParamInfo<LossPlan>& info) {
      return "Plan" + std::to_string(info.index);
    });

}  // namespace
}  // namespace vtb::sim
