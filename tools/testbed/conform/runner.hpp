#pragma once
// `testbed conform`: plays QuickFIX acceptance-test definition files against a running FIX
// acceptor (the venue with --profile quickfix-at, or anyone's), file by file, and reports each
// as passed or failed, optionally as JUnit XML.

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace vtb::conform {

struct RunnerOptions {
  std::string definitions;  // a folder (searched recursively for *.def) or one file
  std::string fields;       // fields.fmt; default: found next to or above the definitions
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string filter;  // only files whose name contains this
  std::string junit;   // write JUnit XML here when set
  std::chrono::milliseconds expect_timeout{20'000};
  std::chrono::milliseconds disconnect_timeout{10'000};
};

struct FileResult {
  std::string name;
  bool passed = false;
  std::string failure;  // "line N: ..." when failed
  double seconds = 0;
};

// Runs every selected file; prints a line per file and a summary. Returns the results.
std::vector<FileResult> run_definitions(const RunnerOptions& options, std::ostream& out);

void write_junit(const std::vector<FileResult>& results, const std::string& path);

// `testbed conform`: runs the files, writes the JUnit report when asked; 0 when every file
// passed (and there was at least one), 1 otherwise.
int run_conform(const RunnerOptions& options, std::ostream& out);

}  // namespace vtb::conform
