#pragma once
// What every binary's main() does the same way: report user errors as "name: message" with exit
// code 2 instead of crashing, honour --cpu, and write its summary as JSON.

#include <cstdio>
#include <exception>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "common/net/cpu_affinity.hpp"

namespace vtb::app {

// Runs `body`, turning any exception into a one-line error on stderr and exit code 2.
template <class Body>
int run_reporting_errors(const char* program, Body&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", program, e.what());
    return 2;
  }
}

// --cpu N: pins the calling thread; a negative N means "not asked".
inline void pin_if_requested(int cpu) {
  if (cpu < 0) return;
  if (const auto error = net::pin_current_thread(cpu); !error.empty()) {
    throw std::invalid_argument("--cpu: " + error);
  }
}

// --summary-json FILE: nothing when `path` is empty.
inline void write_summary_json(const std::string& path, const nlohmann::json& summary) {
  if (path.empty()) return;
  std::ofstream out(path);
  out << summary.dump(2) << "\n";
  if (!out) throw std::runtime_error(path + ": cannot write the summary");
}

}  // namespace vtb::app
