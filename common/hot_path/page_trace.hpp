#pragma once
// Marks for tools/page-trace/page-trace.sh, which counts the distinct 4 KiB pages (code and data)
// the engine touches between recv() returning a packet and send() being called: where each system
// call empties the TLB, each of them costs a page walk (docs/BENCHMARKS.md). Built with
// -DVTB_PAGE_TRACE=ON, a mark is a one-byte store to a known address that the script finds in
// valgrind's memory trace; otherwise the marks compile to nothing.

#if defined(VTB_PAGE_TRACE)
#include <cstdint>
#include <cstdio>
#endif

namespace vtb {

#if defined(VTB_PAGE_TRACE)
inline volatile char page_trace_marks[2];
inline void page_trace_open() {
  page_trace_marks[0] = 1;
}
inline void page_trace_close() {
  page_trace_marks[1] = 1;
}
// The marks' addresses, as valgrind's trace prints them.
inline void page_trace_announce() {
  std::fprintf(stderr, "page-trace marks: %08lx %08lx\n",
               static_cast<unsigned long>(reinterpret_cast<std::uintptr_t>(&page_trace_marks[0])),
               static_cast<unsigned long>(reinterpret_cast<std::uintptr_t>(&page_trace_marks[1])));
}
#else
inline void page_trace_open() {}
inline void page_trace_close() {}
inline void page_trace_announce() {}
#endif

}  // namespace vtb
