#include "common/fix/message_writer.hpp"

#include <charconv>
#include <cstring>

#include "common/fix/message_view.hpp"
#include "common/text/decimal.hpp"

namespace vtb::fix {

MessageWriter::MessageWriter(char* buffer, std::size_t capacity, std::string_view begin_string)
    : buffer_(buffer), capacity_(capacity), body_start_(0), length_(0) {
  // "8=" begin SOH "9=" NNN SOH, with the BodyLength digits filled in by finish().
  const std::size_t header = 2 + begin_string.size() + 1 + 2 + kReservedLengthDigits + 1;
  char* p = reserve(header);
  if (!p) return;
  std::memcpy(p, "8=", 2);
  std::memcpy(p + 2, begin_string.data(), begin_string.size());
  p += 2 + begin_string.size();
  *p++ = kSoh;
  std::memcpy(p, "9=", 2);
  body_start_ = header;
}

char* MessageWriter::reserve(std::size_t n) {
  if (failed_ || length_ + n > capacity_) {
    failed_ = true;
    return nullptr;
  }
  char* p = buffer_ + length_;
  length_ += n;
  return p;
}

// A field is written in two steps: room for the longest possible text, then the real end.
char* MessageWriter::begin_field(int tag, std::size_t max_value_length) {
  constexpr std::size_t kMaxTagLength = 11;  // digits of an int, then '='
  if (failed_ || length_ + kMaxTagLength + max_value_length + 1 > capacity_) {
    failed_ = true;
    return nullptr;
  }
  char* p = buffer_ + length_;
  p += text::format_int(p, tag);
  *p++ = '=';
  return p;
}

void MessageWriter::end_field(char* p) {
  *p++ = kSoh;
  length_ = static_cast<std::size_t>(p - buffer_);
}

void MessageWriter::field(int tag, std::string_view value) {
  char* p = begin_field(tag, value.size());
  if (!p) return;
  std::memcpy(p, value.data(), value.size());
  end_field(p + value.size());
}

void MessageWriter::field_int(int tag, std::int64_t value) {
  char* p = begin_field(tag, 20);
  if (p) end_field(p + text::format_int(p, value));
}

void MessageWriter::field_char(int tag, char value) {
  field(tag, std::string_view(&value, 1));
}

void MessageWriter::field_price(int tag, Price value) {
  char* p = begin_field(tag, 24);
  if (p) end_field(p + text::format_price(p, value));
}

void MessageWriter::field_timestamp(int tag, Nanos wall_ns, TimestampPrecision precision) {
  char* p = begin_field(tag, kMaxTimestampLength);
  if (p) end_field(p + format_utc_timestamp(p, wall_ns, precision));
}

std::size_t finish_message(char* buffer, std::size_t capacity, std::size_t body_start,
                           std::size_t length) {
  const std::size_t body_length = length - body_start;
  char digits[20];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, body_length);
  const auto digit_count = static_cast<std::size_t>(end - digits);
  // Slide the body when BodyLength does not have the reserved width (rare: bodies under 100 bytes
  // or over 999 bytes).
  if (digit_count != kReservedLengthDigits) {
    const std::size_t new_body_start = body_start - kReservedLengthDigits + digit_count;
    if (new_body_start + body_length + 7 > capacity) return 0;
    std::memmove(buffer + new_body_start, buffer + body_start, body_length);
    body_start = new_body_start;
    length = body_start + body_length;
  }
  std::memcpy(buffer + body_start - 1 - digit_count, digits, digit_count);
  buffer[body_start - 1] = kSoh;
  if (length + 7 > capacity) return 0;
  write_checksum(buffer + length, checksum(std::string_view(buffer, length)));
  return length + 7;
}

std::size_t MessageWriter::finish() {
  if (failed_) return 0;
  const std::size_t length = finish_message(buffer_, capacity_, body_start_, length_);
  if (length == 0) failed_ = true;
  length_ = length;
  return length;
}

}  // namespace vtb::fix
