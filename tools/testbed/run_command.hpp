#pragma once
// `testbed run PATH...`: runs scenario files and suites (folders of them) against the venue and
// reports, on the terminal and as JUnit XML and JSON. Exit code 0 when every scenario passed, 1
// when one failed, 2 for a bad scenario file or usage. docs/SCENARIOS.md.

#include <atomic>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace vtb::tools {

struct RunOptions {
  std::vector<std::string> paths;  // scenario files, or folders searched for *.yaml
  std::string junit, json;         // reports, when set
  std::string html;                // a page per scenario in this folder (SUITE/NAME.html)
  std::string filter;              // only scenarios whose "suite/name" contains this
  std::optional<std::uint64_t> seed;
  int repeat = 1;
  int jobs = 1;
  std::string work_dir;  // runs' logs; default: a folder under the temporary directory
  bool keep = false;     // keep the logs of passing runs too (failing ones are always kept)
  std::string venue, engine, fixtures;  // default: beside this program, and the repository's
};

int run_scenarios(const RunOptions& options, const std::atomic<bool>& cancel, std::ostream& out,
                  std::ostream& progress);

}  // namespace vtb::tools
