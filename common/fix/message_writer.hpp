#pragma once
// Writes one FIX message straight into a caller's buffer (hffix's back-inserting writer idea):
// BeginString, then a reserved BodyLength, then fields; finish() fills in BodyLength and CheckSum.
// Never allocates and never throws: running out of room marks the writer failed and finish()
// returns 0, so a caller checks once at the end.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/fix/utc_timestamp.hpp"
#include "common/market/types.hpp"

namespace vtb::fix {

// Room left for BodyLength's digits while the body is written; finish_message() fills it in.
inline constexpr std::size_t kReservedLengthDigits = 3;

// Completes a message laid out as "8=<BeginString>" SOH "9=", kReservedLengthDigits places, SOH,
// then the body in [body_start, length): writes BodyLength (sliding the body when its width is
// not the reserved one) and appends the CheckSum. Returns the message's length, or 0 when it does
// not fit in `capacity`.
std::size_t finish_message(char* buffer, std::size_t capacity, std::size_t body_start,
                           std::size_t length);

// Writes the CheckSum field, "10=NNN" SOH (7 bytes), for a message whose bytes sum to `sum`.
inline void write_checksum(char* out, std::uint32_t sum) {
  sum %= 256;
  out[0] = '1';
  out[1] = '0';
  out[2] = '=';
  out[3] = static_cast<char>('0' + sum / 100);
  out[4] = static_cast<char>('0' + sum / 10 % 10);
  out[5] = static_cast<char>('0' + sum % 10);
  out[6] = '\x01';
}

class MessageWriter {
 public:
  MessageWriter(char* buffer, std::size_t capacity, std::string_view begin_string);

  void field(int tag, std::string_view value);
  void field_int(int tag, std::int64_t value);
  void field_char(int tag, char value);
  void field_price(int tag, Price value);
  void field_timestamp(int tag, Nanos wall_ns,
                       TimestampPrecision precision = TimestampPrecision::Millis);

  // Completes the message at the start of the buffer; returns its length, or 0 when it did not fit.
  std::size_t finish();

  bool failed() const { return failed_; }

 private:
  char* reserve(std::size_t n);  // nullptr (and failed) when n bytes do not fit
  char* begin_field(int tag, std::size_t max_value_length);
  void end_field(char* value_end);

  char* buffer_;
  std::size_t capacity_;
  std::size_t body_start_;  // where fields after BodyLength begin
  std::size_t length_;      // bytes used so far
  bool failed_ = false;
};

}  // namespace vtb::fix
