// Late join: a handler that starts mid-session takes a GLIMPSE-style snapshot and then the live
// feed, and must end with the venue's book. In process, then over the real snapshot server.

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/feed_handler/feed_handler.hpp"
#include "common/feed_handler/snapshot_client.hpp"
#include "common/soupbintcp/packet.hpp"
#include "simulator/feed_publisher/snapshot.hpp"
#include "simulator/feed_publisher/snapshot_server.hpp"
#include "simulator/tests/feed_book_check.hpp"
#include "simulator/tests/feed_test_venue.hpp"

namespace vtb::sim {
namespace {

struct Listener {
  std::uint64_t updates = 0;
  void on_book_update(std::uint64_t, std::uint16_t) { ++updates; }
};

// The venue's snapshot as of now, after flushing what precedes it.
std::string take_snapshot(FeedTestVenue& venue) {
  const Now now = Now::read();
  venue.publisher.flush(now);
  return glimpse_snapshot(venue.engine, feed_test_instruments(), venue.publisher.next_sequence(),
                          now.wall);
}

TEST(FeedSnapshot, ALateJoinerEndsWithTheVenueBook) {
  FeedTestVenue venue;
  venue.trade(3000);
  const std::string snapshot = take_snapshot(venue);
  const std::size_t join = venue.sink.datagrams.size();
  venue.trade(3000);
  const std::vector<std::string>& packets = venue.sink.datagrams;
  ASSERT_GT(packets.size(), join + 100);

  Listener listener;
  feed::FeedHandler<Listener> handler(listener, 10'000);
  // Listening a little before the snapshot (those packets are stale once it arrives), then
  // packets that arrive while it is being read, which must be held and applied after it.
  for (std::size_t i = join - 30; i < join; ++i)
    handler.on_datagram(packets[i]);
  // Before the snapshot, orders added before the join are unknown to it; after, none may be.
  const std::uint64_t unknown_before = handler.book().unknown_order_references();
  handler.begin_snapshot();
  EXPECT_TRUE(handler.gap_open());
  for (std::size_t i = join; i < join + 40; ++i)
    handler.on_datagram(packets[i]);
  soupbintcp::StreamReader reader;
  reader.append(snapshot);
  std::uint64_t next = 0;
  std::uint64_t adds = 0;
  while (const auto packet = reader.next()) {
    ASSERT_EQ(packet->type, soupbintcp::type::kSequencedData);
    if (packet->payload[0] == kEndOfSnapshot) {
      next = *soupbintcp::parse_ascii_number(packet->payload.substr(1));
      break;
    }
    adds += packet->payload[0] == 'A';
    handler.apply_snapshot_message(packet->payload);
  }
  ASSERT_GT(adds, 20u);
  ASSERT_EQ(next, moldudp64::PacketReader::parse(packets[join])->header().sequence);
  handler.end_snapshot(next);
  for (std::size_t i = join + 40; i < packets.size(); ++i)
    handler.on_datagram(packets[i]);

  EXPECT_FALSE(handler.gap_open());
  EXPECT_EQ(handler.stats().snapshots, 1u);
  EXPECT_EQ(handler.stats().lost_messages, 0u);
  EXPECT_EQ(handler.stats().gaps, 0u);
  EXPECT_EQ(handler.book().unknown_order_references(), unknown_before);
  EXPECT_GT(handler.stats().held_packets, 30u);
  EXPECT_EQ(handler.next_sequence(), venue.publisher.next_sequence());
  for (InstrumentId i = 1; i <= 3; ++i)
    expect_feed_book_matches(venue.engine, i, handler.book());
}

// The server on loopback, on its own event loop thread as in the venue; the client blocks.
struct ServerThread {
  boost::asio::io_context io;
  SnapshotServer server;
  std::thread thread;
  ServerThread(FeedTestVenue& venue)
      : server(io, {boost::asio::ip::make_address("127.0.0.1"), 0}, "VTB0000001",
               [&venue] { return take_snapshot(venue); }) {
    thread = std::thread([this] {
      auto guard = boost::asio::make_work_guard(io);
      io.run();
    });
  }
  ~ServerThread() {
    io.stop();
    thread.join();
  }
};

TEST(FeedSnapshot, TheServerSendsTheBookAndTheSequenceToResumeFrom) {
  FeedTestVenue venue;
  venue.trade(2000);
  const std::uint64_t expected_next = venue.publisher.next_sequence();
  Listener listener;
  feed::FeedHandler<Listener> handler(listener, 10'000);
  handler.begin_snapshot();
  feed::SnapshotEnd end;
  {
    ServerThread server(venue);
    end = feed::fetch_snapshot("127.0.0.1", server.server.port(), "VTB0000001", kNanosPerSecond,
                               [&](std::string_view m) { handler.apply_snapshot_message(m); });
    EXPECT_EQ(server.server.stats().snapshots, 1u);
  }
  EXPECT_EQ(end.next_sequence, expected_next);
  EXPECT_GT(end.messages, 6u);
  handler.end_snapshot(end.next_sequence);
  EXPECT_FALSE(handler.gap_open());
  for (InstrumentId i = 1; i <= 3; ++i)
    expect_feed_book_matches(venue.engine, i, handler.book());
}

TEST(FeedSnapshot, ALoginForAnotherSessionIsRejected) {
  FeedTestVenue venue;
  ServerThread server(venue);
  try {
    feed::fetch_snapshot("127.0.0.1", server.server.port(), "OTHER", kNanosPerSecond,
                         [](std::string_view) {});
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("login rejected"), std::string::npos) << e.what();
  }
  EXPECT_EQ(server.server.stats().rejected, 1u);
}

TEST(FeedSnapshot, TheClientNamesAServerThatIsNotThere) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const std::uint16_t port = probe.local_endpoint().port();
  probe.close();
  try {
    feed::fetch_snapshot("127.0.0.1", port, "VTB0000001", kNanosPerSecond, [](std::string_view) {});
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("snapshot server 127.0.0.1:" + std::to_string(port)),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace vtb::sim
