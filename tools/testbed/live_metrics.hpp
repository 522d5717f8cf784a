#pragma once
// `testbed capture --metrics-port P`: the capture analyzed as it happens, its latencies exposed as
// Prometheus histograms (in seconds, Prometheus's base unit) on http://ADDRESS:P/metrics:
//
//   vtb_tick_to_trade_seconds               trigger to order, on the wire
//   vtb_venue_order_to_ack_seconds          order to the venue's first answer
//   vtb_venue_order_to_market_data_seconds  order to the first feed message reflecting it
//   vtb_orders_unmatched_total, vtb_capture_frames_total
//
// Every metric carries the capture's interface and timestamp source as labels.

#include <atomic>
#include <memory>
#include <ostream>
#include <string>

#include "common/metrics/endpoint.hpp"
#include "tools/capture/live_capture.hpp"
#include "tools/capture/tick_to_trade.hpp"

namespace prometheus {
class Counter;
class Histogram;
class Registry;
}  // namespace prometheus

namespace vtb::tools {

class LiveMetrics final : public capture::TickToTradeAnalyzer::Listener {
 public:
  // Listens on `address:port` (port 0: any free one). Throws std::runtime_error naming the
  // address when it cannot.
  LiveMetrics(const std::string& address, int port, const std::string& interface,
              const std::string& timestamp_source, capture::FixTime order_time);
  ~LiveMetrics() override;

  int port() const;  // the one listened on
  void on_frame();

  void on_tick_to_trade(Nanos latency) override;
  void on_unmatched_order() override;
  void on_order_to_ack(Nanos latency) override;
  void on_order_to_market_data(Nanos latency) override;

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  metrics::Endpoint endpoint_;
  prometheus::Histogram* tick_to_trade_;
  prometheus::Histogram* order_to_ack_;
  prometheus::Histogram* order_to_market_data_;
  prometheus::Counter* unmatched_;
  prometheus::Counter* frames_;
};

// Captures (to a file too, if `capture.out` is set) until `stop` or the duration, serving the
// metrics meanwhile; prints the metrics address once listening, then a summary.
int run_live_metrics(const capture::LiveCaptureOptions& capture,
                     const capture::CorrelationOptions& correlation, capture::FixTime order_time,
                     const std::string& address, int port, const std::atomic<bool>& stop,
                     std::ostream& out);

}  // namespace vtb::tools
