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

std::optional<PacketReader> PacketReader::parse(std::string_view datagram) {
  if (datagram.size() < kHeaderSize) return std::nullopt;
  PacketReader reader;
  wire::BigEndianReader in(datagram.data());
  in.bytes(reader.header_.session.data(), reader.header_.session.size());
  reader.header_.sequence = in.u64();
  reader.header_.count = in.u16();
  reader.rest_ = datagram.substr(kHeaderSize);
  if (reader.header_.count == 0 || reader.header_.count == kEndOfSession) {
    return reader.rest_.empty() ? std::optional(reader) : std::nullopt;
  }
  // Walk the blocks once so that next() can trust the lengths.
  std::string_view blocks = reader.rest_;
  for (std::uint16_t i = 0; i < reader.header_.count; ++i) {
    if (blocks.size() < 2) return std::nullopt;
    const std::size_t length = wire::BigEndianReader(blocks.data()).u16();
    if (blocks.size() < 2 + length) return std::nullopt;
    blocks.remove_prefix(2 + length);
  }
  if (!blocks.empty()) return std::nullopt;
  return reader;
}

std::string_view PacketReader::next() {
  const std::size_t length = wire::BigEndianReader(rest_.data()).u16();
  const std::string_view message = rest_.substr(2, length);
  rest_.remove_prefix(2 + length);
  return message;
}

}  // namespace vtb::moldudp64
