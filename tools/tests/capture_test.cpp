#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tools/capture/packet_decode.hpp"
#include "tools/capture/pcap_file.hpp"
#include "tools/capture/tcp_stream.hpp"
#include "tests/support/capture_frames.hpp"
#include "common/wire/big_endian.hpp"

namespace vtb::capture {
namespace {

TEST(PacketDecode, FindsTheUdpPayloadAndIgnoresEthernetPadding) {
  const std::string f = frame(17, "abc");  // the packet's views point into it
  const Packet p = decode_packet(1, f);
  ASSERT_EQ(p.transport, Transport::Udp);
  EXPECT_EQ(p.payload, "abc");
  EXPECT_EQ(p.source_ip, 0x0A000001u);
  EXPECT_EQ(p.destination_port, 5001);
}

TEST(PacketDecode, FindsTheTcpPayloadSequenceAndFlags) {
  const std::string f = frame(6, "8=FIX.4.4", 12345, tcp_flag::kAck | 0x08);
  const Packet p = decode_packet(1, f);
  ASSERT_EQ(p.transport, Transport::Tcp);
  EXPECT_EQ(p.payload, "8=FIX.4.4");
  EXPECT_EQ(p.tcp_sequence, 12345u);
  EXPECT_EQ(p.tcp_flags & tcp_flag::kAck, tcp_flag::kAck);
}

TEST(PacketDecode, ReadsVlanTaggedAndLinuxCookedFrames) {
  std::string tagged = frame(17, "vlan");
  tagged.insert(12, std::string("\x81\x00\x00\x07", 4));  // 802.1Q, VLAN 7, then 0x0800
  EXPECT_EQ(decode_packet(1, tagged).payload, "vlan");
  // Linux cooked (SLL): 16 bytes, protocol at 14.
  const std::string ethernet = frame(17, "sll");
  std::string sll(14, '\0');
  sll += ethernet.substr(12);
  EXPECT_EQ(decode_packet(113, sll).payload, "sll");
}

TEST(PacketDecode, LeavesWhatItCannotReadAsOther) {
  EXPECT_EQ(decode_packet(1, frame(17, "x", 0, 0, 0x86DD)).transport, Transport::Other);  // IPv6
  std::string fragment = frame(17, "x");
  fragment[14 + 6] = 0x20;  // more fragments
  EXPECT_EQ(decode_packet(1, fragment).transport, Transport::Other);
  EXPECT_EQ(decode_packet(1, frame(17, "truncated").substr(0, 30)).transport, Transport::Other);
  EXPECT_EQ(decode_packet(1, "").transport, Transport::Other);
  EXPECT_EQ(decode_packet(999, frame(17, "x")).transport, Transport::Other);
}

TEST(PcapFile, WritesAndReadsNanosecondTimestamps) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("vtb-pcap-" + std::to_string(::getpid())))
          .string();
  const Nanos t0 = 1'763'800'000'123'456'789;
  {
    PcapWriter writer(path);
    writer.write(t0, frame(17, "one"));
    writer.write(t0 + 1, frame(6, "two", 7));
  }
  PcapReader reader(path);
  EXPECT_EQ(reader.link_type(), 1);
  const auto first = reader.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->timestamp, t0);
  EXPECT_EQ(decode_packet(reader.link_type(), first->bytes).payload, "one");
  const auto second = reader.next();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->timestamp, t0 + 1);
  EXPECT_FALSE(reader.next());
  std::filesystem::remove(path);
  EXPECT_THROW(PcapReader("/nonexistent/file.pcap"), std::runtime_error);
}

struct Collected {
  std::string bytes;
  std::vector<std::pair<std::string, Nanos>> chunks;
  auto sink() {
    return [this](std::string_view b, Nanos t) {
      bytes += b;
      chunks.emplace_back(std::string(b), t);
    };
  }
};

TEST(TcpStream, DeliversSplitSegmentsInOrder) {
  TcpStream s;
  Collected c;
  s.segment(1000, true, "", 1, c.sink());  // SYN
  s.segment(1001, false, "8=FIX", 2, c.sink());
  s.segment(1006, false, ".4.4", 3, c.sink());
  EXPECT_EQ(c.bytes, "8=FIX.4.4");
  EXPECT_EQ(c.chunks.back().second, 3);
}

TEST(TcpStream, DropsRetransmissionsAndTrimsOverlaps) {
  TcpStream s;
  Collected c;
  s.segment(1, false, "abcd", 1, c.sink());
  s.segment(1, false, "abcd", 2, c.sink());   // a retransmission
  s.segment(3, false, "cdefg", 3, c.sink());  // overlaps two delivered bytes
  EXPECT_EQ(c.bytes, "abcdefg");
  EXPECT_EQ(s.stats().retransmitted_bytes, 6u);
  EXPECT_EQ(c.chunks.back(), (std::pair<std::string, Nanos>{"efg", 3}));
}

TEST(TcpStream, HoldsOutOfOrderSegmentsUntilTheHoleIsFilled) {
  TcpStream s;
  Collected c;
  s.segment(100, false, "AA", 1, c.sink());
  s.segment(106, false, "DD", 2, c.sink());  // after a hole of 4
  s.segment(104, false, "CC", 3, c.sink());
  EXPECT_EQ(c.bytes, "AA");
  s.segment(102, false, "BB", 4, c.sink());  // fills it
  EXPECT_EQ(c.bytes, "AABBCCDD");
  // Each chunk keeps the time of the segment that carried it.
  EXPECT_EQ(c.chunks[1], (std::pair<std::string, Nanos>{"BB", 4}));
  EXPECT_EQ(c.chunks[2], (std::pair<std::string, Nanos>{"CC", 3}));
  EXPECT_EQ(c.chunks[3], (std::pair<std::string, Nanos>{"DD", 2}));
  EXPECT_EQ(s.stats().out_of_order_segments, 2u);
}

TEST(TcpStream, FollowsTheSequenceNumberAcrossItsWrap) {
  TcpStream s;
  Collected c;
  s.segment(0xFFFFFFFE, false, "wxyz", 1, c.sink());
  s.segment(2, false, "!", 2, c.sink());
  EXPECT_EQ(c.bytes, "wxyz!");
  EXPECT_EQ(s.delivered(), 5u);
}

}  // namespace
}  // namespace vtb::capture
