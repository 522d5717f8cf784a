#pragma once
// Decodes a captured frame down to its UDP or TCP payload, in place: Ethernet (with 802.1Q/802.1ad
// tags), Linux cooked captures (SLL, SLL2: `-i any`), BSD loopback and raw IP link types; IPv4
// only. Anything else (IPv6, fragments, ARP, truncated frames) decodes as Other.

#include <cstdint>
#include <string_view>

namespace vtb::capture {

enum class Transport : std::uint8_t { Other, Udp, Tcp };

namespace tcp_flag {
inline constexpr std::uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kAck = 0x10;
}

struct Packet {
  Transport transport = Transport::Other;
  std::uint32_t source_ip = 0;  // host byte order
  std::uint32_t destination_ip = 0;
  std::uint16_t source_port = 0;
  std::uint16_t destination_port = 0;
  std::uint32_t tcp_sequence = 0;
  std::uint8_t tcp_flags = 0;
  std::string_view payload;  // within the frame's bytes
};

Packet decode_packet(int link_type, std::string_view frame);

}  // namespace vtb::capture
