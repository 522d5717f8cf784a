#pragma once
// Fixed-size log-linear latency histogram (HdrHistogram's bucketing idea): recording is a few
// integer ops and never allocates, so it can sit on a hot path. Values below 128 are exact; above,
// each power of two is split in 64 buckets, so the relative error is below 1/64 (~1.6%). Values up
// to 2^40 ns (~18 min) are tracked; larger ones land in the last bucket (max stays exact).

#include <array>
#include <bit>
#include <cstdint>

namespace vtb {

class LatencyHistogram {
 public:
  void record(std::int64_t value) {
    if (value < 0) value = 0;
    counts_[index_of(static_cast<std::uint64_t>(value))] += 1;
    if (count_ == 0 || value < min_) min_ = value;
    if (value > max_) max_ = value;
    ++count_;
    sum_ += value;
  }

  std::uint64_t count() const { return count_; }
  std::int64_t min() const { return min_; }
  std::int64_t max() const { return max_; }
  std::int64_t sum() const { return sum_; }

  // Values at or below `bound`, to the histogram's resolution: a bucket counts when its upper
  // edge is at or below `bound` (for cumulative buckets, as Prometheus exposes them).
  std::uint64_t count_at_or_below(std::int64_t bound) const;

  // Value at quantile q in [0, 1]: the upper edge of the bucket holding the ceil(q*count)-th value,
  // clamped to [min, max] so that p0 and p100 are exact and no percentile exceeds what was seen.
  std::int64_t percentile(double q) const;

  void merge(const LatencyHistogram& other);

  // f(upper edge, count) for each bucket holding values, in increasing order: the distribution
  // itself, for reports that draw it.
  template <class F>
  void for_each_bucket(F&& f) const {
    for (int i = 0; i < kBucketCount; ++i)
      if (counts_[i] != 0) f(upper_edge(i), counts_[i]);
  }

 private:
  static constexpr int kLinearLimit = 128;  // exact below this
  static constexpr int kSubBuckets = 64;    // per power of two above it
  static constexpr int kMaxBits = 40;
  static constexpr int kBucketCount = kLinearLimit + (kMaxBits - 7) * kSubBuckets;

  static int index_of(std::uint64_t v) {
    if (v < kLinearLimit) return static_cast<int>(v);
    const std::uint64_t top = (std::uint64_t{1} << kMaxBits) - 1;
    if (v > top) v = top;
    const int msb = 63 - std::countl_zero(v);  // >= 7
    const int shift = msb - 6;                 // v >> shift is in [64, 127]
    return kLinearLimit + (msb - 7) * kSubBuckets + static_cast<int>((v >> shift) - kSubBuckets);
  }
  static std::int64_t upper_edge(int index);

  std::array<std::uint64_t, kBucketCount> counts_{};
  std::uint64_t count_ = 0;
  std::int64_t min_ = 0;
  std::int64_t max_ = 0;
  std::int64_t sum_ = 0;
};

}  // namespace vtb
