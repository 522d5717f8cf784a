#pragma once
// Copies `n` bytes without a call into libc. memcpy of a length known only at run time is a call
// through the GOT into libc's code: two pages the packet-to-order path would otherwise touch, each
// a page walk after the system call that brought the packet (tools/page-trace,
// docs/BENCHMARKS.md). The copies are fixed-size
// and may overlap each other, as memcpy's own path for short lengths does; for the few dozen bytes
// of a FIX field that is as fast as the call.

#include <cstddef>
#include <cstring>

namespace vtb {

inline void inline_copy(char* to, const char* from, std::size_t n) {
  if (n >= 16) {
    for (std::size_t i = 0; i + 16 < n; i += 16)
      std::memcpy(to + i, from + i, 16);
    std::memcpy(to + n - 16, from + n - 16, 16);  // the last 16 bytes, overlapping
  } else if (n >= 8) {
    std::memcpy(to, from, 8);
    std::memcpy(to + n - 8, from + n - 8, 8);
  } else if (n >= 4) {
    std::memcpy(to, from, 4);
    std::memcpy(to + n - 4, from + n - 4, 4);
  } else if (n > 0) {
    to[0] = from[0];
    to[n / 2] = from[n / 2];
    to[n - 1] = from[n - 1];
  }
}

}  // namespace vtb
