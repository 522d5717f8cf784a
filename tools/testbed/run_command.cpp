#include "tools/testbed/run_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "tools/testbed/junit_report.hpp"
#include "tools/testbed/scenario/scenario_file.hpp"
#include "tools/testbed/scenario/scenario_runner.hpp"

namespace vtb::tools {

namespace fs = std::filesystem;

namespace {

fs::path own_folder() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : self.parent_path();
}

// The repository's fixtures/: above build/bin when run from a build tree, else the working
// folder's.
std::string find_fixtures() {
  for (const fs::path& p :
       {own_folder() / "../../fixtures", own_folder() / "../fixtures",
        own_folder() / "../share/venue-test-bed/fixtures", fs::current_path() / "fixtures"}) {
    if (fs::exists(p / "venue-sessions.cfg")) return fs::weakly_canonical(p).string();
  }
  return "fixtures";
}

// Every scenario file named, folders searched recursively, in a stable order.
std::vector<std::string> scenario_files(const std::vector<std::string>& paths,
                                        std::vector<std::string>& errors) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    if (fs::is_directory(p)) {
      std::vector<std::string> found;
      for (const auto& e : fs::recursive_directory_iterator(p)) {
        const std::string ext = e.path().extension().string();
        if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml"))
          found.push_back(e.path().string());
      }
      if (found.empty()) errors.push_back(p + ": no scenario files (*.yaml) in this folder");
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(p)) {
      files.push_back(p);
    } else {
      errors.push_back(p + ": no such file or folder");
    }
  }
  return files;
}

std::string safe_name(std::string s) {
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  return s;
}

nlohmann::json to_json(const scenario::ScenarioResult& r) {
  nlohmann::json assertions = nlohmann::json::array();
  for (const auto& a : r.assertions) {
    assertions.push_back({{"key", a.key},
                          {"where", a.where.text()},
                          {"passed", a.passed},
                          {"expected", a.expected},
                          {"actual", a.actual},
                          {"detail", a.detail}});
  }
  return {{"suite", r.suite},     {"name", r.name},
          {"file", r.path},       {"seed", r.seed},
          {"passed", r.passed},   {"assertions_held", r.assertions_held},
          {"failure", r.failure}, {"run_error", r.run_error},
          {"seconds", r.seconds}, {"assertions", assertions},
          {"log", r.log},         {"work_dir", r.work_dir}};
}

// " #2" or "-2" for the second repetition, nothing when each scenario runs once. (Built with
// append: GCC 12 warns falsely on `"-" + std::to_string(n)` here.)
std::string repetition(const RunOptions& o, int rep, const char* separator) {
  if (o.repeat <= 1) return {};
  return std::string(separator).append(std::to_string(rep + 1));
}

std::string joined(const std::vector<std::string>& lines) {
  std::string t;
  for (const auto& l : lines)
    t += l + "\n";
  return t;
}

}  // namespace

