#pragma once
// Framing and in-place reading of FIX tag=value messages (hffix style): a MessageView is a pair of
// pointers into the receive buffer, fields are string_views into it, nothing is copied or
// allocated.

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>

namespace vtb::fix {

inline constexpr char kSoh = '\x01';

enum class FrameStatus {
  Complete,    // a whole message of `length` bytes starts at the front of the buffer
  Incomplete,  // need more bytes; nothing to consume
  Garbled,     // `length` bytes at the front are not a valid message: drop them and try again
  Oversized,   // BodyLength declares a message of `length` bytes, more than allowed: discard that
               // many bytes as they arrive (they may not all be in the buffer yet)
};

struct FrameResult {
  FrameStatus status;
  std::size_t length;  // bytes to consume (Complete, Garbled or Oversized)
};

// Finds the first message at the front of `buffer`. Checks BeginString, BodyLength and CheckSum as
// the FIX transport rules require; a message longer than `max_length` is Oversized.
FrameResult frame_message(std::string_view buffer, std::size_t max_length);

// Sum of bytes modulo 256, the FIX CheckSum.
std::uint8_t checksum(std::string_view bytes);

struct Field {
  int tag;  // 0 when the field is malformed (no '=', or a tag that is not a positive number)
  std::string_view value;
};

// A complete, framed message. Fields are parsed lazily while iterating.
class MessageView {
 public:
  explicit MessageView(std::string_view bytes) : bytes_(bytes) {}

  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Field;
    using difference_type = std::ptrdiff_t;
    using pointer = const Field*;
    using reference = const Field&;

    iterator() = default;
    iterator(const char* pos, const char* end) : pos_(pos), end_(end) { parse(); }
    const Field& operator*() const { return field_; }
    const Field* operator->() const { return &field_; }
    iterator& operator++() {
      pos_ = next_;
      parse();
      return *this;
    }
    iterator operator++(int) {
      iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const iterator& o) const { return pos_ == o.pos_; }

   private:
    void parse();
    const char* pos_ = nullptr;
    const char* end_ = nullptr;
    const char* next_ = nullptr;
    Field field_{};
  };

  iterator begin() const { return {bytes_.data(), bytes_.data() + bytes_.size()}; }
  iterator end() const { return {bytes_.data() + bytes_.size(), bytes_.data() + bytes_.size()}; }

  // First occurrence of `tag`, or nullopt.
  std::optional<std::string_view> get(int tag) const;
  std::optional<std::int64_t> get_int(int tag) const;

  std::string_view msg_type() const { return get(35).value_or(std::string_view{}); }
  std::string_view bytes() const { return bytes_; }

 private:
  std::string_view bytes_;
};

}  // namespace vtb::fix
