#pragma once
// The CPU's time-stamp counter as a clock for hot-path intervals: one `rdtsc` (no vDSO call, no
// memory barrier) at each point a latency is measured from or to. Ticks become nanoseconds with a
// multiplier calibrated against CLOCK_MONOTONIC at start-up. Meaningful only when the TSC is
// invariant (runs at a constant rate in every power state, the same on every core: the
// `constant_tsc` and `nonstop_tsc` CPU flags); without it, or off x86-64, read() falls back to
// the monotonic clock and ticks are nanoseconds.

#include <cstdint>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

#include "common/time/clock.hpp"

namespace vtb {

class TscClock {
 public:
  // Measures the tick rate over `window` of CLOCK_MONOTONIC (start-up only: it sleeps).
  static TscClock calibrate(Nanos window = 20'000'000);

  std::uint64_t read() const {
#if defined(__x86_64__)
    if (use_tsc_) return __rdtsc();
#endif
    return static_cast<std::uint64_t>(monotonic_ns());
  }

  // An interval between two read()s, in nanoseconds.
  Nanos to_nanos(std::uint64_t ticks) const {
    return static_cast<Nanos>((static_cast<unsigned __int128>(ticks) * multiplier_) >> kShift);
  }
  // The CLOCK_MONOTONIC time of a read(), within the calibration's error.
  Nanos monotonic(std::uint64_t ticks) const {
    return origin_ns_ + to_nanos(ticks - origin_ticks_);
  }

  bool uses_tsc() const {
    return use_tsc_;
  }
  double ticks_per_ns() const {
    return static_cast<double>(1ull << kShift) / multiplier_;
  }
  const char* source() const {
    return use_tsc_ ? "tsc" : "clock_gettime";
  }

 private:
  static constexpr int kShift = 32;
  bool use_tsc_ = false;
  std::uint64_t multiplier_ = 1ull << kShift;  // nanoseconds per tick, fixed-point
  std::uint64_t origin_ticks_ = 0;
  Nanos origin_ns_ = 0;
};

// True when /proc/cpuinfo lists both constant_tsc and nonstop_tsc.
bool invariant_tsc();

}  // namespace vtb
