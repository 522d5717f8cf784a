#pragma once
// Starting the venue and a client of it (the engine) in integration tests. For test targets that
// define VTB_SOURCE_DIR, VTB_VENUE and VTB_ENGINE.

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/app/child_process.hpp"
#include "tests/support/test_run.hpp"

namespace vtb::testing {

// The venue with the fixtures (or the sessions file `sessions`), on `run`'s ports and groups, for
// at most a minute, then `extra`.
inline std::vector<std::string> venue_command(const TestRun& run,
                                              const std::vector<std::string>& extra = {},
                                              const std::string& sessions = VTB_SOURCE_DIR
                                              "/fixtures/venue-sessions.cfg") {
  std::vector<std::string> argv = {VTB_VENUE,
                                   "--fix-sessions",
                                   sessions,
                                   "--instruments",
                                   VTB_SOURCE_DIR "/fixtures/instruments.csv",
                                   "--fix-port",
                                   std::to_string(run.fix_port),
                                   "--retransmit-port",
                                   std::to_string(run.retransmit_port),
                                   "--snapshot-port",
                                   std::to_string(run.snapshot_port),
                                   "--feed-a",
                                   run.feed_a,
                                   "--feed-b",
                                   run.feed_b,
                                   "--duration",
                                   "60"};
  // Metrics on a free port unless the test asks for one: 9301 may be taken.
  if (std::find(extra.begin(), extra.end(), "--metrics-port") == extra.end() &&
      std::find(extra.begin(), extra.end(), "--no-metrics") == extra.end())
    argv.insert(argv.end(), {"--metrics-port", "0"});
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

#ifdef VTB_ENGINE
// The engine on the fixtures' session, connected to `run`'s venue, trading ACME, then `extra`.
inline std::vector<std::string> engine_command(const TestRun& run,
                                               const std::vector<std::string>& extra) {
  std::vector<std::string> argv = {VTB_ENGINE,
                                   "--fix-session",
                                   VTB_SOURCE_DIR "/fixtures/engine-session.cfg",
                                   "--fix-port",
                                   std::to_string(run.fix_port),
                                   "--feed-a",
                                   run.feed_a,
                                   "--feed-b",
                                   run.feed_b,
                                   "--feed-retransmit",
                                   "127.0.0.1:" + std::to_string(run.retransmit_port),
                                   "--feed-snapshot",
                                   "127.0.0.1:" + std::to_string(run.snapshot_port),
                                   "--symbol",
                                   "ACME"};
  // No Prometheus endpoint unless the test asks for one: 9302 may be taken.
  if (std::find(extra.begin(), extra.end(), "--metrics-port") == extra.end())
    argv.push_back("--no-metrics");
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

// The reflector strategy with room in the risk limits to send as fast as the book changes, never
// trading, then `extra`: the order flow of the latency and session tests.
inline std::vector<std::string> reflector_options(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv = {"--strategy",        "reflector", "--reflect-ticks",  "500",
                                   "--max-open-orders", "64",        "--max-order-rate", "0",
                                   "--max-position",    "100000000"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}
#endif

struct Finished {
  std::optional<int> exit;  // nullopt: still running after 30 s
  std::string output;
};

// Runs a client of the venue to its end, starting it again while it exits with "cannot connect"
// (exit code 2: the venue is not listening yet). `during` runs while each start is alive.
inline Finished run_when_venue_listens(const std::vector<std::string>& argv,
                                       const std::string& output_path,
                                       const std::function<void(app::ChildProcess&)>& during = {}) {
  using namespace std::chrono_literals;
  Finished f;
  for (int attempt = 0; attempt < 50; ++attempt) {
    app::ChildProcess client(argv, output_path);
    if (during) during(client);
    f.exit = client.wait(30s);
    f.output = client.output();
    if (f.exit != 2 || f.output.find("cannot connect") == std::string::npos) break;
    std::this_thread::sleep_for(100ms);
  }
  return f;
}

}  // namespace vtb::testing
