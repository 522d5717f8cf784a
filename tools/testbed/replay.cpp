#include "tools/testbed/replay.hpp"

#include <cstdio>

#include "simulator/journal/journal.hpp"

namespace vtb::tools {

int run_replay(const ReplayOptions& options, std::ostream& out) {
  const sim::journal::Journal journal = sim::journal::read(options.journal);
  const sim::journal::ReplayResult result = sim::journal::replay(journal);
  char hashes[80];
  std::snprintf(hashes, sizeof hashes, "recorded %016llx, replayed %016llx",
                static_cast<unsigned long long>(result.recorded_hash),
                static_cast<unsigned long long>(result.replayed_hash));
  out << options.journal << ": " << journal.instruments.size() << " instruments, " << result.inputs
      << " inputs, " << result.recorded.size() << " outputs recorded, " << result.replayed.size()
      << " replayed\n"
      << "output hash: " << hashes << "\n";
  if (result.identical()) {
    out << "identical\n";
    return 0;
  }
  const auto at = static_cast<std::size_t>(result.first_difference);
  const auto show = [&](const std::vector<sim::CoreEvent>& events) {
    return at < events.size() ? sim::describe(events[at]) : std::string("(none)");
  };
  out << "DIFFERENT from output " << at << ": recorded " << show(result.recorded) << ", replayed "
      << show(result.replayed) << "\n";
  return 1;
}

}  // namespace vtb::tools
