#pragma once
// A scenario as `testbed run` holds it once its file is read: what the venue is, which engine
// runs against it, the timeline of market events, venue behaviours and faults, and the
// assertions that decide the verdict. The file format is docs/SCENARIOS.md; scenario_file.cpp
// reads it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/time/clock.hpp"

namespace vtb::scenario {

// Where a key was in its file, for messages: "file:line:column".
struct Where {
  std::string file;
  int line = 0, column = 0;
  std::string text() const {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
  }
};

struct AgentSettings {
  bool enabled = true;
  std::uint64_t seed = 1;
  int levels = 3;
  std::int64_t quantity = 500;
  double noise_rate = 2;   // noise-taker IOCs a second per instrument
  Nanos step = 1'000'000;  // one agent step per this much scenario time
};

struct VenueSpec {
  std::string instruments;  // a CSV file (resolved), or written from the inline list
  std::string sessions;     // QuickFIX settings file (resolved)
  std::string schedule;     // trading phases timetable; empty: open all run
  AgentSettings agents;
  bool feed_b = true;
  std::optional<std::size_t> feed_history;
  double feed_flush_us = 0;
  std::vector<std::string> extra_options;  // further venue command-line options
  // The initial book: control-port `rest` lines, sent before the engine starts, with where each
  // entry was written.
  std::vector<std::pair<std::string, Where>> book;
};

struct ReferenceEngine {
  std::string symbol = "ACME";
  int heartbeat_interval_s = 30;     // HeartBtInt of its Logon
  bool reset_on_logon = true;        // false: its numbers go on across Logons (ResetOnLogon=N)
  std::vector<std::string> options;  // engine command-line options, as written
};
struct CommandEngine {
  std::string command;  // with {placeholders}; run by /bin/sh -c
};
// What an engine's command line may name; the runner puts this run's values in their place.
inline constexpr const char* kEnginePlaceholders[] = {
    "fix_host", "fix_port",       "sender_comp_id", "target_comp_id", "feed_a",
    "feed_b",   "feed_interface", "retransmit",     "snapshot",       "fixtures",
    "bin_dir",  "scenario_dir",   "work_dir"};
struct AttachedEngine {};  // already running elsewhere: the runner only waits for its Logon
struct EngineSpec {
  std::variant<ReferenceEngine, CommandEngine, AttachedEngine> kind;
  std::string session = "ENGINE";  // its TargetCompID at the venue (its SenderCompID)
  Nanos ready_timeout = 10 * kNanosPerSecond;
  Nanos stop_timeout = 5 * kNanosPerSecond;
};

// One timeline step: when, and what. The control command is what the venue is told; orders from
// scripted participant sessions go through FIX.
struct OrderStep {
  std::string session, id, side, symbol, type = "limit", tif = "day";
  std::int64_t quantity = 0;
  std::string price;  // decimal text; empty for market orders
};
struct CancelStep {
  std::string session, id;
};
struct ReplaceStep {
  std::string session, id, price;
  std::int64_t quantity = 0;
};
struct BurstStep {
  OrderStep order;  // side "mixed" alternates buy and sell
  double rate = 0;  // orders a second
  Nanos duration = 0;
};
// The venue killed (SIGKILL, as a crash) and started again on its state directory after `down`.
struct RestartVenueStep {
  Nanos down = 0;
};
struct ControlStep {
  std::string command;  // one control-port line (docs/CONTROL.md)
  // A feed fault with no seed of its own gets the run's seed plus this (its step's index), so
  // that `--seed` reseeds the faults too.
  std::optional<std::uint64_t> seed_offset;
};
struct Step {
  Where where;
  std::string name;  // for `after:` and messages; default "step N"
  Nanos at = 0;      // scenario time (since the engine's Logon) it runs at
  std::variant<ControlStep, OrderStep, CancelStep, ReplaceStep, BurstStep, RestartVenueStep> action;
  std::string describe() const;
};

// Which of the engine's orders an assertion counts.
struct OrderFilter {
  std::string side, symbol, type;  // empty: any
  std::string message = "new";     // orders: new (D), replace (G), cancel (F) or any
  std::optional<Nanos> from, to;   // scenario time window
};
struct CountBound {
  std::optional<std::int64_t> equals, at_least, at_most;
};

struct OrdersAssertion {
  OrderFilter filter;
  CountBound count;
};
// Messages the engine sent of one MsgType (and holding a text, '|' for SOH), e.g. its Heartbeat
// answering a TestRequest.
struct MessagesAssertion {
  std::string type, contains;
  bool from_venue = false;  // sender: venue counts what the venue sent the engine instead
  OrderFilter filter;       // its window only
  CountBound count;
};
struct FillsAssertion {
  OrderFilter filter;
  CountBound count;
};
struct NoOrdersWhileHalted {
  Nanos grace = 1'000'000;  // orders in flight when the halt was published
};
struct NoOrdersDuringGap {
  Nanos grace = 1'000'000;
};
struct GapRecovered {
  Nanos within = 0;
};
struct PositionAssertion {
  std::string symbol;
  CountBound quantity;
  std::optional<Nanos> at;  // the position at this scenario time; none: at the end
};
struct OpenOrdersAssertion {
  CountBound count;
  std::optional<Nanos> at;  // orders open at this scenario time; none: at the end
};
struct TerminalStates {};  // every order reached exactly one terminal state
struct NoSessionRejects {};
struct LogonsAssertion {
  CountBound count;
};
struct SequenceContinuous {};
struct QuickFixValidates {
  std::string dictionary;  // default: the session's own
};
struct EngineProcess {
  std::optional<bool> running;  // at the end of the timeline
  std::optional<int> exit_code;
  bool no_crash = false;
};
// From the wire when the scenario captures (testbed analyze's definition), else the reference
// engine's own figure. Percentile 100 is the slowest order: every trigger answered within.
struct TickToTrade {
  double percentile = 99;
  Nanos at_most = 0;
};
// The venue's order-to-acknowledgement as its FIX log shows it (microseconds): from each order,
// cancel or replace the engine sent to the venue's first answer naming its ClOrdID.
struct AckLatency {
  double percentile = 50;  // 0: the fastest, 100: the slowest
  std::optional<Nanos> at_most, at_least;
  OrderFilter filter;  // its window only
};

using AssertionKind =
    std::variant<OrdersAssertion, MessagesAssertion, FillsAssertion, NoOrdersWhileHalted,
                 NoOrdersDuringGap, GapRecovered, PositionAssertion, OpenOrdersAssertion,
                 TerminalStates, NoSessionRejects, LogonsAssertion, SequenceContinuous,
                 QuickFixValidates, EngineProcess, TickToTrade, AckLatency>;
struct Assertion {
  Where where;
  std::string key;  // as written, for the report
  AssertionKind kind;
};

// `tc netem` on the wire between the venue and the engine (topology: hosts).
struct Impairment {
  Nanos delay = 0, jitter = 0;
  double loss = 0, duplicate = 0, reorder = 0;  // percent
};
struct Topology {
  bool hosts = false;  // false: everything on loopback
  std::optional<Impairment> netem;
};

struct Scenario {
  std::string path;   // the file
  std::string suite;  // its folder's name
  std::string name;
  std::string description;
  bool expect_fail = false;
  std::string expect_failure;  // with expect_fail: text the failure must contain
  std::uint64_t seed = 1;
  Nanos duration = kNanosPerSecond;
  Topology topology;
  bool capture = false;  // the wire captured and analyzed: latency assertions use it
  VenueSpec venue;
  EngineSpec engine;
  std::vector<Step> timeline;  // sorted by `at`
  std::vector<Assertion> assertions;
};

}  // namespace vtb::scenario
