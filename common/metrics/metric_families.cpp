#include "common/metrics/metric_families.hpp"

#include <limits>

namespace vtb::metrics {

Family& Family::add(double value, Labels labels) {
  prometheus::ClientMetric m;
  m.label = std::move(labels);
  if (family_.type == prometheus::MetricType::Counter) {
    m.counter.value = value;
  } else {
    m.gauge.value = value;
  }
  family_.metric.push_back(std::move(m));
  return *this;
}

prometheus::MetricFamily scalar(std::string name, std::string help, prometheus::MetricType type,
                                double value) {
  return Family(std::move(name), std::move(help), type).add(value).take();
}

prometheus::ClientMetric histogram(const LatencyHistogram& h,
                                   std::span<const std::int64_t> bounds_ns, Labels labels) {
  prometheus::ClientMetric m;
  m.label = std::move(labels);
  m.histogram.sample_count = h.count();
  m.histogram.sample_sum = static_cast<double>(h.sum()) / 1e9;
  for (const std::int64_t bound : bounds_ns)
    m.histogram.bucket.push_back({h.count_at_or_below(bound), static_cast<double>(bound) / 1e9});
  m.histogram.bucket.push_back({h.count(), std::numeric_limits<double>::infinity()});
  return m;
}

}  // namespace vtb::metrics
