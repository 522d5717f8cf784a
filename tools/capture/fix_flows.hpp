#pragma once
// FIX over TCP from a capture: every TCP flow is reassembled (TcpStream), then framed and
// checksummed into FIX messages. A flow is FIX if "8=FIX" shows within its first 256 bytes;
// others are ignored. A message's time is that of the segment that carried its first byte (as
// STAC's tick-to-trade counts an order: from when it starts to leave), or on request its last
// byte (when the whole message was on the wire). A retransmitted byte counts from its first
// capture.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/fix/message_view.hpp"
#include "tools/capture/packet_decode.hpp"
#include "tools/capture/tcp_stream.hpp"

namespace vtb::capture {

// One direction of one connection.
struct FlowKey {
  std::uint32_t source_ip = 0;
  std::uint32_t destination_ip = 0;
  std::uint16_t source_port = 0;
  std::uint16_t destination_port = 0;

  static FlowKey of(const Packet& p) {
    return {p.source_ip, p.destination_ip, p.source_port, p.destination_port};
  }
  FlowKey reversed() const { return {destination_ip, source_ip, destination_port, source_port}; }
  std::uint64_t hash() const {
    return (std::uint64_t{source_ip} << 32 | destination_ip) * 0x9E3779B97F4A7C15ull ^
           (std::uint64_t{source_port} << 16 | destination_port);
  }
  bool operator==(const FlowKey&) const = default;
};

struct FlowKeyHash {
  std::size_t operator()(const FlowKey& k) const { return static_cast<std::size_t>(k.hash()); }
};

// Which moment of a FIX message on the wire is its time.
enum class FixTime : std::uint8_t { FirstByte, LastByte };
const char* fix_time_name(FixTime time);  // "first-byte", "last-byte"

struct FixFlowStats {
  std::uint64_t messages = 0;
  std::uint64_t garbled = 0;      // bad framing or checksum: skipped
  std::uint64_t other_flows = 0;  // TCP flows that are not FIX (e.g. the snapshot service)
};

class FixFlows {
 public:
  using OnMessage = std::function<void(const FlowKey&, const fix::MessageView&, Nanos)>;
  explicit FixFlows(OnMessage on_message, FixTime time = FixTime::FirstByte)
      : on_message_(std::move(on_message)), time_(time) {}

  // A decoded TCP packet.
  void on_segment(const Packet& packet, Nanos time);
  const FixFlowStats& stats() const { return stats_; }

 private:
  struct Flow {
    TcpStream stream;
    std::string buffer;      // bytes of a message not yet complete
    Nanos buffer_since = 0;  // when the buffer's first byte was on the wire
    enum class Kind : std::uint8_t { Unknown, Fix, Other } kind = Kind::Unknown;
  };
  // Whether `flow` carries FIX, once enough of it is known; drops what precedes the first message
  // of a flow captured mid-message.
  bool recognize(Flow& flow, std::string_view bytes, Nanos time);
  void on_bytes(const FlowKey& key, Flow& flow, std::string_view bytes, Nanos time);

  OnMessage on_message_;
  FixTime time_;
  std::unordered_map<FlowKey, Flow, FlowKeyHash> flows_;
  FixFlowStats stats_;
};

}  // namespace vtb::capture
