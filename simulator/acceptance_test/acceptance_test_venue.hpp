#pragma once
// `venue --profile quickfix-at`: the FIX session layer with the acceptance-test application and
// nothing else (no matching, no feed), for QuickFIX's acceptance suite and `testbed conform`.

#include <optional>
#include <string>

namespace vtb::sim {

struct AcceptanceTestVenueConfig {
  std::string fix_sessions_path;
  std::optional<std::uint16_t> fix_port;
  std::string listen_address = "0.0.0.0";
  std::string fix_log_dir;
  double duration_s = 0;
};

// Runs until SIGINT/SIGTERM or the duration. Throws on configuration errors.
void run_acceptance_test_venue(const AcceptanceTestVenueConfig& config);

}  // namespace vtb::sim
