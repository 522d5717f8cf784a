#include "common/moldudp64/packet.hpp"

#include <cstring>

#include "common/wire/big_endian.hpp"

namespace vtb::moldudp64 {

SessionId make_session(std::string_view text) {
  SessionId s;
  s.fill(' ');
  std::memcpy(s.data(), text.data(), std::min(text.size(), s.size()));
  return s;
}

PacketBuilder::PacketBuilder(char* buffer, std::size_t capacity, SessionId session)
    : buffer_(buffer), capacity_(capacity), session_(session) {}

void PacketBuilder::start(std::uint64_t first_sequence) {
  first_sequence_ = first_sequence;
  count_ = 0;
  size_ = kHeaderSize;
}

char* PacketBuilder::add_message(std::size_t length) {
  if (size_ + 2 + length > capacity_ || count_ == kEndOfSession - 1) return nullptr;
  wire::BigEndianWriter(buffer_ + size_).u16(static_cast<std::uint16_t>(length));
  char* message = buffer_ + size_ + 2;
  size_ += 2 + length;
  ++count_;
  return message;
}

std::string_view PacketBuilder::finish() {
  wire::BigEndianWriter(buffer_)
      .bytes(session_.data(), session_.size())
      .u64(first_sequence_)
      .u16(count_);
  return {buffer_, size_};
}

std::string_view PacketBuilder::header_only(std::uint64_t sequence, std::uint16_t count) {
  wire::BigEndianWriter(buffer_).bytes(session_.data(), session_.size()).u64(sequence).u16(count);
  return {buffer_, kHeaderSize};
}

std::string_view PacketBuilder::heartbeat(std::uint64_t next_sequence) {
  return header_only(next_sequence, 0);
}

std::string_view PacketBuilder::end_of_session(std::uint64_t next_sequence) {
  return header_only(next_sequence, kEndOfSession);
}

}  // namespace vtb::moldudp64
