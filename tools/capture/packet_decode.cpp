#include "tools/capture/packet_decode.hpp"

#include "common/wire/big_endian.hpp"

namespace vtb::capture {

namespace {

using wire::load_u16;
using wire::load_u32;

constexpr int kDltNull = 0, kDltEthernet = 1, kDltRaw = 101, kDltRawOld = 12, kDltRawOld2 = 14,
              kDltLoop = 108, kDltLinuxSll = 113, kDltLinuxSll2 = 276;
constexpr std::uint16_t kEtherIpv4 = 0x0800, kEtherVlan = 0x8100, kEtherQinQ = 0x88A8;

// The IPv4 packet inside the frame, or empty.
std::string_view ipv4_of(int link_type, std::string_view frame) {
  std::size_t offset = 0;
  std::uint16_t ether_type = 0;
  switch (link_type) {
    case kDltEthernet:
      if (frame.size() < 14) return {};
      ether_type = load_u16(frame.data() + 12);
      offset = 14;
      while ((ether_type == kEtherVlan || ether_type == kEtherQinQ) && frame.size() >= offset + 4) {
        ether_type = load_u16(frame.data() + offset + 2);
        offset += 4;
      }
      break;
    case kDltLinuxSll:
      if (frame.size() < 16) return {};
      ether_type = load_u16(frame.data() + 14);
      offset = 16;
      break;
    case kDltLinuxSll2:
      if (frame.size() < 20) return {};
      ether_type = load_u16(frame.data());
      offset = 20;
      break;
    case kDltNull:
    case kDltLoop: {  // 4-byte address family, host order for NULL, network order for LOOP
      if (frame.size() < 4) return {};
      const std::uint32_t family = load_u32(frame.data());
      const bool inet = family == 2 || family == 0x02000000;
      if (!inet) return {};
      return frame.substr(4);
    }
    case kDltRaw:
    case kDltRawOld:
    case kDltRawOld2:
      return frame;
    default:
      return {};
  }
  if (ether_type != kEtherIpv4 || frame.size() < offset) return {};
  return frame.substr(offset);
}

}  // namespace

Packet decode_packet(int link_type, std::string_view frame) {
  Packet packet;
  std::string_view ip = ipv4_of(link_type, frame);
  if (ip.size() < 20 || (static_cast<std::uint8_t>(ip[0]) >> 4) != 4) return packet;
  const std::size_t header = (static_cast<std::uint8_t>(ip[0]) & 0x0F) * 4u;
  const std::size_t total = load_u16(ip.data() + 2);
  // Fragments (more-fragments flag or an offset) are not reassembled.
  if ((load_u16(ip.data() + 6) & 0x3FFF) != 0) return packet;
  if (header < 20 || total < header || total > ip.size()) return packet;  // truncated capture
  ip = ip.substr(0, total);                                               // drops Ethernet padding
  const std::uint8_t protocol = static_cast<std::uint8_t>(ip[9]);
  packet.source_ip = load_u32(ip.data() + 12);
  packet.destination_ip = load_u32(ip.data() + 16);
  const std::string_view l4 = ip.substr(header);
  if (protocol == 17) {
    if (l4.size() < 8) return packet;
    const std::size_t length = load_u16(l4.data() + 4);
    if (length < 8 || length > l4.size()) return packet;
    packet.transport = Transport::Udp;
    packet.source_port = load_u16(l4.data());
    packet.destination_port = load_u16(l4.data() + 2);
    packet.payload = l4.substr(8, length - 8);
  } else if (protocol == 6) {
    if (l4.size() < 20) return packet;
    const std::size_t offset = (static_cast<std::uint8_t>(l4[12]) >> 4) * 4u;
    if (offset < 20 || offset > l4.size()) return packet;
    packet.transport = Transport::Tcp;
    packet.source_port = load_u16(l4.data());
    packet.destination_port = load_u16(l4.data() + 2);
    packet.tcp_sequence = load_u32(l4.data() + 4);
    packet.tcp_flags = static_cast<std::uint8_t>(l4[13]);
    packet.payload = l4.substr(offset);
  }
  return packet;
}

}  // namespace vtb::capture
