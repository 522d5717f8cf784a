#include "simulator/venue_config.hpp"

#include <stdexcept>

namespace vtb::sim {

void VenueConfig::validate() const {
  if (instruments_path.empty()) {
    throw std::invalid_argument("--instruments is required with the exchange profile");
  }
  if (publisher.session.size() > 10) {
    throw std::invalid_argument("--feed-session: at most 10 characters");
  }
}

}  // namespace vtb::sim
