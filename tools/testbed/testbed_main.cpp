// testbed: the test bed's tools, one subcommand each.

#include <atomic>
#include <csignal>
#include <iostream>

#include "common/app/main_support.hpp"
#include "tools/testbed/testbed_options.hpp"

namespace {

std::atomic<bool> g_stop{false};

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;  // clang before 17 does not deduce aggregates

}  // namespace

int main(int argc, char** argv) {
  using namespace vtb::tools;
  return vtb::app::run_reporting_errors("testbed", [&] {
    auto parsed = parse_testbed_options(argc, argv);
    if (const int* exit_code = std::get_if<int>(&parsed)) return *exit_code;
    return std::visit(
        Overloaded{
            [](const FeedDumpOptions& o) { return run_feed_dump(o, std::cout); },
            [](const FixValidateOptions& o) { return run_fix_validate(o, std::cout); },
            [](const vtb::conform::RunnerOptions& o) {
              return vtb::conform::run_conform(o, std::cout);
            },
            [](const ReplayOptions& o) { return run_replay(o, std::cout); },
            [](const AnalyzeOptions& o) { return run_analyze(o, std::cout); },
            [](const RunOptions& o) {
              std::signal(SIGINT, [](int) { g_stop = true; });
              std::signal(SIGTERM, [](int) { g_stop = true; });
              return run_scenarios(o, g_stop, std::cout, std::cerr);
            },
            [](const LoadCommandOptions& o) { return run_load(o, std::cout, std::cerr); },
            [](const CaptureCommandOptions& o) {
              std::signal(SIGINT, [](int) { g_stop = true; });
              std::signal(SIGTERM, [](int) { g_stop = true; });
              return run_capture(o, g_stop, std::cout, std::cerr);
            },
        },
        std::get<TestbedCommand>(parsed));
  });
}
