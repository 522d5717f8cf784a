#include "simulator/journal/core_events.hpp"

namespace vtb::sim {

std::string describe(const CoreEvent& e) {
  return std::string(1, e.kind) + "(" + std::to_string(e.a) + "," + std::to_string(e.b) + "," +
         std::to_string(e.c) + "," + std::to_string(e.d) + "," + std::to_string(e.e) + ")";
}

}  // namespace vtb::sim
