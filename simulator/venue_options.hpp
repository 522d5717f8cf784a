#pragma once
// The venue's command line, read into the configuration of the profile it asks for (the exchange,
// or QuickFIX's acceptance-test application) and what the program around it needs.

#include <string>
#include <variant>

#include "simulator/acceptance_test/acceptance_test_venue.hpp"
#include "simulator/venue_config.hpp"

namespace vtb::sim {

struct VenueOptions {
  // --profile: VenueConfig for the exchange, AcceptanceTestVenueConfig for quickfix-at.
  std::variant<VenueConfig, AcceptanceTestVenueConfig> profile;
  int cpu = -1;              // pin the venue's thread here; negative: not asked
  std::string summary_json;  // write the summary here as JSON; empty: not asked
};

// The options, validated; or the exit code when there is nothing to run (--help, or a usage
// error CLI11 has printed). Throws std::invalid_argument for a value that does not read or a
// combination that cannot run, naming the option.
std::variant<VenueOptions, int> parse_venue_options(int argc, char** argv);

}  // namespace vtb::sim
