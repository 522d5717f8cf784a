#pragma once
// Building prometheus-cpp metric families by hand, for collectors that read a snapshot the hot
// thread published (engine/metrics, simulator/metrics): counters and gauges with labels, and a
// LatencyHistogram (nanoseconds) as a Prometheus histogram in seconds.

#include <prometheus/metric_family.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/stats/latency_histogram.hpp"

namespace vtb::metrics {

using Labels = std::vector<prometheus::ClientMetric::Label>;

// One family of counters or gauges; add() a sample for each label set.
class Family {
 public:
  Family(std::string name, std::string help, prometheus::MetricType type)
      : family_{std::move(name), std::move(help), type, {}} {}
  Family& add(double value, Labels labels = {});
  prometheus::MetricFamily take() { return std::move(family_); }

 private:
  prometheus::MetricFamily family_;
};

// A counter or gauge family of one unlabelled sample.
prometheus::MetricFamily scalar(std::string name, std::string help, prometheus::MetricType type,
                                double value);

// `h` with cumulative buckets at `bounds_ns` and +Inf, in seconds.
prometheus::ClientMetric histogram(const LatencyHistogram& h,
                                   std::span<const std::int64_t> bounds_ns, Labels labels = {});

}  // namespace vtb::metrics
