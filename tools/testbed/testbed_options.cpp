#include "tools/testbed/testbed_options.hpp"

#include <CLI/CLI.hpp>
#include <map>

namespace vtb::tools {

namespace {

// How orders are matched with their triggers and timed: shared by analyze and capture
// --metrics-port.
void add_correlation_options(CLI::App* app, capture::CorrelationOptions& options, double& window_us,
                             capture::FixTime& order_time) {
  app->add_option("--order-time", order_time,
                  "which byte of a FIX message times it: first-byte (STAC's tick-to-trade: the "
                  "order starts to leave) or last-byte (all of it on the wire); the venue's "
                  "latencies too")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, capture::FixTime>{
              {capture::fix_time_name(capture::FixTime::FirstByte), capture::FixTime::FirstByte},
              {capture::fix_time_name(capture::FixTime::LastByte), capture::FixTime::LastByte}},
          CLI::ignore_case))
      ->default_str(capture::fix_time_name(capture::FixTime::FirstByte));
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

std::variant<TestbedCommand, int> parse_testbed_options(int argc, char** argv) {
  CLI::App app{"testbed: tools for the venue test bed"};
  app.require_subcommand(1);

  FeedDumpOptions feed;
  auto* feed_cmd = app.add_subcommand("feed", "print a MoldUDP64/ITCH 5.0 multicast feed, decoded");
  feed_cmd->add_option("--group", feed.group, "multicast group:port")->capture_default_str();
  feed_cmd->add_option("--interface", feed.interface, "IPv4 address of the interface to join on")
      ->capture_default_str();
  feed_cmd->add_option("--count", feed.max_messages, "stop after this many messages (0: no limit)");
  feed_cmd->add_option("--timeout", feed.timeout_s, "give up after this many seconds (0: never)");

  FixValidateOptions validate;
  auto* validate_cmd = app.add_subcommand(
      "fix-validate", "check FIX message logs with QuickFIX against a data dictionary");
  validate_cmd->add_option("--dictionary", validate.dictionary, "QuickFIX-format XML dictionary")
      ->required()
      ->check(CLI::ExistingFile);
  validate_cmd->add_option("logs", validate.logs, "message logs (QuickFIX FileLog format)")
      ->required()
      ->check(CLI::ExistingFile);

  conform::RunnerOptions conform;
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

  ReplayOptions replay;
  auto* replay_cmd = app.add_subcommand(
      "replay", "replay a venue journal into a new matching core and compare the outputs");
  replay_cmd->add_option("journal", replay.journal, "journal file (venue --journal)")
      ->required()
      ->check(CLI::ExistingFile);

  CaptureCommandOptions capture_command;
  capture::LiveCaptureOptions& capture = capture_command.capture;
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
  double live_window_us = 0;
  add_correlation_options(capture_cmd, capture_command.correlation, live_window_us,
                          capture_command.order_time);
  capture_cmd->callback([&] {
    if (out_option->count() == 0 && metrics_option->count() == 0)
      throw CLI::ValidationError("capture", "give --out, --metrics-port or both");
  });

  AnalyzeOptions analyze;
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
  analyze_cmd->add_option("--timestamp-source", analyze.timestamp_source,
                          "how the capture was timestamped, for the report (default: as "
                          "recorded with the capture, else unknown)");

  LoadCommandOptions load;
  auto* load_cmd = app.add_subcommand(
      "load",
      "an open-loop FIX order load at a constant rate; order->ack latency from each "
      "order's intended send time (docs/LOAD.md)");
  load_cmd->add_option("--target", load.target, "the acceptor, HOST:PORT")->capture_default_str();
  load_cmd->add_option("--rate", load.load.rate, "requests a second (with --saturate: the first)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  load_cmd->add_option("--duration", load.load.duration_s, "seconds of sending")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  load_cmd->add_option("--sessions", load.load.sessions, "FIX sessions, requests round-robin")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  load_cmd->add_option("--mix", load.mix,
                       "weights of new, cancel, replace and aggressive (through the other side) "
                       "requests, e.g. new=40,cancel=40,replace=10,aggressive=10");
  load_cmd->add_option("--instrument", load.instruments,
                       "SYMBOL:MID[:TICK[:LOT]], repeatable (default: the fixture's ACME, GLOBEX, "
                       "INITECH)");
  load_cmd->add_option("--levels", load.load.levels, "price levels either side of the mid")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  load_cmd->add_option("--lots", load.load.lots, "lots an order")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  load_cmd->add_option("--begin-string", load.load.begin_string, "FIX.4.2, FIX.4.4 or FIXT.1.1")
      ->check(CLI::IsMember({"FIX.4.2", "FIX.4.4", "FIXT.1.1"}))
      ->capture_default_str();
  load_cmd
      ->add_option("--sender-prefix", load.load.sender_prefix,
                   "SenderCompIDs are this and 0001, 0002, ...")
      ->capture_default_str();
  load_cmd->add_option("--target-comp-id", load.load.target_comp_id, "the acceptor's CompID")
      ->capture_default_str();
  load_cmd->add_option("--seed", load.load.seed, "of the request mix")->capture_default_str();
  load_cmd->add_option("--drain", load.load.drain_s, "seconds to wait for the last answers")
      ->capture_default_str();
  load_cmd->add_option("--json", load.json, "write the figures here");
  load_cmd->add_flag("--saturate", load.saturate,
                     "find the highest rate sustained: doubled from --rate while sustained, then "
                     "narrowed to 5%");
  load_cmd
      ->add_option("--saturation-percentile", load.saturation_percentile,
                   "a rate is sustained when every request is answered and this percentile of "
                   "order->ack is within --saturation-bound-us")
      ->check(CLI::Range(1.0, 100.0))
      ->capture_default_str();
  load_cmd->add_option("--saturation-bound-us", load.saturation_bound_us, "see above")
      ->capture_default_str();
  load_cmd->add_option("--step-duration", load.step_s, "seconds of each saturation step")
      ->capture_default_str();
  load_cmd->add_option("--max-rate", load.max_rate, "the saturation search's ceiling")
      ->capture_default_str();
  load_cmd->add_option("--write-sessions", load.write_sessions,
                       "write the acceptor's settings for --sessions load sessions here, and exit");
  load_cmd->add_option("--port", load.acceptor.port, "with --write-sessions: SocketAcceptPort")
      ->capture_default_str();
  load_cmd->add_option("--dictionary", load.acceptor.dictionary,
                       "with --write-sessions: DataDictionary (FIXT.1.1: TRANSPORT,APP)");
  load_cmd->add_option("--store", load.acceptor.file_store_path,
                       "with --write-sessions: FileStorePath");

  RunOptions run;
  std::uint64_t run_seed = 0;
  auto* run_cmd = app.add_subcommand(
      "run",
      "run scenario files and suites against the venue, with the verdict as the exit "
      "code (docs/SCENARIOS.md)");
  run_cmd->add_option("paths", run.paths, "scenario files (*.yaml) or suite folders")->required();
  run_cmd->add_option("--junit", run.junit, "write a JUnit XML report here");
  run_cmd->add_option("--json", run.json, "write a JSON report here");
  run_cmd->add_option("--html", run.html,
                      "write a page per scenario here: timeline, tick-to-trade, assertions");
  run_cmd->add_option("--filter", run.filter, "only scenarios whose suite/name contains this");
  auto* seed_option =
      run_cmd->add_option("--seed", run_seed, "seed every scenario with this instead of its own");
  run_cmd->add_option("--repeat", run.repeat, "run each scenario this many times")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  run_cmd->add_option("--jobs", run.jobs, "scenarios in parallel, each on its own ports")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  run_cmd->add_option("--work-dir", run.work_dir,
                      "where each run's logs go (default: a folder in the temporary directory)");
  run_cmd->add_flag("--keep", run.keep, "keep the logs of passing runs too");
  run_cmd->add_option("--venue", run.venue, "venue program (default: beside testbed)");
  run_cmd->add_option("--engine", run.engine, "reference engine program (default: beside testbed)");
  run_cmd->add_option("--fixtures", run.fixtures, "fixtures folder (default: the repository's)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // --help (0) or a usage error, printed
    // `testbed run` promises 2 for a usage error, as for a bad scenario file.
    return code != 0 && argc > 1 && std::string(argv[1]) == "run" ? 2 : code;
  }

  if (feed_cmd->parsed()) return feed;
  if (validate_cmd->parsed()) return validate;
  if (replay_cmd->parsed()) return replay;
  if (load_cmd->parsed()) return load;
  if (run_cmd->parsed()) {
    if (seed_option->count()) run.seed = run_seed;
    return run;
  }
  if (analyze_cmd->parsed()) {
    analyze.correlation.window = static_cast<Nanos>(analyze_window_us * 1000);
    return analyze;
  }
  if (capture_cmd->parsed()) {
    if (metrics_port >= 0) {
      capture_command.metrics = MetricsEndpoint{metrics_address, metrics_port};
      capture_command.correlation.window = static_cast<Nanos>(live_window_us * 1000);
    }
    return capture_command;
  }
  conform.expect_timeout = std::chrono::seconds(expect_timeout_s);
  return conform;
}

}  // namespace vtb::tools
