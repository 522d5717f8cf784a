#include "common/stats/latency_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace vtb {

std::int64_t LatencyHistogram::upper_edge(int index) {
  if (index < kLinearLimit) return index;
  const int group = (index - kLinearLimit) / kSubBuckets;  // msb - 7
  const int sub = (index - kLinearLimit) % kSubBuckets;
  const int shift = group + 1;
  const std::int64_t low = static_cast<std::int64_t>(kSubBuckets + sub) << shift;
  return low + (std::int64_t{1} << shift) - 1;
}

std::int64_t LatencyHistogram::percentile(double q) const {
  if (count_ == 0) return 0;
  q = std::clamp(q, 0.0, 1.0);
  auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
  rank = std::max<std::uint64_t>(rank, 1);
  std::uint64_t seen = 0;
  for (int i = 0; i < kBucketCount; ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::clamp(upper_edge(i), min_, max_);
  }
  return max_;
}

std::uint64_t LatencyHistogram::count_at_or_below(std::int64_t bound) const {
  if (count_ == 0 || bound < min_) return 0;
  if (bound >= max_) return count_;
  std::uint64_t seen = 0;
  for (int i = 0; i < kBucketCount && upper_edge(i) <= bound; ++i)
    seen += counts_[i];
  return seen;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  sum_ += other.sum_;
  for (int i = 0; i < kBucketCount; ++i)
    counts_[i] += other.counts_[i];
  min_ = count_ == 0 ? other.min_ : std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  count_ += other.count_;
}

}  // namespace vtb
