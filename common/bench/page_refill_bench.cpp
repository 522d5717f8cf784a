// bench_page_refill: what a memory page costs the first time it is touched after a system call.
//
// A busy-polling engine makes a system call (recv) before every packet. Where the kernel runs with
// page-table isolation and the CPU has no PCID, or in a VM that switches address spaces on each
// guest system call, that call empties the TLB: every distinct 4 KiB page the packet's path then
// touches, code or data, costs a page walk, although its cache lines are still in the caches. This
// program measures that cost on the machine it runs on, so the floor it sets on internal
// tick-to-trade can be read off: a path that touches N pages costs at least the N-page figure.
//
// Each sample reads one cache line in each of N pages (a dependent chain, so the reads do not
// overlap), with and without a non-blocking recv() on an empty socket just before, as the engine's
// idle turn makes. "one page" reads N lines of a single page: the caches alone, one TLB miss.
// "2 MiB page" spreads the lines as the second column does, inside a block advised for a
// transparent huge page (HugePageAllocator): one walk for all of them, where the huge page reaches
// the TLB. Under a hypervisor that maps the guest with 4 KiB pages it does not.
//
//   build/bin/bench_page_refill [samples]       (pin it: taskset -c 1 build/bin/bench_page_refill)

#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <x86intrin.h>

#include "common/hot_path/huge_page_allocator.hpp"
#include "common/stats/latency_histogram.hpp"
#include "common/time/tsc_clock.hpp"

namespace {

constexpr std::size_t kPage = 4096;
constexpr std::size_t kLine = 64;
constexpr std::size_t kRegion = 4 << 20;

struct Chain {
  void* first = nullptr;
};

// Links `lines` cache lines into a cycle: spread over as many pages, or all in one page.
Chain link(char* region, int lines, bool spread) {
  std::vector<char*> at(static_cast<std::size_t>(lines));
  for (std::size_t i = 0; i < at.size(); ++i) {
    // Pages 3 apart and lines at varying offsets, so that neither the prefetchers nor cache-set
    // conflicts shape the result.
    at[i] = spread ? region + i * 3 * kPage + (i % 64) * kLine : region + i * kLine;
  }
  for (std::size_t i = 0; i < at.size(); ++i) {
    *reinterpret_cast<char**>(at[i]) = at[(i + 1) % at.size()];
  }
  return {at[0]};
}

[[gnu::noinline]] void* chase(void* p, int steps) {
  for (int i = 0; i < steps; ++i)
    p = *static_cast<void**>(p);
  return p;
}

// rdtsc is not ordered with the loads around it: fence it, or it measures nothing.
std::uint64_t fenced_read(const vtb::TscClock& tsc) {
  _mm_lfence();
  const std::uint64_t ticks = tsc.read();
  _mm_lfence();
  return ticks;
}

// The process's memory in transparent huge pages, from the kernel: 0 when the advice was refused.
long anon_huge_kib() {
  std::FILE* f = std::fopen("/proc/self/smaps_rollup", "r");
  if (f == nullptr) return -1;
  char line[256];
  long kib = -1;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::sscanf(line, "AnonHugePages: %ld", &kib) == 1) break;
  }
  std::fclose(f);
  return kib;
}

struct Figure {
  double p50 = 0;
  double p99 = 0;
};

Figure measure(const vtb::TscClock& tsc, int socket, const Chain& chain, int lines, bool syscall,
               int samples) {
  vtb::LatencyHistogram nanos;
  char byte;
  void* sink = chain.first;
  for (int i = 0; i < samples; ++i) {
    if (syscall) (void)::recv(socket, &byte, 1, MSG_DONTWAIT);
    const std::uint64_t start = fenced_read(tsc);
    sink = chase(sink, lines);
    nanos.record(tsc.to_nanos(fenced_read(tsc) - start));
  }
  if (sink == nullptr) std::puts("");  // keeps the chase
  return {static_cast<double>(nanos.percentile(0.5)), static_cast<double>(nanos.percentile(0.99))};
}

}  // namespace

int main(int argc, char** argv) {
  const int samples = argc > 1 ? std::atoi(argv[1]) : 20'000;
  if (samples < 100) {
    std::fprintf(stderr, "usage: bench_page_refill [samples >= 100]\n");
    return 2;
  }
  const vtb::TscClock tsc = vtb::TscClock::calibrate();
  void* mapped =
      ::mmap(nullptr, kRegion, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  const int socket = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (mapped == MAP_FAILED || socket < 0) {
    std::perror("bench_page_refill");
    return 1;
  }
  char* region = static_cast<char*>(mapped);
  std::fill(region, region + kRegion, 0);
  vtb::HugePageAllocator<char> huge_pages;
  char* huge = huge_pages.allocate(vtb::kHugePageSize);
  std::fill(huge, huge + vtb::kHugePageSize, 0);

  std::printf("clock %s; %d samples each; ns to read one line in each of N pages\n", tsc.source(),
              samples);
  std::printf("%4s  %20s  %20s  %20s  %20s\n", "N", "no syscall p50/p99", "after recv() p50/p99",
              "one page p50/p99", "2 MiB page p50/p99");
  for (const int lines : {1, 2, 4, 8, 16, 32}) {
    const Chain spread = link(region, lines, true);
    const Figure quiet = measure(tsc, socket, spread, lines, false, samples);
    const Figure after = measure(tsc, socket, spread, lines, true, samples);
    const Chain packed = link(region + kRegion / 2, lines, false);
    const Figure one_page = measure(tsc, socket, packed, lines, true, samples);
    const Chain in_huge_page = link(huge, lines, true);
    const Figure huge_page = measure(tsc, socket, in_huge_page, lines, true, samples);
    std::printf("%4d  %9.0f / %-8.0f  %9.0f / %-8.0f  %9.0f / %-8.0f  %9.0f / %-8.0f\n", lines,
                quiet.p50, quiet.p99, after.p50, after.p99, one_page.p50, one_page.p99,
                huge_page.p50, huge_page.p99);
  }
  const long huge_kib = anon_huge_kib();
  std::printf("transparent huge pages held by this process: %ld KiB%s\n", huge_kib,
              huge_kib > 0 ? "" : " (the advice was refused: the last column is 4 KiB pages)");
  huge_pages.deallocate(huge, vtb::kHugePageSize);
  return 0;
}
