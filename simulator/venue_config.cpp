#include "simulator/venue_config.hpp"

#include <stdexcept>

namespace vtb::sim {

void VenueConfig::validate() const {
  if (instruments_path.empty()) {
    throw std::invalid_argument("--instruments is required with the exchange profile");
  }
  if (!state_dir.empty() && !journal_path.empty()) {
    throw std::invalid_argument(
        "--journal and --state-dir: the state directory keeps its own journal (STATE/journal)");
  }
  if (publisher.session.size() > 10) {
    throw std::invalid_argument("--feed-session: at most 10 characters");
  }
}

}  // namespace vtb::sim
