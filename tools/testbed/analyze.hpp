#pragma once
// `testbed analyze FILE.pcap [--json OUT.json]`: wire tick-to-trade from a capture
// (common/capture/tick_to_trade.hpp), printed and optionally written as JSON.

#include <ostream>
#include <string>

namespace vtb::tools {

struct AnalyzeOptions {
  std::string capture;
  std::string json;  // empty: none
  // Recorded beside captures made by `testbed capture` (FILE.meta.json); else unknown.
  std::string timestamp_source = "unknown (not recorded with the capture)";
};

int run_analyze(const AnalyzeOptions& options, std::ostream& out);

}  // namespace vtb::tools
