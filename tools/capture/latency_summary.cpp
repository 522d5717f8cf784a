#include "tools/capture/latency_summary.hpp"

#include <algorithm>

namespace vtb::capture {

namespace {

// `per_100k`: the percentile in thousandths of a percent (99.9 % is 99,900), so that the rank,
// ceil(p * n / 100), is computed exactly.
Nanos nearest_rank(const std::vector<Nanos>& sorted, std::uint64_t per_100k) {
  const std::uint64_t n = sorted.size();
  const std::uint64_t rank = std::max<std::uint64_t>(1, (per_100k * n + 99'999) / 100'000);
  return sorted[rank - 1];
}

}  // namespace

LatencySummary summarize(std::vector<Nanos> latencies) {
  LatencySummary s;
  s.count = latencies.size();
  if (latencies.empty()) return s;
  std::sort(latencies.begin(), latencies.end());
  s.min = latencies.front();
  s.max = latencies.back();
  s.p50 = nearest_rank(latencies, 50'000);
  s.p90 = nearest_rank(latencies, 90'000);
  s.p99 = nearest_rank(latencies, 99'000);
  s.p999 = nearest_rank(latencies, 99'900);
  return s;
}

}  // namespace vtb::capture
