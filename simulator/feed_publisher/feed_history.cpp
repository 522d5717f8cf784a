#include "simulator/feed_publisher/feed_history.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "common/wire/big_endian.hpp"

namespace vtb::sim {

FeedHistory::FeedHistory(std::size_t capacity, std::string_view session, std::size_t max_payload,
                         DatagramSink& next)
    : slots_(std::bit_ceil(std::max<std::size_t>(capacity, 1)) * kSlot),
      mask_(std::bit_ceil(std::max<std::size_t>(capacity, 1)) - 1),
      session_(moldudp64::make_session(session)),
      packet_(max_payload),
      builder_(packet_.data(), packet_.size(), session_),
      next_sink_(next) {}

void FeedHistory::send(std::string_view datagram) {
  if (auto packet = moldudp64::PacketReader::parse(datagram);
      packet && !packet->is_heartbeat() && !packet->is_end_of_session()) {
    std::uint64_t sequence = packet->header().sequence;
    if (sequence == next_ || next_ == first_) {  // the publisher's packets are consecutive
      if (next_ == first_) first_ = next_ = sequence;
      for (std::uint16_t i = 0; i < packet->header().count; ++i, ++sequence) {
        const std::string_view message = packet->next();
        char* slot = &slots_[(sequence & mask_) * kSlot];
        const std::size_t length = std::min(message.size(), kSlot - 2);
        wire::BigEndianWriter(slot).u16(static_cast<std::uint16_t>(length));
        std::memcpy(slot + 2, message.data(), length);
      }
      next_ = sequence;
      if (next_ - first_ > mask_ + 1) first_ = next_ - (mask_ + 1);
    }
  }
  next_sink_.send(datagram);
}

std::string_view FeedHistory::answer(std::string_view request) {
  ++stats_.requests;
  if (request.size() != moldudp64::kHeaderSize ||
      std::memcmp(request.data(), session_.data(), session_.size()) != 0) {
    ++stats_.invalid_requests;
    return {};
  }
  const std::uint64_t first = wire::load_u64(request.data() + 10);
  const std::uint16_t count = wire::load_u16(request.data() + 18);
  if (count == 0 || count == moldudp64::kEndOfSession) {
    ++stats_.invalid_requests;
    return {};
  }
  if (first < first_ || first >= next_) {
    ++stats_.unavailable;
    return {};
  }
  builder_.start(first);
  const std::uint64_t end = std::min<std::uint64_t>(first + count, next_);
  for (std::uint64_t sequence = first; sequence < end; ++sequence) {
    const char* slot = &slots_[(sequence & mask_) * kSlot];
    const std::size_t length = wire::load_u16(slot);
    char* out = builder_.add_message(length);
    if (!out) break;
    std::memcpy(out, slot + 2, length);
    ++stats_.messages_resent;
  }
  ++stats_.answered;
  return builder_.finish();
}

}  // namespace vtb::sim
