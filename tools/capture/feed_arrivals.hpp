#pragma once
// The market data in a capture: every UDP payload that parses as a MoldUDP64 packet. Feeds A and
// B carry the same sequence numbers; a message's time is its first arrival on either, and only
// that first copy is handed on.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/time/clock.hpp"

namespace vtb::capture {

class FeedArrivals {
 public:
  // Calls `on_new(sequence, message, time)` for each message seen for the first time.
  template <class OnNew>
  void on_datagram(std::string_view payload, Nanos time, OnNew&& on_new);

  // When message `sequence` first arrived, if it did.
  std::optional<Nanos> arrival(std::uint64_t sequence) const {
    if (sequence < first_sequence_ || sequence - first_sequence_ >= first_arrival_.size())
      return std::nullopt;
    const Nanos t = first_arrival_[sequence - first_sequence_];
    return t == 0 ? std::nullopt : std::optional(t);
  }

  // Keep only the last `messages` sequence numbers' times (a long-lived live capture); 0: all.
  void bound(std::size_t messages) { bound_ = messages; }

  std::uint64_t packets() const { return packets_; }
  std::uint64_t messages() const { return messages_; }  // distinct sequence numbers

 private:
  // Stores the arrival of `sequence` if it is new; true if it was.
  bool first_arrival(std::uint64_t sequence, Nanos time);

  std::uint64_t first_sequence_ = 0;  // sequence numbers are stored from here
  std::vector<Nanos> first_arrival_;  // by sequence - first_sequence_; 0: not seen
  std::uint64_t packets_ = 0;
  std::uint64_t messages_ = 0;
  std::size_t bound_ = 0;
};

}  // namespace vtb::capture

#include "common/moldudp64/packet.hpp"

namespace vtb::capture {

template <class OnNew>
void FeedArrivals::on_datagram(std::string_view payload, Nanos time, OnNew&& on_new) {
  const auto packet = moldudp64::PacketReader::parse(payload);
  if (!packet || packet->is_heartbeat() || packet->is_end_of_session()) return;
  ++packets_;
  const std::uint64_t first = packet->header().sequence;
  moldudp64::PacketReader reader = *packet;
  for (std::uint64_t sequence = first; sequence < first + packet->header().count; ++sequence) {
    const std::string_view message = reader.next();
    if (first_arrival(sequence, time)) on_new(sequence, message, time);
  }
}

}  // namespace vtb::capture
