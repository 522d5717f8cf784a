#pragma once
// Runs one scenario: the venue as its own process on ports and groups of its own, the scripted
// participants, the engine (the reference, a command line, or one already attached), the
// timeline on the scenario clock (time 0 is the engine's Logon; the venue's agents step on it
// too, through the control port, so a seed gives the same venue side each time), then the
// verdict from what the venue logged. Every process it starts is gone when it returns.

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tools/testbed/scenario/assertions.hpp"
#include "tools/testbed/scenario/scenario.hpp"

namespace vtb::scenario {

struct RunSettings {
  std::string venue_binary, engine_binary;    // build/bin/venue and build/bin/engine
  std::string testbed_binary;                 // for `testbed capture` (capture: true)
  std::string fixtures;                       // the repository's fixtures/
  std::string work_dir;                       // this run's logs go here
  std::string html;                           // write the run's HTML page here, when set
  std::optional<std::uint64_t> seed;          // overrides the scenario's
  int slot = 0;                               // distinct for runs in parallel: groups and ports
  const std::atomic<bool>* cancel = nullptr;  // Ctrl-C: stop at once, clean up
};

struct ScenarioResult {
  std::string suite, name, path;
  std::uint64_t seed = 0;
  bool passed = false;           // the verdict, `expect: fail` taken into account
  bool assertions_held = false;  // every assertion held and the run went through
  std::string failure;           // why it failed (every failed assertion, or the run's error)
  std::string run_error;         // the run itself could not go through
  double seconds = 0;
  std::vector<AssertionResult> assertions;
  std::vector<std::string> log;  // what the runner did, with scenario times
  std::string work_dir;
};

ScenarioResult run_scenario(const Scenario& scenario, const RunSettings& settings);

}  // namespace vtb::scenario
