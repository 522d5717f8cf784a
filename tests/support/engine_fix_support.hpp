#pragma once
// The engine against a FIX acceptor other than the venue's (QuickFIX, or one a test scripts),
// while the venue still supplies the market data. For test targets that define VTB_SOURCE_DIR,
// VTB_VENUE and VTB_ENGINE.

#include <cstddef>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/json_file.hpp"
#include "tests/support/test_run.hpp"
#include "tests/support/venue_runs.hpp"

namespace vtb::testing {

inline const std::string kEngineSessionFixture = VTB_SOURCE_DIR "/fixtures/engine-session.cfg";
inline const std::string kVenueDictionary = VTB_SOURCE_DIR "/fixtures/venue-fix44.xml";

// The fixture's engine session with `settings` (key -> value) changed, or added to [DEFAULT],
// written into the run's directory. Returns its path.
inline std::string write_engine_session(const TestRun& run,
                                        const std::map<std::string, std::string>& settings) {
  std::ifstream in(kEngineSessionFixture);
  if (!in) throw std::runtime_error("cannot read " + kEngineSessionFixture);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  auto missing = settings;
  for (std::string& line : lines) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    const auto it = missing.find(line.substr(0, eq));
    if (it == missing.end()) continue;
    line = it->first + '=' + it->second;
    missing.erase(it);
  }
  std::ofstream out(run.path("engine-session.cfg"));
  for (const std::string& line : lines) {
    out << line << '\n';
    if (line != "[DEFAULT]") continue;
    for (const auto& [key, value] : missing)
      out << key << '=' << value << '\n';
  }
  return run.path("engine-session.cfg");
}

// engine_command() with the session file `session` (its SocketConnectPort, not the venue's).
inline std::vector<std::string> engine_with_session(const TestRun& run, const std::string& session,
                                                    const std::vector<std::string>& extra) {
  const std::vector<std::string> venue_argv = engine_command(run, extra);
  std::vector<std::string> argv;
  for (std::size_t i = 0; i < venue_argv.size(); ++i) {
    if (venue_argv[i] == "--fix-port") {  // the venue's; the session file says where to connect
      ++i;
      continue;
    }
    argv.push_back(venue_argv[i]);
    if (venue_argv[i] == "--fix-session") {
      argv.push_back(session);
      ++i;
    }
  }
  return argv;
}

}  // namespace vtb::testing
