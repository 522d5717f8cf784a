#pragma once
// Deciding a scenario's assertions on what the run left behind (run_evidence.hpp) and on how the
// engine's process ended. A failed assertion says what was expected, what happened, and where:
// the scenario time, the timeline step before it, the messages involved.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "tools/testbed/scenario/run_evidence.hpp"
#include "tools/testbed/scenario/scenario.hpp"

namespace vtb::scenario {

struct EngineOutcome {
  bool started = false;
  bool running_at_end = false;      // still running when the timeline ended
  std::optional<int> exit_code;     // once it ended (after the runner's SIGTERM, or on its own)
  std::optional<int> crash_signal;  // ended by SIGSEGV, SIGABRT, ... that the runner did not send
  std::string output_tail;          // its last lines of stdout and stderr
  std::string summary_json;         // the reference engine's --summary-json file, else empty
};

struct RunRecord {
  const Scenario* scenario = nullptr;
  Nanos t0 = 0;  // wall time of the engine's Logon: scenario time 0
  std::vector<VenueEvent> events;
  std::vector<FixRecord> messages;  // the engine's session at the venue
  EngineOutcome engine;
  std::string dictionary;  // the engine session's QuickFIX data dictionary
  std::string wire_json;   // `testbed analyze --json` of the run's capture, when it captured
  std::string wire_html;   // its HTML page's file name, beside the scenario's page
};

struct AssertionResult {
  std::string key;
  Where where;
  bool passed = false;
  std::string expected, actual;
  std::string detail;        // where in the timeline and the messages involved, when it failed
  std::string text() const;  // one line: "key: expected ..., got ... (detail)"
};

std::vector<AssertionResult> evaluate(const RunRecord& run);

// What the assertions (and the HTML report) read from the venue's events, in wall-clock time.
inline constexpr Nanos kForever = std::numeric_limits<Nanos>::max();  // never closed
struct HaltStretch {
  std::string symbol;
  Nanos from, to;
};
std::vector<HaltStretch> halt_stretches(const RunRecord& run);
// Sequence numbers the engine could not have had from the live feed: lost on every feed the venue
// publishes. A gap opens when its first packet was dropped and closes when a re-request answer or
// a snapshot covers all of it.
struct FeedGap {
  std::uint64_t first, last;
  Nanos opened, healed = kForever;
  std::string healed_by;
};
std::vector<FeedGap> feed_gaps(const RunRecord& run);

}  // namespace vtb::scenario
