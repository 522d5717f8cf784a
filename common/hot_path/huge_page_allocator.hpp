#pragma once
// An allocator for large arrays read at a high rate: blocks are 2 MiB aligned and marked for
// transparent huge pages (madvise), so that streaming through them costs one TLB entry per 2 MiB
// instead of one per 4 KiB. In a VM, where a TLB miss walks two sets of page tables, that is a
// page walk every fifty 80-byte records saved. A kernel that refuses the advice leaves ordinary
// pages. Stateless: any instance frees what another allocated.

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace vtb {

inline constexpr std::size_t kHugePageSize = std::size_t{2} << 20;

template <class T>
struct HugePageAllocator {
  using value_type = T;

  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding is implicit

  T* allocate(std::size_t n) {
    const std::size_t bytes = rounded(n * sizeof(T));
    void* block = std::aligned_alloc(kHugePageSize, bytes);
    if (!block) throw std::bad_alloc();
    ::madvise(block, bytes, MADV_HUGEPAGE);  // advice: refused, the pages stay ordinary
    return static_cast<T*>(block);
  }
  void deallocate(T* p, std::size_t) { std::free(p); }

  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }

 private:
  static std::size_t rounded(std::size_t bytes) {
    return (bytes + kHugePageSize - 1) / kHugePageSize * kHugePageSize;
  }
};

}  // namespace vtb
