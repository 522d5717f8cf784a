#pragma once
// Big-endian field cursors for binary wire formats (ITCH, MoldUDP64). Bounds are the caller's job:
// every message has a fixed size, checked once before its fields are read or written.

#include <cstdint>
#include <cstring>

namespace vtb::wire {

// Single loads at a known offset, for decoding in place on hot paths: one load and one byte swap.
inline std::uint16_t load_u16(const char* p) {
  std::uint16_t v;
  std::memcpy(&v, p, sizeof v);
  return __builtin_bswap16(v);
}
inline std::uint32_t load_u32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return __builtin_bswap32(v);
}
inline std::uint64_t load_u64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return __builtin_bswap64(v);
}

class BigEndianWriter {
 public:
  explicit BigEndianWriter(char* out) : p_(out) {}
  BigEndianWriter& u8(std::uint8_t v) { return put(v, 1); }
  BigEndianWriter& u16(std::uint16_t v) { return put(v, 2); }
  BigEndianWriter& u32(std::uint32_t v) { return put(v, 4); }
  BigEndianWriter& u48(std::uint64_t v) { return put(v, 6); }
  BigEndianWriter& u64(std::uint64_t v) { return put(v, 8); }
  BigEndianWriter& ch(char c) { return u8(static_cast<std::uint8_t>(c)); }
  BigEndianWriter& bytes(const char* src, std::size_t n) {
    std::memcpy(p_, src, n);
    p_ += n;
    return *this;
  }
  char* position() const { return p_; }

 private:
  BigEndianWriter& put(std::uint64_t v, int n) {
    for (int i = n - 1; i >= 0; --i) {
      p_[i] = static_cast<char>(v & 0xff);
      v >>= 8;
    }
    p_ += n;
    return *this;
  }
  char* p_;
};

class BigEndianReader {
 public:
  explicit BigEndianReader(const char* in) : p_(in) {}
  std::uint8_t u8() { return static_cast<std::uint8_t>(get(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(get(2)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(get(4)); }
  std::uint64_t u48() { return get(6); }
  std::uint64_t u64() { return get(8); }
  char ch() { return static_cast<char>(u8()); }
  void bytes(char* dst, std::size_t n) {
    std::memcpy(dst, p_, n);
    p_ += n;
  }

 private:
  std::uint64_t get(int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i)
      v = (v << 8) | static_cast<unsigned char>(p_[i]);
    p_ += n;
    return v;
  }
  const char* p_;
};

}  // namespace vtb::wire
