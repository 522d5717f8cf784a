#include "common/moldudp64/packet.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace vtb::moldudp64 {
namespace {

TEST(MoldUdp64, BuildsAndReadsAPacket) {
  char buffer[256];
  PacketBuilder builder(buffer, sizeof buffer, make_session("SESSION1"));
  builder.start(1000);
  std::memcpy(builder.add_message(3), "abc", 3);
  std::memcpy(builder.add_message(1), "d", 1);
  const std::string packet(builder.finish());
  ASSERT_EQ(packet.size(), 20u + 2 + 3 + 2 + 1);
  EXPECT_EQ(packet.substr(0, 10), "SESSION1  ");
  // Sequence number 1000 and count 2, big-endian, right after the session.
  EXPECT_EQ(packet.substr(10, 10), std::string("\0\0\0\0\0\0\x03\xe8\0\x02", 10));
  auto reader = PacketReader::parse(packet);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->header().sequence, 1000u);
  EXPECT_EQ(reader->header().count, 2u);
  EXPECT_EQ(reader->next(), "abc");
  EXPECT_EQ(reader->next(), "d");
}

TEST(MoldUdp64, RefusesMessagesPastTheCapacity) {
  char buffer[30];
  PacketBuilder builder(buffer, sizeof buffer, make_session("S"));
  builder.start(1);
  EXPECT_NE(builder.add_message(8), nullptr);  // 20 + 2 + 8 = 30
  EXPECT_EQ(builder.add_message(0), nullptr);
  EXPECT_EQ(builder.count(), 1u);
}

TEST(MoldUdp64, HeartbeatAndEndOfSessionAreHeaderOnly) {
  char buffer[64];
  PacketBuilder builder(buffer, sizeof buffer, make_session("S"));
  auto hb = PacketReader::parse(builder.heartbeat(77));
  ASSERT_TRUE(hb);
  EXPECT_TRUE(hb->is_heartbeat());
  EXPECT_EQ(hb->header().sequence, 77u);
  auto end = PacketReader::parse(builder.end_of_session(78));
  ASSERT_TRUE(end);
  EXPECT_TRUE(end->is_end_of_session());
}

TEST(MoldUdp64, RejectsMalformedDatagrams) {
  char buffer[64];
  PacketBuilder builder(buffer, sizeof buffer, make_session("S"));
  builder.start(5);
  std::memcpy(builder.add_message(4), "wxyz", 4);
  const std::string good(builder.finish());
  EXPECT_FALSE(PacketReader::parse(good.substr(0, 19)));               // short header
  EXPECT_FALSE(PacketReader::parse(good.substr(0, good.size() - 1)));  // truncated message
  EXPECT_FALSE(PacketReader::parse(good + "x"));                       // trailing bytes
  std::string lying = good;
  lying[19] = 2;  // says two messages, has one
  EXPECT_FALSE(PacketReader::parse(lying));
}

}  // namespace
}  // namespace vtb::moldudp64
