#pragma once
// `testbed capture`: a nanosecond pcap of an interface, and/or tick-to-trade metrics served live
// for Prometheus while it captures (live_metrics.hpp).

#include <atomic>
#include <optional>
#include <ostream>
#include <string>

#include "tools/capture/correlation.hpp"
#include "tools/capture/fix_flows.hpp"
#include "tools/capture/live_capture.hpp"

namespace vtb::tools {

struct MetricsEndpoint {
  std::string address = "127.0.0.1";
  int port = 0;  // 0: any free one
};

struct CaptureCommandOptions {
  capture::LiveCaptureOptions capture;     // capture.out empty: no file (metrics only)
  std::optional<MetricsEndpoint> metrics;  // unset: no live analysis
  capture::CorrelationOptions correlation;
  capture::FixTime order_time = capture::FixTime::FirstByte;
};

// Captures until `stop` or the duration; prints what it captured (`out`) and the capture's
// progress (`err`). Returns the exit code.
int run_capture(const CaptureCommandOptions& options, const std::atomic<bool>& stop,
                std::ostream& out, std::ostream& err);

}  // namespace vtb::tools
