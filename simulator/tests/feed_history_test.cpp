#include "simulator/feed_publisher/feed_history.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "common/itch/messages.hpp"
#include "common/wire/big_endian.hpp"
#include "simulator/feed_publisher/retransmission_server.hpp"

namespace vtb::sim {
namespace {

std::string request(std::string_view session, std::uint64_t first, std::uint16_t count) {
  std::string r(moldudp64::kHeaderSize, '\0');
  wire::BigEndianWriter(r.data())
      .bytes(moldudp64::make_session(session).data(), 10)
      .u64(first)
      .u16(count);
  return r;
}

// Records `n` Order Delete messages (reference = sequence number) from `first` on.
void publish(FeedHistory& history, std::uint64_t first, int n) {
  char message[19];
  for (int i = 0; i < n; ++i) {
    itch::encode(itch::OrderDelete{{1, 0, 0}, first + i}, message);
    history.record(first + i, {message, sizeof message});
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

TEST(FeedHistory, AnswersARequestFromWhatItRecorded) {
  FeedHistory history(1000, "VTB0000001", 1400);
  publish(history, 1, 100);
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
  FeedHistory history(1000, "VTB0000001", 200);
  publish(history, 1, 100);
  const auto refs = references(history.answer(request("VTB0000001", 1, 100)));
  EXPECT_EQ(refs.size(), (200u - 20) / (2 + 19));
  EXPECT_EQ(refs.front(), 1u);
}

TEST(FeedHistory, RefusesWhatItNoLongerHoldsAndRequestsItCannotRead) {
  FeedHistory history(64, "VTB0000001", 1400);
  publish(history, 1, 200);
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

// With a file, what was recorded is there for the next process, which goes back to a commit.
TEST(FeedHistory, InAFileItOutlivesTheProcessAndGoesBackToACommit) {
  const std::string path = ::testing::TempDir() + "/vtb-feed-history-" + std::to_string(::getpid());
  std::remove(path.c_str());
  {
    FeedHistory history(64, "VTB0000001", 1400, path);
    publish(history, 1, 100);
  }  // no orderly end needed: every record is in the mapped file as it is made
  {
    FeedHistory history(64, "VTB0000001", 1400, path);
    EXPECT_EQ(history.first_held(), 101u - 64);
    EXPECT_EQ(history.next_sequence(), 101u);
    EXPECT_EQ(references(history.answer(request("VTB0000001", 90, 3))),
              (std::vector<std::uint64_t>{90, 91, 92}));
    history.truncate(95);  // 95 on were never committed
    EXPECT_EQ(history.next_sequence(), 95u);
    EXPECT_EQ(references(history.answer(request("VTB0000001", 93, 5))),
              (std::vector<std::uint64_t>{93, 94}));
    publish(history, 95, 1);
  }
  FeedHistory again(64, "VTB0000001", 1400, path);
  EXPECT_EQ(again.next_sequence(), 96u);
  // Another capacity or session is refused, naming the file.
  try {
    FeedHistory other(1000, "VTB0000001", 1400, path);
    ADD_FAILURE() << "another capacity was taken";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path + ": holds the history of 64 messages"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(FeedHistory(64, "VTB0000002", 1400, path), std::runtime_error);
  std::remove(path.c_str());
}

// The server over a real socket on loopback: a request in, the answer back to the sender.
TEST(RetransmissionServer, AnswersTheSenderOverUdp) {
  FeedHistory history(1000, "VTB0000001", 1400);
  publish(history, 1, 50);
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
