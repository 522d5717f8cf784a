#include "common/fix/message_view.hpp"

#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/fix/tags.hpp"
#include "common/hot_path/hot_code.hpp"
#include "common/text/decimal.hpp"

namespace vtb::fix {

VTB_HOT std::uint8_t checksum(std::string_view bytes) {
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  std::uint64_t sum = 0;
#if defined(__SSE2__)
  // 16 bytes at a time: PSADBW against zero sums each 8-byte half.
  __m128i acc = _mm_setzero_si128();
  for (; n >= 16; p += 16, n -= 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    acc = _mm_add_epi64(acc, _mm_sad_epu8(chunk, _mm_setzero_si128()));
  }
  sum = static_cast<std::uint64_t>(_mm_cvtsi128_si64(acc)) +
        static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(acc, acc)));
#endif
  for (; n > 0; ++p, --n)
    sum += static_cast<unsigned char>(*p);
  return static_cast<std::uint8_t>(sum);
}

namespace {

// Skip to the next plausible message start, so one bad byte does not cost the whole stream.
FrameResult resync(std::string_view buffer) {
  const std::size_t next = buffer.find("8=", 1);
  return {FrameStatus::Garbled, next == std::string_view::npos ? buffer.size() : next};
}

}  // namespace

FrameResult frame_message(std::string_view buffer, std::size_t max_length) {
  if (buffer.size() < 2) return {FrameStatus::Incomplete, 0};
  if (buffer[0] != '8' || buffer[1] != '=') return resync(buffer);

  const std::size_t begin_end = buffer.find(kSoh);
  if (begin_end == std::string_view::npos) {
    return buffer.size() > 32 ? resync(buffer) : FrameResult{FrameStatus::Incomplete, 0};
  }
  // "9=" must follow BeginString immediately.
  std::size_t pos = begin_end + 1;
  if (buffer.size() < pos + 2) return {FrameStatus::Incomplete, 0};
  if (buffer[pos] != '9' || buffer[pos + 1] != '=') return resync(buffer);
  pos += 2;
  std::size_t body_length = 0;
  const std::size_t digits_start = pos;
  for (;; ++pos) {
    if (pos == buffer.size()) return {FrameStatus::Incomplete, 0};
    const char c = buffer[pos];
    if (c == kSoh) break;
    if (c < '0' || c > '9' || pos - digits_start >= 9) return resync(buffer);
    body_length = body_length * 10 + static_cast<std::size_t>(c - '0');
  }
  if (pos == digits_start) return resync(buffer);
  const std::size_t body_start = pos + 1;
  const std::size_t trailer_start = body_start + body_length;
  const std::size_t total = trailer_start + 7;  // "10=NNN\x01"
  if (total > max_length) return {FrameStatus::Oversized, total};
  if (buffer.size() < total) return {FrameStatus::Incomplete, 0};

  const char* t = buffer.data() + trailer_start;
  // The body ends with a field's SOH; "10=" inside a value (58=x10=123) is not a trailer.
  const bool trailer_ok = body_length > 0 && t[-1] == kSoh && t[0] == '1' && t[1] == '0' &&
                          t[2] == '=' && t[6] == kSoh && t[3] >= '0' && t[3] <= '9' &&
                          t[4] >= '0' && t[4] <= '9' && t[5] >= '0' && t[5] <= '9';
  // A wrong BodyLength: as QuickFIX's parser does, the message runs to the first CheckSum field
  // after the declared end, and is dropped whole. A length that was too long so swallows the
  // start of the next message, which is lost with it.
  if (!trailer_ok) {
    const std::size_t next_trailer = buffer.find(
        "\x01"
        "10=",
        trailer_start - 1);
    if (next_trailer == std::string_view::npos) {
      return buffer.size() - body_start > max_length ? resync(buffer)
                                                     : FrameResult{FrameStatus::Incomplete, 0};
    }
    const std::size_t end = buffer.find(kSoh, next_trailer + 4);
    if (end == std::string_view::npos) return {FrameStatus::Incomplete, 0};
    return {FrameStatus::Garbled, end + 1};
  }
  const int declared = (t[3] - '0') * 100 + (t[4] - '0') * 10 + (t[5] - '0');
  if (declared != checksum(buffer.substr(0, trailer_start))) return {FrameStatus::Garbled, total};
  return {FrameStatus::Complete, total};
}

void MessageView::iterator::parse_malformed() {
  const char* p = pos_;
  while (p < end_ && *p != '=' && *p != kSoh)
    ++p;
  if (p == end_ || *p == kSoh) {  // no '=': the whole field is malformed
    field_ = {0, std::string_view(pos_, static_cast<std::size_t>(p - pos_))};
    next_ = p == end_ ? end_ : p + 1;
    return;
  }
  const char* value = p + 1;  // a tag that is not a positive number: tag 0, value kept
  const void* soh = std::memchr(value, kSoh, static_cast<std::size_t>(end_ - value));
  const char* field_end = soh ? static_cast<const char*>(soh) : end_;
  next_ = soh ? field_end + 1 : end_;
  field_ = {0, std::string_view(value, static_cast<std::size_t>(field_end - value))};
}

std::optional<std::string_view> MessageView::get(int tag) const {
  for (const Field& f : *this) {
    if (f.tag == tag) return f.value;
  }
  return std::nullopt;
}

std::optional<std::int64_t> MessageView::get_int(int tag) const {
  const auto v = get(tag);
  if (!v) return std::nullopt;
  return text::parse_int(*v);
}

}  // namespace vtb::fix
