#include "tools/testbed/live_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <iostream>
#include <stdexcept>

namespace vtb::tools {

namespace {

// 1 µs to 10 ms in 1-2-5 steps: loopback tick-to-trade is tens of µs, a NIC's a few.
prometheus::Histogram::BucketBoundaries latency_buckets() {
  prometheus::Histogram::BucketBoundaries b;
  for (const double us : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000})
    b.push_back(us / 1e6);
  return b;
}

double seconds(Nanos ns) {
  return static_cast<double>(ns) / 1e9;
}

}  // namespace

LiveMetrics::LiveMetrics(const std::string& address, int port, const std::string& interface,
                         const std::string& timestamp_source, capture::FixTime order_time)
    : registry_(std::make_shared<prometheus::Registry>()), endpoint_(address, port) {
  const prometheus::Labels labels{{"interface", interface},
                                  {"timestamp_source", timestamp_source},
                                  {"order_time", capture::fix_time_name(order_time)}};
  const auto histogram = [&](const std::string& name, const std::string& help) {
    return &prometheus::BuildHistogram()
                .Name(name)
                .Help(help)
                .Register(*registry_)
                .Add(labels, latency_buckets());
  };
  tick_to_trade_ =
      histogram("vtb_tick_to_trade_seconds",
                "Tick-to-trade on the wire: " + capture::describe_tick_to_trade(order_time));
  order_to_ack_ = histogram("vtb_venue_order_to_ack_seconds",
                            "Order, cancel or replace to the venue's first report, on the wire, "
                            "each timed at " +
                                capture::describe_fix_time(order_time));
  order_to_market_data_ = histogram("vtb_venue_order_to_market_data_seconds",
                                    "New order to the first feed message reflecting it");
  unmatched_ = &prometheus::BuildCounter()
                    .Name("vtb_orders_unmatched_total")
                    .Help("Orders with no trigger in the capture")
                    .Register(*registry_)
                    .Add(labels);
  frames_ = &prometheus::BuildCounter()
                 .Name("vtb_capture_frames_total")
                 .Help("Frames captured")
                 .Register(*registry_)
                 .Add(labels);
  endpoint_.serve(registry_);
}

LiveMetrics::~LiveMetrics() = default;

int LiveMetrics::port() const {
  return endpoint_.port();
}

void LiveMetrics::on_frame() {
  frames_->Increment();
}
void LiveMetrics::on_tick_to_trade(Nanos latency) {
  tick_to_trade_->Observe(seconds(latency));
}
void LiveMetrics::on_unmatched_order() {
  unmatched_->Increment();
}
void LiveMetrics::on_order_to_ack(Nanos latency) {
  order_to_ack_->Observe(seconds(latency));
}
void LiveMetrics::on_order_to_market_data(Nanos latency) {
  order_to_market_data_->Observe(seconds(latency));
}

int run_live_metrics(const capture::LiveCaptureOptions& capture,
                     const capture::CorrelationOptions& correlation, capture::FixTime order_time,
                     const std::string& address, int port, const std::atomic<bool>& stop,
                     std::ostream& out) {
  capture::TickToTradeAnalyzer analyzer(correlation, order_time);
  analyzer.set_streaming();
  std::unique_ptr<LiveMetrics> metrics;
  const auto started = [&](const std::string& timestamp_source) {
    metrics = std::make_unique<LiveMetrics>(address, port, capture.interface, timestamp_source,
                                            order_time);
    analyzer.set_listener(metrics.get());
    out << "metrics: http://" << address << ":" << metrics->port() << "/metrics" << std::endl;
  };
  const auto on_frame = [&](int link_type, const capture::Frame& frame) {
    metrics->on_frame();
    analyzer.on_frame(link_type, frame);
  };
  const auto r = capture::capture_live(capture, stop, std::cerr, on_frame, started);
  const capture::TickToTradeResult t = analyzer.finish();
  out << "capture: " << r.frames << " frames, " << r.dropped << " dropped, timestamps "
      << r.timestamp_source << "; " << t.orders << " orders, " << t.matched << " matched, "
      << t.unmatched << " unmatched (latencies: the metrics)" << std::endl;
  return 0;
}

}  // namespace vtb::tools
