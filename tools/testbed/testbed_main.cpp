// testbed: the test bed's tools, one subcommand each.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>

#include "common/app/main_support.hpp"
#include "tools/capture/live_capture.hpp"
#include "tools/testbed/analyze.hpp"
#include "tools/testbed/conform/runner.hpp"
#include "tools/testbed/feed_dump.hpp"
#include "tools/testbed/fix_validate.hpp"
#include "tools/testbed/live_metrics.hpp"
#include "tools/testbed/replay.hpp"

namespace {
std::atomic<bool> g_stop_capture{false};
void stop_capture(int) {
  g_stop_capture = true;
}
// How orders are matched with their triggers and timed: shared by analyze and capture
// --metrics-port.
void add_correlation_options(CLI::App* app, vtb::capture::CorrelationOptions& options,
                             double& window_us, vtb::capture::FixTime& order_time) {
  app->add_option("--order-time", order_time,
                  "which byte of a FIX message times it: first-byte (STAC's tick-to-trade: the "
                  "order starts to leave) or last-byte (all of it on the wire); the venue's "
                  "latencies too")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, vtb::capture::FixTime>{
              {"first-byte", vtb::capture::FixTime::FirstByte},
              {"last-byte", vtb::capture::FixTime::LastByte}},
          CLI::ignore_case))
      ->default_str("first-byte");
  app->add_option("--tag", options.tag, "the order field naming the trigger's sequence number")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  auto* regex_option =
      app->add_option("--regex", options.regex,
                      "how the field names it: the first group (or the match) is the number "
                      "(default: the ClOrdID convention, digits then '-' or the end)");
  auto* window_option = app->add_option(
      "--window-us", window_us,
      "for engines that do not tag: match each order with the latest trigger at most this many "
      "µs before it (each trigger once)");
  window_option->check(CLI::PositiveNumber)->excludes(regex_option);
  app->add_option("--trigger-types", options.trigger_types,
                  "with --window-us: the ITCH message types that count as triggers")
      ->needs(window_option)
      ->capture_default_str();
  app->add_option("--trigger-symbol", options.trigger_symbol,
                  "with --window-us: only this instrument's messages count as triggers")
      ->needs(window_option);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"testbed: tools for the venue test bed"};
  app.require_subcommand(1);

  vtb::tools::FeedDumpOptions feed;
  auto* feed_cmd = app.add_subcommand("feed", "print a MoldUDP64/ITCH 5.0 multicast feed, decoded");
  feed_cmd->add_option("--group", feed.group, "multicast group:port")->capture_default_str();
  feed_cmd->add_option("--interface", feed.interface, "IPv4 address of the interface to join on")
      ->capture_default_str();
  feed_cmd->add_option("--count", feed.max_messages, "stop after this many messages (0: no limit)");
  feed_cmd->add_option("--timeout", feed.timeout_s, "give up after this many seconds (0: never)");

  vtb::tools::FixValidateOptions validate;
  auto* validate_cmd = app.add_subcommand(
      "fix-validate", "check FIX message logs with QuickFIX against a data dictionary");
  validate_cmd->add_option("--dictionary", validate.dictionary, "QuickFIX-format XML dictionary")
      ->required()
      ->check(CLI::ExistingFile);
  validate_cmd->add_option("logs", validate.logs, "message logs (QuickFIX FileLog format)")
      ->required()
      ->check(CLI::ExistingFile);

  vtb::conform::RunnerOptions conform;
  int expect_timeout_s = 20;
  auto* conform_cmd = app.add_subcommand(
      "conform", "play QuickFIX acceptance-test definition files against a FIX acceptor");
  conform_cmd
      ->add_option("--definitions", conform.definitions, "folder of *.def files, or one file")
      ->required()
      ->check(CLI::ExistingPath);
  conform_cmd->add_option("--port", conform.port, "acceptor port")->required();
  conform_cmd->add_option("--host", conform.host, "acceptor host")->capture_default_str();
  conform_cmd->add_option("--fields", conform.fields,
                          "fields.fmt (default: next to or above the definitions)");
  conform_cmd->add_option("--filter", conform.filter, "only files whose name contains this");
  conform_cmd->add_option("--junit", conform.junit, "write a JUnit XML report here");
  conform_cmd
      ->add_option("--expect-timeout", expect_timeout_s,
                   "seconds to wait for each expected message")
      ->capture_default_str();

  std::string journal;
  auto* replay_cmd = app.add_subcommand(
      "replay", "replay a venue journal into a new matching core and compare the outputs");
  replay_cmd->add_option("journal", journal, "journal file (venue --journal)")
      ->required()
      ->check(CLI::ExistingFile);

  vtb::capture::LiveCaptureOptions capture;
  auto* capture_cmd = app.add_subcommand(
      "capture", "capture to a nanosecond pcap, with the NIC's own timestamps where it has them");
  capture_cmd->add_option("--interface", capture.interface, "interface, e.g. lo or eth0")
      ->required();
  auto* out_option = capture_cmd->add_option("--out", capture.out, "pcap file to write");
  capture_cmd->add_option("--duration", capture.duration_s, "seconds (0: until SIGINT/SIGTERM)")
      ->capture_default_str();
  capture_cmd->add_option("--filter", capture.filter, "BPF filter, e.g. 'udp or tcp port 5001'");
  capture_cmd->add_option("--snaplen", capture.snaplen, "bytes kept of each frame")
      ->check(CLI::Range(64, 262144))
      ->capture_default_str();
  int metrics_port = -1;
  std::string metrics_address = "127.0.0.1";
  auto* metrics_option = capture_cmd->add_option(
      "--metrics-port", metrics_port,
      "analyze as it captures and serve Prometheus metrics on this port (0: any free one)");
  metrics_option->check(CLI::Range(0, 65535));
  capture_cmd
      ->add_option("--metrics-address", metrics_address, "address the metrics port listens on")
      ->needs(metrics_option)
      ->capture_default_str();
  vtb::capture::CorrelationOptions live_correlation;
  double live_window_us = 0;
  vtb::capture::FixTime live_order_time = vtb::capture::FixTime::FirstByte;
  add_correlation_options(capture_cmd, live_correlation, live_window_us, live_order_time);
  capture_cmd->callback([&] {
    if (out_option->count() == 0 && metrics_option->count() == 0)
      throw CLI::ValidationError("capture", "give --out, --metrics-port or both");
  });

  vtb::tools::AnalyzeOptions analyze;
  auto* analyze_cmd = app.add_subcommand(
      "analyze", "wire tick-to-trade from a capture: each order matched with its feed trigger");
  analyze_cmd->add_option("capture", analyze.capture, "pcap or pcapng file")
      ->required()
      ->check(CLI::ExistingFile);
  analyze_cmd->add_option("--json", analyze.json, "write the report as JSON here");
  analyze_cmd->add_option("--html", analyze.html,
                          "write the report as HTML here, with histograms and CDFs");
  double analyze_window_us = 0;
  add_correlation_options(analyze_cmd, analyze.correlation, analyze_window_us, analyze.order_time);
  analyze_cmd
      ->add_option("--timestamp-source", analyze.timestamp_source,
                   "how the capture was timestamped, for the report")
      ->capture_default_str();

  CLI11_PARSE(app, argc, argv);

  return vtb::app::run_reporting_errors("testbed", [&] {
    if (feed_cmd->parsed()) return vtb::tools::run_feed_dump(feed, std::cout);
    if (validate_cmd->parsed()) return vtb::tools::run_fix_validate(validate, std::cout);
    if (replay_cmd->parsed()) return vtb::tools::run_replay(journal, std::cout);
    if (analyze_cmd->parsed()) {
      analyze.correlation.window = static_cast<vtb::Nanos>(analyze_window_us * 1000);
      if (analyze_cmd->count("--timestamp-source") == 0) {
        const std::string recorded = vtb::capture::recorded_timestamp_source(analyze.capture);
        if (!recorded.empty()) analyze.timestamp_source = recorded;
      }
      return vtb::tools::run_analyze(analyze, std::cout);
    }
    if (capture_cmd->parsed()) {
      std::signal(SIGINT, stop_capture);
      std::signal(SIGTERM, stop_capture);
      if (metrics_port >= 0) {
        live_correlation.window = static_cast<vtb::Nanos>(live_window_us * 1000);
        return vtb::tools::run_live_metrics(capture, live_correlation, live_order_time,
                                            metrics_address, metrics_port, g_stop_capture,
                                            std::cout);
      }
      const auto r = vtb::capture::capture_live(capture, g_stop_capture, std::cerr);
      std::cout << "capture: " << r.frames << " frames to " << capture.out << ", " << r.dropped
                << " dropped, timestamps " << r.timestamp_source
                << (r.nanosecond ? ", nanoseconds" : ", microseconds") << "\n";
      return 0;
    }
    if (conform_cmd->parsed()) {
      conform.expect_timeout = std::chrono::seconds(expect_timeout_s);
      const auto results = vtb::conform::run_definitions(conform, std::cout);
      if (!conform.junit.empty()) vtb::conform::write_junit(results, conform.junit);
      const bool all_passed =
          !results.empty() &&
          std::all_of(results.begin(), results.end(), [](const auto& r) { return r.passed; });
      return all_passed ? 0 : 1;
    }
    return 0;
  });
}
