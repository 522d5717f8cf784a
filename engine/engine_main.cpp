// engine: the reference low-latency trading engine under test.

#include <atomic>
#include <csignal>
#include <cstdio>

#include "common/app/main_support.hpp"
#include "common/hot_path/on_huge_page.hpp"
#include "engine/engine.hpp"
#include "engine/engine_options.hpp"

namespace {

std::atomic<bool> g_stop{false};
std::atomic<bool> g_kill{false};

}  // namespace

int main(int argc, char** argv) {
  using namespace vtb::engine;
  return vtb::app::run_reporting_errors("engine", [&] {
    auto parsed = parse_engine_options(argc, argv);
    if (const int* exit_code = std::get_if<int>(&parsed)) return *exit_code;
    const EngineOptions& options = std::get<EngineOptions>(parsed);
    vtb::app::pin_if_requested(options.cpu);
    std::signal(SIGINT, [](int) { g_stop.store(true, std::memory_order_relaxed); });
    std::signal(SIGTERM, [](int) { g_stop.store(true, std::memory_order_relaxed); });
    // The kill switch: no more orders, the session stays up.
    std::signal(SIGUSR1, [](int) { g_kill.store(true, std::memory_order_relaxed); });

    // On a huge page of its own: the packet path then touches fewer pages (OnHugePage).
    vtb::OnHugePage<Engine> engine(options.engine);
    engine->start();
    engine->report_started(stderr);
    engine->run(g_stop, g_kill);
    engine->shutdown();
    const EngineSummary summary = engine->summary();
    print_summary(summary, stdout);
    vtb::app::write_summary_json(options.summary_json, to_json(summary));
    return 0;
  });
}
