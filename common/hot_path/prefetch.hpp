#pragma once
// A prefetch the optimiser keeps. GCC 12 treats __builtin_prefetch as free of side effects, so a
// small inline function made only of prefetches can be judged pure and its call deleted before it
// is inlined (it happened to the feed handler's hints). A volatile asm is never deleted.

namespace vtb {

inline void prefetch(const void* address) {
#if defined(__x86_64__)
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(address)));
#else
  __builtin_prefetch(address);
#endif
}

}  // namespace vtb
