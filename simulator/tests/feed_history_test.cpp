#include "simulator/feed_publisher/feed_history.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <string>
#include <vector>

#include "common/itch/messages.hpp"
#include "common/wire/big_endian.hpp"
#include "simulator/feed_publisher/retransmission_server.hpp"

namespace vtb::sim {
namespace {

struct CollectingSink : DatagramSink {
  std::vector<std::string> datagrams;
  void send(std::string_view d) override { datagrams.emplace_back(d); }
};

std::string request(std::string_view session, std::uint64_t first, std::uint16_t count) {
  std::string r(moldudp64::kHeaderSize, '\0');
  wire::BigEndianWriter(r.data())
      .bytes(moldudp64::make_session(session).data(), 10)
      .u64(first)
      .u16(count);
  return r;
}

// Publishes `n` Order Delete messages (reference = sequence number), `per_packet` to a packet.
void publish(DatagramSink& sink, std::uint64_t first, int n, int per_packet) {
  char buffer[1400];
  moldudp64::PacketBuilder b(buffer, sizeof buffer, moldudp64::make_session("VTB0000001"));
  for (int i = 0; i < n; i += per_packet) {
    b.start(first + i);
    for (int k = 0; k < per_packet && i + k < n; ++k)
      itch::encode(itch::OrderDelete{{1, 0, 0}, first + i + k}, b.add_message(19));
    sink.send(b.finish());
  }
}

std::vector<std::uint64_t> references(std::string_view answer, std::uint64_t* first = nullptr) {
  auto packet = moldudp64::PacketReader::parse(answer);
  EXPECT_TRUE(packet);
  if (first) *first = packet->header().sequence;
  std::vector<std::uint64_t> out;
  for (int i = 0; i < packet->header().count; ++i) {
    itch::OrderDelete m;
    EXPECT_TRUE(itch::decode(packet->next(), m));
    out.push_back(m.order_reference);
  }
  return out;
}

TEST(FeedHistory, AnswersARequestFromWhatItRecordedAndPassesEveryPacketOn) {
  CollectingSink sink;
  FeedHistory history(1000, "VTB0000001", 1400, sink);
  publish(history, 1, 100, 10);
  EXPECT_EQ(sink.datagrams.size(), 10u);
  std::uint64_t first = 0;
  EXPECT_EQ(references(history.answer(request("VTB0000001", 35, 3)), &first),
            (std::vector<std::uint64_t>{35, 36, 37}));
  EXPECT_EQ(first, 35u);
  // Past the end: what there is.
  EXPECT_EQ(references(history.answer(request("VTB0000001", 99, 10))),
            (std::vector<std::uint64_t>{99, 100}));
  EXPECT_EQ(history.stats().messages_resent, 5u);
}

TEST(FeedHistory, AnAnswerHoldsWhatFitsInOneDatagram) {
  CollectingSink sink;
  FeedHistory history(1000, "VTB0000001", 200, sink);
  publish(history, 1, 100, 5);
  const auto refs = references(history.answer(request("VTB0000001", 1, 100)));
  EXPECT_EQ(refs.size(), (200u - 20) / (2 + 19));
  EXPECT_EQ(refs.front(), 1u);
}

TEST(FeedHistory, RefusesWhatItNoLongerHoldsAndRequestsItCannotRead) {
  CollectingSink sink;
  FeedHistory history(64, "VTB0000001", 1400, sink);
  publish(history, 1, 200, 10);
  EXPECT_EQ(history.first_held(), 201u - 64);
  EXPECT_TRUE(history.answer(request("VTB0000001", 100, 5)).empty());  // too old
  EXPECT_TRUE(history.answer(request("VTB0000001", 201, 5)).empty());  // not yet published
  EXPECT_TRUE(history.answer(request("OTHER", 150, 5)).empty());
  EXPECT_TRUE(history.answer(request("VTB0000001", 150, 0)).empty());
  EXPECT_TRUE(history.answer("short").empty());
  EXPECT_EQ(history.stats().unavailable, 2u);
  EXPECT_EQ(history.stats().invalid_requests, 3u);
  EXPECT_EQ(references(history.answer(request("VTB0000001", 137, 1))),
            (std::vector<std::uint64_t>{137}));
}

// The server over a real socket on loopback: a request in, the answer back to the sender.
TEST(RetransmissionServer, AnswersTheSenderOverUdp) {
  CollectingSink sink;
  FeedHistory history(1000, "VTB0000001", 1400, sink);
  publish(history, 1, 50, 10);
  boost::asio::io_context io;
  RetransmissionServer server(io, {boost::asio::ip::make_address_v4("127.0.0.1"), 0}, history);
  boost::asio::ip::udp::socket client(io, {boost::asio::ip::make_address_v4("127.0.0.1"), 0});
  const std::string r = request("VTB0000001", 12, 4);
  client.send_to(boost::asio::buffer(r),
                 {boost::asio::ip::make_address_v4("127.0.0.1"), server.port()});
  char reply[1500];
  std::size_t size = 0;
  client.async_receive(boost::asio::buffer(reply),
                       [&](const boost::system::error_code& ec, std::size_t n) {
                         if (!ec) size = n;
                       });
  for (int i = 0; i < 200 && size == 0; ++i)
    io.run_one_for(std::chrono::milliseconds(10));
  ASSERT_GT(size, 0u);
  EXPECT_EQ(references({reply, size}), (std::vector<std::uint64_t>{12, 13, 14, 15}));
}

}  // namespace
}  // namespace vtb::sim
