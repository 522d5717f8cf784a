#pragma once
// Pinning the calling thread to one CPU, so a busy-polling loop keeps its cache and its core.

#include <string>

namespace vtb::net {

// Returns an empty string on success, else why it failed.
std::string pin_current_thread(int cpu);

}  // namespace vtb::net
