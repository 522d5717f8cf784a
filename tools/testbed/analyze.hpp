#pragma once
// `testbed analyze FILE [--json OUT] [--html OUT]`: wire tick-to-trade and the venue's latencies
// from a capture (tools/capture/tick_to_trade.hpp), printed, and written as JSON and HTML on
// request.

#include <optional>
#include <ostream>
#include <string>

#include "tools/capture/correlation.hpp"
#include "tools/capture/fix_flows.hpp"

namespace vtb::tools {

struct AnalyzeOptions {
  std::string capture;
  std::string json;  // empty: none
  std::string html;  // empty: none
  // How the capture was timestamped, for the report. Unset: as recorded beside captures made by
  // `testbed capture` (FILE.meta.json), else unknown.
  std::optional<std::string> timestamp_source;
  capture::CorrelationOptions correlation;
  capture::FixTime order_time = capture::FixTime::FirstByte;  // --order-time
};

int run_analyze(const AnalyzeOptions& options, std::ostream& out);

}  // namespace vtb::tools
