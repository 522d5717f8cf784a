#include "tools/testbed/analyze.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "common/capture/pcap_file.hpp"
#include "common/capture/tick_to_trade.hpp"

namespace vtb::tools {

int run_analyze(const AnalyzeOptions& options, std::ostream& out) {
  capture::PcapReader reader(options.capture);
  capture::TickToTradeAnalyzer analyzer;
  while (const auto frame = reader.next())
    analyzer.on_frame(reader.link_type(), *frame);
  const capture::TickToTradeResult r = analyzer.finish();
  const capture::LatencySummary& s = r.summary;

  out << "capture      " << options.capture << ": " << r.frames << " frames, timestamps "
      << options.timestamp_source << "\n"
      << "feed         " << r.feed_packets << " packets, " << r.feed_messages << " messages\n"
      << "fix          " << r.fix_messages << " messages, " << r.orders << " orders, "
      << r.garbled_fix << " garbled\n"
      << "tick-to-trade " << r.matched << " matched, " << r.unmatched << " unmatched";
  if (s.count != 0) {
    out << "; min " << s.min << " ns, p50 " << s.p50 << ", p90 " << s.p90 << ", p99 " << s.p99
        << ", p99.9 " << s.p999 << ", max " << s.max;
  }
  out << "\n";

  if (!options.json.empty()) {
    const nlohmann::json report = {
        {"capture", options.capture},
        {"timestamp_source", options.timestamp_source},
        {"frames", r.frames},
        {"feed_messages", r.feed_messages},
        {"orders", r.orders},
        {"matched", r.matched},
        {"unmatched", r.unmatched},
        {"min_ns", s.min},
        {"p50_ns", s.p50},
        {"p90_ns", s.p90},
        {"p99_ns", s.p99},
        {"p999_ns", s.p999},
        {"max_ns", s.max},
        {"definition",
         "order's TCP segment (its last byte) minus the first arrival of the MoldUDP64 message "
         "its ClOrdID names"}};
    std::ofstream file(options.json);
    if (!(file << report.dump(2) << "\n"))
      throw std::runtime_error(options.json + ": cannot write");
  }
  return 0;
}

}  // namespace vtb::tools
