#pragma once
// `testbed analyze FILE [--json OUT] [--html OUT]`: wire tick-to-trade and the venue's latencies
// from a capture (tools/capture/tick_to_trade.hpp), printed, and written as JSON and HTML on
// request.

#include <ostream>
#include <string>

#include "tools/capture/correlation.hpp"
#include "tools/capture/fix_flows.hpp"

namespace vtb::tools {

struct AnalyzeOptions {
  std::string capture;
  std::string json;  // empty: none
  std::string html;  // empty: none
  // Recorded beside captures made by `testbed capture` (FILE.meta.json); else unknown.
  std::string timestamp_source = "unknown (not recorded with the capture)";
  capture::CorrelationOptions correlation;
  capture::FixTime order_time = capture::FixTime::FirstByte;  // --order-time
};

int run_analyze(const AnalyzeOptions& options, std::ostream& out);

}  // namespace vtb::tools
