#pragma once
// Test helper: captured frames built by hand, for tests of the capture code.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/moldudp64/packet.hpp"
#include "common/wire/big_endian.hpp"
#include "tests/support/fix_text.hpp"
#include "tools/capture/packet_decode.hpp"

namespace vtb::capture {

// An Ethernet/IPv4 frame around a UDP or TCP payload, padded to Ethernet's 60-byte minimum.
inline std::string frame(std::uint8_t protocol, std::string_view payload,
                         std::uint32_t sequence = 0, std::uint8_t flags = tcp_flag::kAck,
                         std::uint16_t ether_type = 0x0800, std::uint16_t source_port = 40000,
                         std::uint16_t destination_port = 5001,
                         std::uint32_t source_ip = 0x0A000001,
                         std::uint32_t destination_ip = 0x0A000002) {
  std::string l4(protocol == 6 ? 20 : 8, '\0');
  wire::BigEndianWriter w(l4.data());
  w.u16(source_port).u16(destination_port);
  if (protocol == 6) {
    w.u32(sequence).u32(0);
    l4[12] = 5 << 4;
    l4[13] = static_cast<char>(flags);
  } else {
    w.u16(static_cast<std::uint16_t>(8 + payload.size()));
  }
  l4 += payload;
  std::string ip(20, '\0');
  ip[0] = 0x45;
  wire::BigEndianWriter(ip.data() + 2).u16(static_cast<std::uint16_t>(20 + l4.size()));
  ip[8] = 64;
  ip[9] = static_cast<char>(protocol);
  wire::BigEndianWriter(ip.data() + 12).u32(source_ip).u32(destination_ip);
  std::string f(12, '\x02');
  f.push_back(static_cast<char>(ether_type >> 8));
  f.push_back(static_cast<char>(ether_type & 0xFF));
  f += ip + l4;
  if (f.size() < 60) f.resize(60, '\0');
  return f;
}

// A FIX 4.4 message of `type` with `fields` ("11=7|37=501|", '|' for SOH), framed and summed.
inline std::string fix_message(std::string_view type, const std::string& fields) {
  return testing::framed("FIX.4.4", "35=" + std::string(type) + "|" + fields);
}

// A MoldUDP64 packet of ITCH messages numbered from `first`.
inline std::string moldudp64_packet(std::uint64_t first, const std::vector<std::string>& messages) {
  char buffer[1400];
  moldudp64::PacketBuilder b(buffer, sizeof buffer, moldudp64::make_session("VTB0000001"));
  b.start(first);
  for (const std::string& m : messages)
    m.copy(b.add_message(m.size()), m.size());
  return std::string(b.finish());
}

}  // namespace vtb::capture
