#pragma once
// A large fixed-size array of trivially copyable T whose all-zero bytes are a valid value, taken
// straight from the kernel: mmap'd pages are zero-filled on first touch, so creating one costs
// nothing up front and only the pages used become resident. Advised for transparent huge pages,
// like HugePageAllocator, since such arrays are read at random.

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>

#include "common/hot_path/huge_page_allocator.hpp"  // kHugePageSize

namespace vtb {

template <class T>
class ZeroedArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  // `populate`: fault every page in now (zeroing it), so that first touches do not cost a page
  // fault on the hot path later; for arrays read all over, like hash tables.
  explicit ZeroedArray(std::size_t size, bool populate = false) : size_(size) {
    if (size == 0) return;
    // Over-map by one huge page and trim, so that the array starts on a 2 MiB boundary, which
    // transparent huge pages need.
    const std::size_t mapped = bytes() + kHugePageSize;
    void* block =
        ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(block);
    const std::uintptr_t aligned = (start + kHugePageSize - 1) & ~(kHugePageSize - 1);
    if (aligned != start) ::munmap(block, aligned - start);
    const std::size_t tail = mapped - (aligned - start) - bytes();
    if (tail != 0) ::munmap(reinterpret_cast<void*>(aligned + bytes()), tail);
    data_ = reinterpret_cast<T*>(aligned);
    ::madvise(data_, bytes(), MADV_HUGEPAGE);  // advice: refused, the pages stay ordinary
    if (populate) {
      for (std::size_t offset = 0; offset < bytes(); offset += 4096)
        reinterpret_cast<volatile char*>(data_)[offset] = 0;
    }
  }
  ~ZeroedArray() {
    if (data_) ::munmap(data_, bytes());
  }
  ZeroedArray(ZeroedArray&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  ZeroedArray(const ZeroedArray&) = delete;
  ZeroedArray& operator=(const ZeroedArray&) = delete;
  ZeroedArray& operator=(ZeroedArray&&) = delete;

  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  std::size_t size() const { return size_; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

 private:
  std::size_t bytes() const { return size_ * sizeof(T); }

  T* data_ = nullptr;
  std::size_t size_;
};

}  // namespace vtb
