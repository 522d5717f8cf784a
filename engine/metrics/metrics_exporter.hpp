#pragma once
// The engine's Prometheus endpoint (http://ADDRESS:PORT/metrics, 9302 by convention): its latency
// histograms (in seconds) and counters, as of the last snapshot.
//
// The hot thread never waits for it. It copies its figures into the exporter's snapshot in its
// idle turns, one part per turn (a histogram is ~18 KB, a couple of microseconds to copy), about
// once a second, with a try_lock: if a scrape is reading the snapshot at that moment, the copy
// waits for a later turn. The HTTP server's own threads (prometheus-cpp's) do the rest.

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "common/metrics/endpoint.hpp"
#include "common/stats/latency_histogram.hpp"
#include "engine/engine_stats.hpp"
#include "engine/risk/risk_limits.hpp"

namespace vtb::engine {

// Counters and gauges, as the hot thread last saw them.
struct EngineCounters {
  EngineStats engine;
  RiskStats risk;
  bool killed = false;
  std::uint64_t open_orders = 0;
  std::uint64_t feed_packets = 0, feed_messages = 0, feed_gaps = 0, feed_lost_messages = 0;
};

class MetricsExporter {
 public:
  enum Latency : std::size_t { TickToTrade, TickToDecision, DecisionToSend, FromRxTimestamp };
  static constexpr std::size_t kLatencies = 4;

  // Listens on `address:port` (0: any free port). Throws std::runtime_error naming the address
  // when it cannot. `clock` labels the internal latencies ("tsc"), `rx_source` the one from the
  // receive timestamp.
  MetricsExporter(const std::string& address, int port, const std::string& clock);
  ~MetricsExporter();
  MetricsExporter(const MetricsExporter&) = delete;
  MetricsExporter& operator=(const MetricsExporter&) = delete;

  int port() const;  // the one listened on

  // The hot thread's side. Never blocks: false when a scrape holds the snapshot. `source` must
  // outlive the exporter (a string literal).
  bool try_publish(const EngineCounters& counters);
  bool try_publish(Latency which, const LatencyHistogram& histogram, const char* source = nullptr);

 private:
  class Collector;
  std::shared_ptr<Collector> collector_;
  metrics::Endpoint endpoint_;
};

}  // namespace vtb::engine
