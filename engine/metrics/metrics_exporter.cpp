#include "engine/metrics/metrics_exporter.hpp"

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include "common/metrics/metric_families.hpp"

#include <mutex>
#include <vector>

namespace vtb::engine {

namespace {

// 100 ns to 100 µs in 1-2-5 steps, then 1 ms: an engine's internal latency is sub-microsecond,
// and its tail is what a histogram is for.
constexpr std::array<std::int64_t, 11> kBucketsNs = {
    100, 200, 500, 1'000, 2'000, 5'000, 10'000, 20'000, 50'000, 100'000, 1'000'000};

struct LatencyMetric {
  const char* name;
  const char* help;
};
constexpr std::array<LatencyMetric, MetricsExporter::kLatencies> kLatencyMetrics = {{
    {"vtb_engine_tick_to_trade_seconds",
     "recv() returned the triggering packet -> send() of the order is called"},
    {"vtb_engine_tick_to_decision_seconds",
     "recv() returned the triggering packet -> the order is decided and passed risk"},
    {"vtb_engine_decision_to_send_seconds", "the order is decided -> send() is called"},
    {"vtb_engine_tick_to_trade_from_rx_timestamp_seconds",
     "the kernel's (or NIC's) receive timestamp -> send() of the order is called"},
}};

}  // namespace

class MetricsExporter::Collector : public prometheus::Collectable {
 public:
  explicit Collector(std::string clock) : clock_(std::move(clock)) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    // Copies out under the lock, builds the answer outside it: the hot thread's try_lock fails
    // only for the copy.
    EngineCounters c;
    // On the heap: ~72 KB, and the HTTP server's threads have small stacks.
    const auto copies = std::make_unique<std::array<LatencyHistogram, kLatencies>>();
    auto& latencies = *copies;
    std::array<const char*, kLatencies> sources;
    {
      std::lock_guard lock(mutex_);
      c = counters_;
      latencies = latencies_;
      sources = sources_;
    }
    std::vector<prometheus::MetricFamily> out;
    for (std::size_t i = 0; i < kLatencies; ++i) {
      const prometheus::ClientMetric m =
          metrics::histogram(latencies[i], kBucketsNs,
                             {{i == FromRxTimestamp ? "source" : "clock",
                               i == FromRxTimestamp ? sources[i] : clock_}});
      out.push_back({kLatencyMetrics[i].name,
                     kLatencyMetrics[i].help,
                     prometheus::MetricType::Histogram,
                     {m}});
    }
    using prometheus::MetricType;
    const auto counter = [&](const char* name, const char* help, double value) {
      out.push_back(metrics::scalar(name, help, MetricType::Counter, value));
    };
    const auto gauge = [&](const char* name, const char* help, double value) {
      out.push_back(metrics::scalar(name, help, MetricType::Gauge, value));
    };
    counter("vtb_engine_orders_sent_total", "NewOrderSingle messages sent", c.engine.orders_sent);
    counter("vtb_engine_replaces_sent_total", "OrderCancelReplaceRequests sent (market maker)",
            c.engine.replaces_sent);
    counter("vtb_engine_cancels_sent_total", "OrderCancelRequests sent (market maker)",
            c.engine.cancels_sent);
    counter("vtb_engine_orders_acknowledged_total", "ExecutionReports with ExecType New",
            c.engine.acknowledged);
    counter("vtb_engine_fills_total", "ExecutionReports with ExecType Trade", c.engine.fills);
    counter("vtb_engine_filled_quantity_total", "Quantity filled", c.engine.filled_quantity);
    counter("vtb_engine_orders_rejected_total", "ExecutionReports with ExecType Rejected",
            c.engine.rejected);
    counter("vtb_engine_session_rejects_total", "Session-level Rejects (35=3) received",
            c.engine.session_rejects);
    counter("vtb_engine_business_rejects_total", "BusinessMessageRejects (35=j) received",
            c.engine.business_rejects);
    counter("vtb_engine_orders_unanswered_total", "Orders given up on without an answer",
            c.engine.orders_unanswered);
    counter("vtb_engine_triggers_skipped_for_gap_total",
            "Triggers ignored while the feed had an unrecovered gap", c.engine.skipped_gap);
    counter("vtb_engine_orders_skipped_while_halted_total",
            "New orders and replaces not sent while the instrument was halted",
            c.engine.skipped_halted);
    gauge("vtb_engine_position", "Net position (fills)", static_cast<double>(c.engine.position));
    gauge("vtb_engine_open_orders", "Orders without a final report", c.open_orders);
    gauge("vtb_engine_kill_switch", "1 once the kill switch has tripped", c.killed ? 1 : 0);
    metrics::Family refused("vtb_engine_risk_refused_total",
                            "Orders the risk checks refused, by reason", MetricType::Counter);
    for (const auto& [reason, value] :
         {std::pair{"kill_switch", c.risk.killed}, std::pair{"position", c.risk.position},
          std::pair{"rate", c.risk.rate}, std::pair{"open_orders", c.risk.open_orders},
          std::pair{"collar", c.risk.collar}})
      refused.add(static_cast<double>(value), {{"reason", reason}});
    out.push_back(refused.take());
    counter("vtb_engine_feed_packets_total", "Feed packets received (A and B)", c.feed_packets);
    counter("vtb_engine_feed_messages_total", "Feed messages applied", c.feed_messages);
    counter("vtb_engine_feed_gaps_total", "Gaps seen in the feed", c.feed_gaps);
    counter("vtb_engine_feed_lost_messages_total", "Messages given up on", c.feed_lost_messages);
    return out;
  }

  bool try_publish(const EngineCounters& counters) {
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock) return false;
    counters_ = counters;
    return true;
  }
  bool try_publish(Latency which, const LatencyHistogram& histogram, const char* source) {
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock) return false;
    latencies_[which] = histogram;
    if (source) sources_[which] = source;
    return true;
  }

 private:
  const std::string clock_;
  mutable std::mutex mutex_;
  EngineCounters counters_;
  std::array<LatencyHistogram, kLatencies> latencies_;
  std::array<const char*, kLatencies> sources_{"none", "none", "none", "none"};
};

MetricsExporter::MetricsExporter(const std::string& address, int port, const std::string& clock)
    : collector_(std::make_shared<Collector>(clock)), endpoint_(address, port) {
  endpoint_.serve(collector_);
}

MetricsExporter::~MetricsExporter() = default;

int MetricsExporter::port() const {
  return endpoint_.port();
}

bool MetricsExporter::try_publish(const EngineCounters& counters) {
  return collector_->try_publish(counters);
}

bool MetricsExporter::try_publish(Latency which, const LatencyHistogram& histogram,
                                  const char* source) {
  return collector_->try_publish(which, histogram, source);
}

}  // namespace vtb::engine
