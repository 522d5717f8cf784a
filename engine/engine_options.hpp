#pragma once
// The engine's command line, read into an EngineConfig and what the program around the engine
// needs (pinning, where the summary goes).

#include <string>
#include <variant>

#include "engine/engine_config.hpp"

namespace vtb::engine {

struct EngineOptions {
  EngineConfig engine;
  int cpu = -1;              // pin the hot thread here; negative: not asked
  std::string summary_json;  // write the summary here as JSON; empty: not asked
};

// The options, validated; or the exit code when there is nothing to run (--help, or a usage
// error CLI11 has printed). Throws std::invalid_argument (or fix::SettingsError) for a value
// that does not read or a combination that cannot run, naming the option or file.
std::variant<EngineOptions, int> parse_engine_options(int argc, char** argv);

}  // namespace vtb::engine
