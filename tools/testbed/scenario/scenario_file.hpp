#pragma once
// Reading scenario files (YAML, through yaml-cpp). Strict: an unknown key is an error, as is a
// missing or ill-typed value; every message starts "file:line:column:" and names the key, so a
// typo can never switch an assertion off. Format: docs/SCENARIOS.md.

#include <stdexcept>
#include <string>
#include <vector>

#include "tools/testbed/scenario/scenario.hpp"

namespace vtb::scenario {

struct ScenarioError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `fixtures` is where the defaults (sessions, instruments, dictionaries) live. Throws
// ScenarioError.
Scenario read_scenario_file(const std::string& path, const std::string& fixtures);

// "250ms", "1.5s", "200us" (or µs), "500ns": nanoseconds; nullopt for anything else.
std::optional<Nanos> parse_duration(const std::string& text);

}  // namespace vtb::scenario
