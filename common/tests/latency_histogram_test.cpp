#include "common/stats/latency_histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace vtb {
namespace {

TEST(LatencyHistogram, EmptyReportsZero) {
  LatencyHistogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.percentile(0.5), 0);
}

TEST(LatencyHistogram, SmallValuesAreExact) {
  LatencyHistogram h;
  for (int v = 1; v <= 100; ++v)
    h.record(v);
  EXPECT_EQ(h.min(), 1);
  EXPECT_EQ(h.max(), 100);
  EXPECT_EQ(h.percentile(0.5), 50);
  EXPECT_EQ(h.percentile(0.99), 99);
  EXPECT_EQ(h.percentile(1.0), 100);
}

TEST(LatencyHistogram, PercentilesStayWithinTheRelativeErrorOfSortedTruth) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> dist(8.0, 1.5);  // ~3 µs median, long tail
  std::vector<std::int64_t> values;
  LatencyHistogram h;
  for (int i = 0; i < 100'000; ++i) {
    const auto v = static_cast<std::int64_t>(dist(rng));
    values.push_back(v);
    h.record(v);
  }
  std::sort(values.begin(), values.end());
  for (double q : {0.5, 0.9, 0.99, 0.999}) {
    const auto rank = static_cast<std::size_t>(std::ceil(q * values.size())) - 1;
    const double truth = static_cast<double>(values[rank]);
    const double got = static_cast<double>(h.percentile(q));
    EXPECT_GE(got, truth) << q;  // bucket upper edge, never below the true value
    EXPECT_LE(got, truth * (1.0 + 1.0 / 64) + 1) << q;
  }
  EXPECT_EQ(h.max(), values.back());
  EXPECT_EQ(h.min(), values.front());
}

TEST(LatencyHistogram, HugeValuesClampButMaxStaysExact) {
  LatencyHistogram h;
  h.record(std::int64_t{1} << 50);
  EXPECT_EQ(h.max(), std::int64_t{1} << 50);
  EXPECT_EQ(h.percentile(1.0), std::int64_t{1} << 50);
}

TEST(LatencyHistogram, MergeAddsCounts) {
  LatencyHistogram a, b;
  a.record(10);
  b.record(1000);
  b.record(5);
  a.merge(b);
  EXPECT_EQ(a.count(), 3u);
  EXPECT_EQ(a.min(), 5);
  EXPECT_EQ(a.max(), 1000);
}

}  // namespace
}  // namespace vtb

namespace vtb {
namespace {

TEST(LatencyHistogram, CumulativeCountsAndSumForPrometheus) {
  LatencyHistogram h;
  for (const std::int64_t v : {50, 100, 100, 1'000, 10'000, 100'000})
    h.record(v);
  EXPECT_EQ(h.sum(), 111'250);
  EXPECT_EQ(h.count_at_or_below(49), 0u);
  EXPECT_EQ(h.count_at_or_below(50), 1u);   // exact below 128
  EXPECT_EQ(h.count_at_or_below(100), 3u);
  EXPECT_EQ(h.count_at_or_below(999), 3u);  // 1,000 is in a bucket reaching past 999
  EXPECT_EQ(h.count_at_or_below(1'020), 4u);
  EXPECT_EQ(h.count_at_or_below(100'000), 6u);  // the max: everything
  LatencyHistogram other;
  other.record(7);
  h.merge(other);
  EXPECT_EQ(h.sum(), 111'257);
}

}  // namespace
}  // namespace vtb
