#include "tools/testbed/analyze.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "tools/capture/live_capture.hpp"
#include "tools/capture/pcap_file.hpp"
#include "tools/capture/tick_to_trade.hpp"
#include "tools/testbed/html_report.hpp"

namespace vtb::tools {

namespace {

void print(std::ostream& out, const char* name, const capture::LatencySummary& s) {
  out << name;
  if (s.count == 0) {
    out << " none\n";
    return;
  }
  out << " " << s.count << ": min " << s.min << " ns, p50 " << s.p50 << ", p90 " << s.p90
      << ", p99 " << s.p99 << ", p99.9 " << s.p999 << ", max " << s.max << "\n";
}

nlohmann::json to_json(const capture::LatencySummary& s) {
  return {{"count", s.count}, {"min_ns", s.min},   {"p50_ns", s.p50}, {"p90_ns", s.p90},
          {"p99_ns", s.p99},  {"p999_ns", s.p999}, {"max_ns", s.max}};
}

template <class Write>
void write_file(const std::string& path, Write&& write) {
  std::ofstream file(path);
  write(file);
  if (!file.flush()) throw std::runtime_error(path + ": cannot write");
}

std::string timestamp_source_of(const AnalyzeOptions& options) {
  if (options.timestamp_source) return *options.timestamp_source;
  const std::string recorded = capture::recorded_timestamp_source(options.capture);
  return recorded.empty() ? "unknown (not recorded with the capture)" : recorded;
}

}  // namespace

int run_analyze(const AnalyzeOptions& options, std::ostream& out) {
  const std::string timestamp_source = timestamp_source_of(options);
  capture::TickToTradeAnalyzer analyzer(options.correlation, options.order_time);
  capture::PcapReader reader(options.capture);
  while (const auto frame = reader.next())
    analyzer.on_frame(reader.link_type(), *frame);
  const capture::TickToTradeResult r = analyzer.finish();
  const capture::LatencySummary& s = r.summary;

  out << "capture       " << options.capture << ": " << r.frames << " frames, timestamps "
      << timestamp_source << "\n"
      << "feed          " << r.feed_packets << " packets, " << r.feed_messages << " messages\n"
      << "fix           " << r.fix_messages << " messages, " << r.orders << " orders, "
      << r.garbled_fix << " garbled; " << r.other_tcp_flows << " other TCP flows ignored\n"
      << "matching      " << r.correlation << "\n"
      << "definition    " << capture::describe_tick_to_trade(r.order_time) << "; venue times at "
      << capture::describe_fix_time(r.order_time) << "\n"
      << "tick-to-trade " << r.matched << " matched, " << r.unmatched << " unmatched\n";
  print(out, "  latency    ", s);
  out << "venue         " << r.venue.requests << " requests, " << r.venue.unanswered
      << " unanswered; " << r.venue.new_orders << " new orders, " << r.venue.not_on_feed
      << " never on the feed\n";
  print(out, "  order->ack ", r.venue.ack);
  print(out, "  order->feed", r.venue.market_data);

  if (!options.json.empty()) {
    nlohmann::json report = {
        {"capture", options.capture},
        {"timestamp_source", timestamp_source},
        {"correlation", r.correlation},
        {"frames", r.frames},
        {"feed_messages", r.feed_messages},
        {"fix_messages", r.fix_messages},
        {"garbled_fix", r.garbled_fix},
        {"other_tcp_flows", r.other_tcp_flows},
        {"orders", r.orders},
        {"matched", r.matched},
        {"unmatched", r.unmatched},
        {"order_time", capture::fix_time_name(r.order_time)},
        {"definition", capture::describe_tick_to_trade(r.order_time)},
        {"venue",
         {{"requests", r.venue.requests},
          {"unanswered", r.venue.unanswered},
          {"new_orders", r.venue.new_orders},
          {"not_on_feed", r.venue.not_on_feed},
          {"definition", "each FIX message timed at " + capture::describe_fix_time(r.order_time)},
          {"order_to_ack", to_json(r.venue.ack)},
          {"order_to_market_data", to_json(r.venue.market_data)}}}};
    report.update(to_json(s));  // the tick-to-trade figures at the top level
    report.erase("count");
    write_file(options.json, [&](std::ostream& file) { file << report.dump(2) << "\n"; });
  }
  if (!options.html.empty()) {
    write_file(options.html, [&](std::ostream& file) {
      write_html_report({options.capture, timestamp_source}, r, file);
    });
  }
  return 0;
}

}  // namespace vtb::tools
