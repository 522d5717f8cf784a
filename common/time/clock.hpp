#pragma once
// Clocks. Both read through the vDSO (~27 ns here), no syscall.

#include <cstdint>
#include <ctime>

namespace vtb {

using Nanos = std::int64_t;
inline constexpr Nanos kNanosPerSecond = 1'000'000'000;
inline constexpr Nanos kNanosPerDay = 86'400 * kNanosPerSecond;

// Wall clock, UTC nanoseconds since the Unix epoch: for wire timestamps (FIX SendingTime, ITCH).
inline Nanos wall_clock_ns() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<Nanos>(ts.tv_sec) * kNanosPerSecond + ts.tv_nsec;
}

// Monotonic nanoseconds: for intervals (latency, heartbeats, timers).
inline Nanos monotonic_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<Nanos>(ts.tv_sec) * kNanosPerSecond + ts.tv_nsec;
}

// ITCH 5.0 timestamps count nanoseconds since midnight. We use UTC midnight (Nasdaq uses
// US/Eastern); docs/FEED.md says so.
inline Nanos nanos_since_midnight(Nanos wall_ns) {
  return wall_ns % kNanosPerDay;
}

}  // namespace vtb

namespace vtb {

// Both clocks read together: monotonic for timers, wall for timestamps on the wire.
struct Now {
  Nanos mono;
  Nanos wall;
  static Now read() { return {monotonic_ns(), wall_clock_ns()}; }
};

}  // namespace vtb
