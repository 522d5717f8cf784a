#pragma once
// One T alone in a 2 MiB block advised for a transparent huge page. For an object the hot path
// reads all over (the engine: feed state, the FIX session, the order template, histograms): it
// then costs one TLB entry instead of one per 4 KiB page it spans. See hot_code.hpp for why TLB
// entries are worth counting. A hypervisor that maps the guest in 4 KiB pages takes the gain away
// (the CI machine's does: bench_page_refill measures it), so lay out hot state compactly anyway.

#include <new>
#include <utility>

#include "common/hot_path/huge_page_allocator.hpp"

namespace vtb {

template <class T>
class OnHugePage {
 public:
  template <class... Args>
  explicit OnHugePage(Args&&... args) : object_(HugePageAllocator<T>().allocate(1)) {
    try {
      new (object_) T(std::forward<Args>(args)...);
    } catch (...) {
      HugePageAllocator<T>().deallocate(object_, 1);
      throw;
    }
  }
  ~OnHugePage() {
    object_->~T();
    HugePageAllocator<T>().deallocate(object_, 1);
  }
  OnHugePage(const OnHugePage&) = delete;
  OnHugePage& operator=(const OnHugePage&) = delete;

  T& operator*() { return *object_; }
  T* operator->() { return object_; }

 private:
  T* object_;
};

}  // namespace vtb
