#pragma once
// `testbed replay JOURNAL`: feeds a venue journal's inputs to a new matching core and checks its
// outputs are the recorded ones (docs/JOURNAL.md).

#include <ostream>
#include <string>

namespace vtb::tools {

struct ReplayOptions {
  std::string journal;  // venue --journal's file
};

// 0 when the replay reproduces every output, 1 when it does not (the first difference printed).
int run_replay(const ReplayOptions& options, std::ostream& out);

}  // namespace vtb::tools
