#pragma once
// The testbed command line: one subcommand, read into that subcommand's options.

#include <variant>

#include "tools/testbed/analyze.hpp"
#include "tools/testbed/capture_command.hpp"
#include "tools/testbed/conform/runner.hpp"
#include "tools/testbed/feed_dump.hpp"
#include "tools/testbed/fix_validate.hpp"
#include "tools/testbed/load_command.hpp"
#include "tools/testbed/replay.hpp"
#include "tools/testbed/run_command.hpp"

namespace vtb::tools {

using TestbedCommand =
    std::variant<FeedDumpOptions, FixValidateOptions, conform::RunnerOptions, ReplayOptions,
                 CaptureCommandOptions, AnalyzeOptions, RunOptions, LoadCommandOptions>;

// The subcommand and its options; or the exit code when there is nothing to run (--help, or a
// usage error CLI11 has printed).
std::variant<TestbedCommand, int> parse_testbed_options(int argc, char** argv);

}  // namespace vtb::tools
