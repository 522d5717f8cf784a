#pragma once
// Framing and in-place reading of FIX tag=value messages (hffix style): a MessageView is a pair of
// pointers into the receive buffer, fields are string_views into it, nothing is copied or
// allocated.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <string_view>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
    [[gnu::always_inline]] iterator& operator++() {
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
    void parse_malformed();  // a field whose tag is not 1 to 9 digits followed by '='
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

// Inline: the validator and the session read every field through this. The common field — a
// short tag of digits, '=', a value — is read here; anything odd goes to parse_malformed().
[[gnu::always_inline]] inline void MessageView::iterator::parse() {
  if (pos_ >= end_) {
    next_ = end_;
    return;
  }
  const char* p = pos_;
  unsigned tag = 0;
  for (; p < end_; ++p) {
    const unsigned digit = static_cast<unsigned char>(*p) - '0';
    if (digit > 9) break;
    tag = tag * 10 + digit;
  }
  if (p == pos_ || p == end_ || *p != '=' || p - pos_ > 9) {
    parse_malformed();
    return;
  }
  const char* value = p + 1;
  const char* soh = nullptr;
#if defined(__SSE2__)
  // Most values and their SOH are in the next 32 bytes (a timestamp is 21 to 27).
  const __m128i separator = _mm_set1_epi8(kSoh);
  for (const char* chunk = value; !soh && end_ - chunk >= 16 && chunk - value < 32; chunk += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(chunk));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, separator)));
    if (mask != 0) soh = chunk + __builtin_ctz(mask);
  }
  if (!soh)
#endif
    soh =
        static_cast<const char*>(std::memchr(value, kSoh, static_cast<std::size_t>(end_ - value)));
  const char* field_end = soh ? soh : end_;
  next_ = soh ? field_end + 1 : end_;
  field_ = {static_cast<int>(tag),
            std::string_view(value, static_cast<std::size_t>(field_end - value))};
}

}  // namespace vtb::fix