int run_scenarios(const RunOptions& o, const std::atomic<bool>& cancel, std::ostream& out,
                  std::ostream& progress) {
  const std::string fixtures = o.fixtures.empty() ? find_fixtures() : o.fixtures;
  std::vector<std::string> errors;
  const auto files = scenario_files(o.paths, errors);
  std::vector<scenario::Scenario> scenarios;
  for (const std::string& f : files) {
    try {
      scenarios.push_back(scenario::read_scenario_file(f, fixtures));
    } catch (const scenario::ScenarioError& e) {
      errors.push_back(e.what());
    }
  }
  if (!errors.empty()) {
    for (const auto& e : errors)
      out << "error: " << e << "\n";
    out << errors.size() << " bad scenario file(s) or path(s): nothing was run\n";
    return 2;
  }
  std::erase_if(scenarios, [&](const scenario::Scenario& s) {
    return (s.suite + "/" + s.name).find(o.filter) == std::string::npos;
  });
  if (scenarios.empty()) {
    out << "error: no scenario" << (o.filter.empty() ? "" : " matches --filter " + o.filter)
        << "\n";
    return 2;
  }

  struct Job {
    const scenario::Scenario* scenario;
    int repetition;
  };
  std::vector<Job> jobs;
  for (int rep = 0; rep < std::max(1, o.repeat); ++rep)
    for (const auto& s : scenarios)
      jobs.push_back({&s, rep});
  const std::string work =
      o.work_dir.empty()
          ? (fs::temp_directory_path() / ("testbed-run-" + std::to_string(::getpid()))).string()
          : o.work_dir;
  scenario::RunSettings base;
  base.venue_binary = o.venue.empty() ? (own_folder() / "venue").string() : o.venue;
  base.engine_binary = o.engine.empty() ? (own_folder() / "engine").string() : o.engine;
  base.fixtures = fixtures;
  base.testbed_binary = (own_folder() / "testbed").string();
  base.seed = o.seed;
  base.cancel = &cancel;

  std::vector<scenario::ScenarioResult> results(jobs.size());
  std::atomic<std::size_t> next{0};
  std::mutex printing;
  std::size_t done = 0, failed = 0;
  const bool tty = &progress == &std::cerr && ::isatty(2);
  const auto worker = [&](int slot) {
    for (std::size_t i; (i = next++) < jobs.size() && !cancel;) {
      const Job& job = jobs[i];
      scenario::RunSettings settings = base;
      settings.slot = slot;
      const std::string id =
          job.scenario->suite + "/" + job.scenario->name + repetition(o, job.repetition, " #");
      const std::string relative = safe_name(job.scenario->suite) + "/" +
                                   safe_name(job.scenario->name) +
                                   repetition(o, job.repetition, "-");
      settings.work_dir = work + "/" + relative;
      if (!o.html.empty()) settings.html = o.html + "/" + relative + ".html";
      if (tty) {
        std::lock_guard lock(printing);
        progress << "\r\033[K[" << done << "/" << jobs.size() << "] " << failed
                 << " failed, running " << id << std::flush;
      }
      results[i] = scenario::run_scenario(*job.scenario, settings);
      const auto& r = results[i];
      std::lock_guard lock(printing);
      ++done;
      failed += !r.passed;
      if (tty) progress << "\r\033[K";
      char seconds[16];
      std::snprintf(seconds, sizeof seconds, "%.1f s", r.seconds);
      out << (r.passed ? "PASS " : "FAIL ") << id << " (" << seconds << ")"
          << (job.scenario->expect_fail && r.passed ? " failed as expected" : "") << "\n";
      if (!r.passed) {
        out << "    ";
        for (const char c : r.failure)
          out << c << (c == '\n' ? "    " : "");
        out << "\n    logs: " << r.work_dir << "\n";
      }
      out << std::flush;
      if (r.passed && !o.keep) {
        std::error_code ec;
        fs::remove_all(r.work_dir, ec);
      }
    }
  };
  std::vector<std::thread> threads;
  for (int j = 0; j < std::max(1, o.jobs); ++j)
    threads.emplace_back(worker, j);
  for (auto& t : threads)
    t.join();

  std::vector<JunitCase> cases;
  nlohmann::json report = nlohmann::json::array();
  std::size_t passed = 0;
  double seconds = 0;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const auto& r = results[i];
    if (r.name.empty()) continue;  // not run: interrupted
    passed += r.passed;
    seconds += r.seconds;
    const std::string name = r.name + repetition(o, jobs[i].repetition, " #");
    cases.push_back({r.suite, name, r.passed, r.passed ? "" : r.failure, r.seconds,
                     joined(r.log) + (r.passed ? "" : "logs: " + r.work_dir + "\n")});
    report.push_back(to_json(r));
  }
  if (!o.junit.empty()) write_junit(cases, o.junit);
  if (!o.json.empty()) {
    std::ofstream json(o.json);
    if (!json) throw std::runtime_error(o.json + ": cannot write the JSON report");
    json << report.dump(2) << "\n";
  }
  out << passed << " of " << jobs.size() << " scenario run(s) passed";
  if (cancel) out << " (interrupted: " << jobs.size() - cases.size() << " not run)";
  out << "\n";
  std::error_code ec;
  if (passed == jobs.size() && !o.keep && o.work_dir.empty()) fs::remove_all(work, ec);
  return passed == jobs.size() && !cancel ? 0 : 1;
}

}  // namespace vtb::tools
