#pragma once
// MoldUDP64 downstream packets: a 20-byte header (session 10 bytes, sequence number of the first
// message 8 bytes, message count 2 bytes, all big-endian) then, per message, a 2-byte length and
// the message. Count 0 is a heartbeat, 0xFFFF marks the end of the session.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "common/wire/big_endian.hpp"

namespace vtb::moldudp64 {

inline constexpr std::size_t kHeaderSize = 20;
// Where the header's fields sit (the session takes the first 10 bytes).
inline constexpr std::size_t kSequenceOffset = 10;
inline constexpr std::size_t kCountOffset = 18;
inline constexpr std::uint16_t kEndOfSession = 0xFFFF;
using SessionId = std::array<char, 10>;
SessionId make_session(std::string_view text);  // space-padded

struct Header {
  SessionId session{};
  std::uint64_t sequence = 0;  // of the first message in the packet (next expected, if count 0)
  std::uint16_t count = 0;
};

// Fills one datagram. The buffer belongs to the caller and is reused for every packet.
class PacketBuilder {
 public:
  PacketBuilder(char* buffer, std::size_t capacity, SessionId session);

  void start(std::uint64_t first_sequence);
  // Reserves room for a message of `length` bytes; nullptr when it would not fit in this packet.
  char* add_message(std::size_t length);
  // Final header written; returns the datagram.
  std::string_view finish();
  std::string_view heartbeat(std::uint64_t next_sequence);
  std::string_view end_of_session(std::uint64_t next_sequence);

  std::uint16_t count() const { return count_; }
  std::size_t size() const { return size_; }

 private:
  std::string_view header_only(std::uint64_t sequence, std::uint16_t count);

  char* buffer_;
  std::size_t capacity_;
  SessionId session_;
  std::uint64_t first_sequence_ = 0;
  std::uint16_t count_ = 0;
  std::size_t size_ = kHeaderSize;
};

// Reads a datagram in place. parse() checks that the message blocks exactly fill the datagram.
class PacketReader {
 public:
  static std::optional<PacketReader> parse(std::string_view datagram) {
    return parse(datagram, [](std::string_view) {});
  }
  // The same, calling `each_message(message)` for every message block as it is checked: before
  // the whole datagram is known to be valid, so only for hints (a feed handler's prefetches).
  template <class EachMessage>
  static std::optional<PacketReader> parse(std::string_view datagram, EachMessage&& each_message) {
    if (datagram.size() < kHeaderSize) return std::nullopt;
    PacketReader reader;
    std::memcpy(reader.header_.session.data(), datagram.data(), reader.header_.session.size());
    reader.header_.sequence = wire::load_u64(datagram.data() + kSequenceOffset);
    reader.header_.count = wire::load_u16(datagram.data() + kCountOffset);
    reader.rest_ = datagram.substr(kHeaderSize);
    if (reader.header_.count == 0 || reader.header_.count == kEndOfSession) {
      return reader.rest_.empty() ? std::optional(reader) : std::nullopt;
    }
    // Walk the blocks once so that next() can trust the lengths.
    const char* cursor = reader.rest_.data();
    const char* const end = cursor + reader.rest_.size();
    for (std::uint16_t i = 0; i < reader.header_.count; ++i) {
      if (end - cursor < 2 || end - cursor - 2 < wire::load_u16(cursor)) return std::nullopt;
      each_message(take_message(cursor));
    }
    if (cursor != end) return std::nullopt;
    return reader;
  }

  const Header& header() const { return header_; }
  bool is_heartbeat() const { return header_.count == 0; }
  bool is_end_of_session() const { return header_.count == kEndOfSession; }

  // Messages in order; call next() header().count times (0 for heartbeats and end of session).
  std::string_view next() {
    const char* cursor = rest_.data();
    const std::string_view message = take_message(cursor);
    rest_.remove_prefix(2 + message.size());
    return message;
  }
  // Where the message blocks begin, for a caller that walks them more than once with
  // take_message(); parse() has checked that header().count of them fill the datagram.
  const char* blocks() const { return rest_.data(); }

  // The message at `cursor` (a message block) and the cursor moved past it.
  static std::string_view take_message(const char*& cursor) {
    const std::size_t length = wire::load_u16(cursor);
    const std::string_view message(cursor + 2, length);
    cursor += 2 + length;
    return message;
  }

 private:
  Header header_;
  std::string_view rest_;
};

}  // namespace vtb::moldudp64
