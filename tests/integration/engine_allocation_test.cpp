// The engine's hot path allocates nothing: the engine runs in this process, against the venue as
// a separate process, with operator new counted (vtb_allocation_counter). After a warm-up (logon,
// snapshot, first orders: buffers reach their size), a few seconds of trading must allocate
// nothing at all, in any thread of this process.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "common/app/child_process.hpp"
#include "engine/engine.hpp"
#include "tests/support/allocation_counter.hpp"
#include "tests/support/test_run.hpp"
#include "tests/support/venue_runs.hpp"

namespace vtb {
namespace {

using namespace std::chrono_literals;
using app::ChildProcess;
using testing::TestRun;

engine::EngineConfig reflector_config(const TestRun& run) {
  engine::EngineConfig c;
  c.session = fix::SessionConfig::load_initiator(VTB_SOURCE_DIR "/fixtures/engine-session.cfg");
  c.session.connect_port = run.fix_port;
  c.feed_a = net::UdpEndpoint::parse_group(run.feed_a, "feed A");
  c.feed_b = net::UdpEndpoint::parse_group(run.feed_b, "feed B");
  c.retransmit = net::UdpEndpoint::parse("127.0.0.1:" + std::to_string(run.retransmit_port), "re");
  c.snapshot = net::UdpEndpoint::parse("127.0.0.1:" + std::to_string(run.snapshot_port), "snap");
  c.symbol = "ACME";
  // The reflector sends on every book change: the most orders, reports and feed per second.
  engine::ReflectorConfig reflector;
  reflector.ticks_away = 500;
  c.strategy = reflector;
  c.risk.max_open_orders = 64;
  c.risk.max_orders_per_second = 0;
  c.risk.max_position = 1'000'000'000;
  return c;
}

TEST(EngineAllocation, SteadyStateTradingAllocatesNothing) {
  TestRun run;
  ChildProcess venue(testing::venue_command(run), run.path("venue.out"));
  engine::EngineConfig config = reflector_config(run);
  config.duration_s = 2;  // each run(): the warm-up, then the measured one
  std::optional<engine::Engine> e;
  for (int attempt = 0;; ++attempt) {  // until the venue listens
    try {
      e.emplace(config);
      e->start();
      break;
    } catch (const std::exception& error) {
      e.reset();
      ASSERT_LT(attempt, 50) << error.what() << "\n" << venue.output();
      std::this_thread::sleep_for(100ms);
    }
  }
  const std::atomic<bool> no{false};
  e->run(no, no);
  const auto warm = engine::to_json(e->summary());
  ASSERT_GT(warm["orders_sent"].get<int>(), 0) << warm.dump(2);

  const std::uint64_t before = testing::allocations();
  e->run(no, no);
  const std::uint64_t allocated = testing::allocations() - before;
  const auto after = engine::to_json(e->summary());
  EXPECT_EQ(after["end_reason"], "duration reached");
  const int orders = after["orders_sent"].get<int>() - warm["orders_sent"].get<int>();
  EXPECT_GT(orders, 10) << after.dump(2);
  EXPECT_GT(after["feed"]["messages"].get<long>(), warm["feed"]["messages"].get<long>());
  EXPECT_EQ(allocated, 0u) << orders << " orders in 2 s of trading";
  std::cout << orders << " orders, " << allocated << " allocations in the measured 2 s\n";
  e->shutdown();

  // The counter sees allocations: this test can fail.
  const std::uint64_t probe = testing::allocations();
  const std::string grown(1000, 'x');
  EXPECT_GT(testing::allocations(), probe) << grown.size();
}

}  // namespace
}  // namespace vtb
