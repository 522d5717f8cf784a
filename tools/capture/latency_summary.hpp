#pragma once
// The figures every latency report gives: count, min, nearest-rank percentiles, max.
//
// Nearest rank: the p-th percentile is the smallest latency with at least p % of them at or below
// it, so every figure is a latency that was measured.

#include <cstdint>
#include <vector>

#include "common/time/clock.hpp"

namespace vtb::capture {

struct LatencySummary {
  std::uint64_t count = 0;
  Nanos min = 0, p50 = 0, p90 = 0, p99 = 0, p999 = 0, max = 0;
};

LatencySummary summarize(std::vector<Nanos> latencies);

}  // namespace vtb::capture
