// venue: the exchange simulator. FIX order entry on TCP, ITCH 5.0 over MoldUDP64 on multicast,
// a price-time matching core and background liquidity.

#include <cstdio>

#include "common/app/main_support.hpp"
#include "simulator/venue.hpp"
#include "simulator/venue_options.hpp"

int main(int argc, char** argv) {
  using namespace vtb::sim;
  return vtb::app::run_reporting_errors("venue", [&] {
    auto parsed = parse_venue_options(argc, argv);
    if (const int* exit_code = std::get_if<int>(&parsed)) return *exit_code;
    const VenueOptions& options = std::get<VenueOptions>(parsed);
    if (const auto* at = std::get_if<AcceptanceTestVenueConfig>(&options.profile)) {
      run_acceptance_test_venue(*at);
      return 0;
    }
    vtb::app::pin_if_requested(options.cpu);
    Venue venue(std::get<VenueConfig>(options.profile));
    venue.run();
    const VenueSummary summary = venue.summary();
    print_summary(summary, stdout);
    vtb::app::write_summary_json(options.summary_json, to_json(summary));
    return 0;
  });
}
