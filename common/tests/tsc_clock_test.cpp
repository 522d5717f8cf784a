#include "common/time/tsc_clock.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace vtb {
namespace {

// One TSC read and one monotonic read as close together as a few tries allow, so that being
// preempted between the two does not count as clock error.
std::pair<std::uint64_t, Nanos> paired_reads(const TscClock& clock) {
  std::pair<std::uint64_t, Nanos> best{};
  Nanos tightest = -1;
  for (int i = 0; i < 64; ++i) {
    const std::uint64_t before = clock.read();
    const Nanos ns = monotonic_ns();
    const Nanos spread = clock.to_nanos(clock.read() - before);
    if (tightest < 0 || spread < tightest) {
      tightest = spread;
      best = {before, ns};
    }
  }
  return best;
}

TEST(TscClock, IntervalsAgreeWithTheMonotonicClock) {
  const TscClock clock = TscClock::calibrate();
  if (!clock.uses_tsc()) std::printf("no invariant TSC here: the clock is clock_gettime\n");
  const auto [t0, m0] = paired_reads(clock);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto [t1, m1] = paired_reads(clock);
  const Nanos by_tsc = clock.to_nanos(t1 - t0);
  const Nanos by_monotonic = m1 - m0;
  // A calibration over 20 ms is good to well under 0.1% here; 0.5% leaves room for a busy host.
  EXPECT_NEAR(static_cast<double>(by_tsc), static_cast<double>(by_monotonic),
              0.005 * static_cast<double>(by_monotonic));
  EXPECT_GE(by_monotonic, 200'000'000);
}

TEST(TscClock, ReadsConvertToMonotonicTime) {
  const TscClock clock = TscClock::calibrate();
  const auto [ticks, ns] = paired_reads(clock);
  EXPECT_NEAR(static_cast<double>(clock.monotonic(ticks)), static_cast<double>(ns), 100'000.0);
}

TEST(TscClock, ConvertsTicksAtTheCalibratedRate) {
  const TscClock clock = TscClock::calibrate();
  const double rate = clock.ticks_per_ns();
  EXPECT_GT(rate, 0.0);
  const auto ticks = static_cast<std::uint64_t>(rate * 1e9);  // one second's worth
  EXPECT_NEAR(static_cast<double>(clock.to_nanos(ticks)), 1e9, 1e3);
  EXPECT_EQ(clock.to_nanos(0), 0);
}

}  // namespace
}  // namespace vtb
