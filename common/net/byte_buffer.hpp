#pragma once
// A contiguous byte queue for stream I/O: append at the back, consume at the front. Space is reused
// by sliding unread bytes to the front, so a connection in steady state never allocates; it grows
// only when a burst outruns its capacity.

#include <cstddef>
#include <cstring>
#include <string_view>
#include <vector>

namespace vtb::net {

class ByteBuffer {
 public:
  explicit ByteBuffer(std::size_t capacity) : data_(capacity) {}

  std::string_view readable() const { return {data_.data() + begin_, end_ - begin_}; }
  std::size_t size() const { return end_ - begin_; }
  bool empty() const { return begin_ == end_; }

  void consume(std::size_t n) {
    begin_ += n;
    if (begin_ == end_) begin_ = end_ = 0;
  }

  // Pointer to at least `n` writable bytes at the back; call commit() with what was written.
  char* prepare(std::size_t n) {
    if (data_.size() - end_ < n) {
      if (begin_ > 0) {
        std::memmove(data_.data(), data_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
      }
      if (data_.size() - end_ < n)
        data_.resize(end_ + n > 2 * data_.size() ? end_ + n : 2 * data_.size());
    }
    return data_.data() + end_;
  }
  std::size_t writable() const { return data_.size() - end_; }
  const char* back() const { return data_.data() + end_; }  // where prepare()'s bytes start
  void commit(std::size_t n) { end_ += n; }

  void append(std::string_view bytes) {
    std::memcpy(prepare(bytes.size()), bytes.data(), bytes.size());
    commit(bytes.size());
  }

  void clear() { begin_ = end_ = 0; }

 private:
  std::vector<char> data_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

}  // namespace vtb::net
