#pragma once
// `testbed load`: an open-loop FIX load at a constant rate against a venue (or any FIX acceptor),
// the order->ack latency from each request's intended send time, and a saturation search for the
// highest rate the acceptor sustains (docs/LOAD.md).

#include <ostream>
#include <string>
#include <vector>

#include "tools/load/acceptor_settings.hpp"
#include "tools/load/load_generator.hpp"

namespace vtb::tools {

struct LoadCommandOptions {
  load::LoadOptions load;
  std::string target = "127.0.0.1:5001";  // HOST:PORT
  std::string mix;                        // empty: LoadMix's default
  std::vector<std::string> instruments;   // SYMBOL:MID[:TICK[:LOT]]; empty: the fixture's three
  std::string json;
  bool saturate = false;
  // A step is sustained when every request is answered and this percentile of order->ack stays
  // within the bound: a queue that builds moves the middle of the distribution (a p90 of 1 ms),
  // where a machine's occasional stall of a few ms moves only its top percent.
  double saturation_percentile = 90;
  double saturation_bound_us = 1000;
  double step_s = 3;                // of each saturation step
  double max_rate = 2'000'000;      // the search stops there
  // --write-sessions: write the acceptor's settings for the sessions and exit.
  std::string write_sessions;
  load::AcceptorSettingsOptions acceptor;
};

// 0 done (with --saturate: a rate found), 1 the load failed (a session lost, nothing answered),
// 2 bad options.
int run_load(const LoadCommandOptions& options, std::ostream& out, std::ostream& progress);

}  // namespace vtb::tools
