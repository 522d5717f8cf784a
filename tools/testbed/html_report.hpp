#pragma once
// The HTML report of `testbed analyze`: one self-contained page (no scripts, no external files)
// with the figures and, for each latency measured, a histogram and a CDF drawn as inline SVG on a
// logarithmic time axis.

#include <ostream>
#include <string>

#include "tools/capture/tick_to_trade.hpp"

namespace vtb::tools {

struct ReportHeading {
  std::string capture;
  std::string timestamp_source;
};

void write_html_report(const ReportHeading& heading, const capture::TickToTradeResult& result,
                       std::ostream& out);

}  // namespace vtb::tools
