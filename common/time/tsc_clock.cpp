#include "common/time/tsc_clock.hpp"

#include <fstream>
#include <string>
#include <thread>

namespace vtb {

bool invariant_tsc() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    const auto has = [&](const char* flag) {
      return (" " + line + " ").find(std::string(" ") + flag + " ") != std::string::npos;
    };
    return has("constant_tsc") && has("nonstop_tsc");
  }
  return false;
}

TscClock TscClock::calibrate(Nanos window) {
  TscClock clock;
#if defined(__x86_64__)
  clock.use_tsc_ = invariant_tsc();
#endif
  if (!clock.use_tsc_) return clock;
  // Each end pairs a TSC read with the monotonic clock, taking the tightest of a few tries so that
  // a preemption between the two reads does not skew the rate.
  const auto pair = [&clock](std::uint64_t& ticks, Nanos& ns) {
    Nanos best = -1;
    for (int i = 0; i < 16; ++i) {
      const std::uint64_t before = clock.read();
      const Nanos t = monotonic_ns();
      const std::uint64_t after = clock.read();
      if (best < 0 || static_cast<Nanos>(after - before) < best) {
        best = static_cast<Nanos>(after - before);
        ticks = before + (after - before) / 2;
        ns = t;
      }
    }
  };
  std::uint64_t t0 = 0, t1 = 0;
  Nanos n0 = 0, n1 = 0;
  pair(t0, n0);
  std::this_thread::sleep_for(std::chrono::nanoseconds(window));
  pair(t1, n1);
  if (t1 <= t0 || n1 <= n0) {
    clock.use_tsc_ = false;
    return clock;
  }
  clock.multiplier_ =
      static_cast<std::uint64_t>((static_cast<unsigned __int128>(n1 - n0) << kShift) / (t1 - t0));
  clock.origin_ticks_ = t1;
  clock.origin_ns_ = n1;
  return clock;
}

}  // namespace vtb
