// Reading scenario files: what a user writes becomes the scenario, and every mistake is an error
// naming the file, line, column and key (a typo must never switch an assertion off). Every
// shipped scenario reads.

#include "tools/testbed/scenario/scenario_file.hpp"
#include "tools/testbed/scenario/topology.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace vtb::scenario {
namespace {

namespace fs = std::filesystem;

const std::string kFixtures = VTB_SOURCE_DIR "/fixtures";

class ScenarioFile : public ::testing::Test {
 protected:
  ScenarioFile()
      : dir_(fs::temp_directory_path() / ("vtb-scenario-" + std::to_string(::getpid()))) {
    fs::create_directories(dir_ / "suite");
  }
  ~ScenarioFile() override { fs::remove_all(dir_); }

  std::string write(const std::string& text) {
    const std::string path = (dir_ / "suite" / "s.yaml").string();
    std::ofstream(path) << text;
    return path;
  }
  Scenario read(const std::string& text) { return read_scenario_file(write(text), kFixtures); }
  // The error reading `text` gives, after the file name.
  std::string error(const std::string& text) {
    const std::string path = write(text);
    try {
      read_scenario_file(path, kFixtures);
    } catch (const ScenarioError& e) {
      const std::string message = e.what();
      return message.starts_with(path) ? message.substr(path.size()) : message;
    }
    return "no error";
  }
  fs::path dir_;
};

TEST_F(ScenarioFile, ReadsEverySectionIntoTheScenario) {
  const Scenario s = read(R"(name: full
description: every section
seed: 7
duration: 1.5s
venue:
  instruments:
    - {symbol: ZED, tick: "0.05", lot: 10, reference: "20.00"}
  agents: {seed: 3, levels: 2, quantity: 100, noise_rate: 5, step: 2ms}
  feed: {b: false, history: 500, flush: 50us}
engine:
  reference: {symbol: ZED, options: [--strategy, market-maker]}
  ready_timeout: 5s
timeline:
  - {name: halt, at: 250ms, halt: ZED}
  - {after: halt, delay: 100ms, resume: ZED}
  - at: 400ms
    feed: {action: drop, feeds: A, probability: 0.25}
  - at: 500ms
    order: {session: CLIENT1, id: o1, side: buy, symbol: ZED, quantity: 10, price: "20.05", tif: ioc}
  - at: 600ms
    burst: {session: CLIENT2, side: mixed, symbol: ZED, quantity: 10, price: "19.95", rate: 100, duration: 100ms}
assertions:
  - orders: {at_least: 1, side: buy, from: 100ms, message: any}
  - no_orders_while_halted: {grace: 2ms}
  - tick_to_trade: {percentile: 99.9, at_most: 40us}
)");
  EXPECT_EQ(s.name, "full");
  EXPECT_EQ(s.suite, "suite");
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.duration, 1'500'000'000);
  EXPECT_EQ(s.venue.instruments,
            "inline:symbol,tick_size,lot_size,reference_price\nZED,0.05,10,20.00\n");
  EXPECT_EQ(s.venue.agents.step, 2'000'000);
  EXPECT_FALSE(s.venue.feed_b);
  EXPECT_EQ(s.venue.feed_history, 500u);
  EXPECT_DOUBLE_EQ(s.venue.feed_flush_us, 50);
  ASSERT_TRUE(std::holds_alternative<ReferenceEngine>(s.engine.kind));
  EXPECT_EQ(std::get<ReferenceEngine>(s.engine.kind).options,
            (std::vector<std::string>{"--strategy", "market-maker"}));
  ASSERT_EQ(s.timeline.size(), 5u);
  EXPECT_EQ(std::get<ControlStep>(s.timeline[0].action).command, "halt ZED");
  EXPECT_EQ(s.timeline[1].at, 350'000'000);  // after halt + delay
  const auto& drop = std::get<ControlStep>(s.timeline[2].action);
  EXPECT_EQ(drop.command, "feed drop A probability 0.25");
  EXPECT_EQ(drop.seed_offset, 2u);  // seeded from the run's seed
  EXPECT_EQ(std::get<OrderStep>(s.timeline[3].action).tif, "ioc");
  EXPECT_DOUBLE_EQ(std::get<BurstStep>(s.timeline[4].action).rate, 100);
  ASSERT_EQ(s.assertions.size(), 3u);
  EXPECT_EQ(std::get<OrdersAssertion>(s.assertions[0].kind).filter.message, "any");
  EXPECT_EQ(std::get<NoOrdersWhileHalted>(s.assertions[1].kind).grace, 2'000'000);
  EXPECT_EQ(std::get<TickToTrade>(s.assertions[2].kind).at_most, 40'000);
  EXPECT_EQ(s.assertions[2].where.line, 25);
  EXPECT_FALSE(s.topology.hosts);
}

TEST_F(ScenarioFile, ReadsAVenueRestartAndAnEngineThatKeepsItsNumbers) {
  const Scenario s = read(R"(engine: {reference: {reset_on_logon: false}}
timeline:
  - {at: 100ms, restart_venue: true}
  - {at: 200ms, restart_venue: {down: 50ms}}
assertions:
  - logons: {equals: 3}
  - position: {symbol: ACME, equals: 0, at: 150ms}
  - open_orders: {equals: 0, at: 250ms}
)");
  EXPECT_FALSE(std::get<ReferenceEngine>(s.engine.kind).reset_on_logon);
  EXPECT_EQ(std::get<PositionAssertion>(s.assertions[1].kind).at, 150'000'000);
  EXPECT_EQ(std::get<OpenOrdersAssertion>(s.assertions[2].kind).at, 250'000'000);
  ASSERT_EQ(s.timeline.size(), 2u);
  EXPECT_EQ(std::get<RestartVenueStep>(s.timeline[0].action).down, 0);
  EXPECT_EQ(std::get<RestartVenueStep>(s.timeline[1].action).down, 50'000'000);
}

TEST_F(ScenarioFile, ReadsHostsAndTheirImpairment) {
  const Scenario s = read(R"(topology:
  hosts: true
  netem: {delay: 1ms, jitter: 100us, loss: 0.5, duplicate: 1, reorder: 5}
assertions:
  - logons: {equals: 1}
)");
  ASSERT_TRUE(s.topology.hosts);
  ASSERT_TRUE(s.topology.netem);
  EXPECT_EQ(netem_arguments(*s.topology.netem),
            "delay 1000us 100us loss 0.5% duplicate 1% reorder 5%");
  EXPECT_TRUE(read("topology: hosts\nassertions:\n  - logons: {equals: 1}\n").topology.hosts);
}

TEST_F(ScenarioFile, EveryMistakeNamesItsLineColumnAndKey) {
  const std::string engine = "engine: {reference: {symbol: ACME}}\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"name: x\nassertons:\n  - orders: {at_least: 1}\n",
       ":2:1: unknown key 'assertons' in 'scenario'"},
      {"name: x\nassertions:\n  - orders: {at_lest: 1}\n",
       ":3:14: unknown key 'at_lest' in 'orders'"},
      {"name: x\nassertions:\n  - ordres: {at_least: 1}\n",
       ":3:5: unknown key 'ordres' in 'assertion'"},
      {"name: x\nassertions:\n  - orders: {side: buy}\n",
       ":3:13: 'orders' needs equals, at_least or at_most"},
      {"name: x\nassertions:\n  - terminal_states: false\n",
       ":3:22: 'terminal_states: false' asserts nothing"},
      {"duration: 2 seconds\nassertions:\n  - terminal_states: true\n",
       ":1:11: 'duration' must be a duration such as 250ms"},
      {"timeline:\n  - {at: 1s, halt: ACME, resume: ACME}\nassertions:\n  - logons: {equals: 1}\n",
       ":2:5: a step does one thing: 2 actions given"},
      {"timeline:\n  - {after: open, halt: ACME}\nassertions:\n  - logons: {equals: 1}\n",
       ":2:13: 'after: open' names no earlier step"},
      {"timeline:\n  - {at: 2s, halt: ACME}\nassertions:\n  - logons: {equals: 1}\n",
       ":2:5: step 1 is after the scenario's duration"},
      {"timeline:\n  - at: 1ms\n    feed: {action: drop, feeds: C, count: 1}\nassertions:\n  - "
       "logons: {equals: 1}\n",
       ":3:33: 'feeds' must be one of A, B, both, not 'C'"},
      {"timeline:\n  - at: 1ms\n    feed: {action: drop}\nassertions:\n  - logons: {equals: 1}\n",
       ":3:11: 'feed' needs count, probability or seq"},
      {"timeline:\n  - at: 1ms\n    order: {session: CLIENT1, id: a, side: buy, symbol: ACME, "
       "quantity: 1}\nassertions:\n  - logons: {equals: 1}\n",
       ":3:12: a limit 'order' needs 'price'"},
      {"capture: maybe\nassertions:\n  - logons: {equals: 1}\n",
       ":1:10: 'capture' must be true or false, not 'maybe'"},
      {"topology: mesh\nassertions:\n  - logons: {equals: 1}\n",
       ":1:11: 'topology' must be one of loopback, hosts, not 'mesh'"},
      {"topology: {hosts: true, netem: {reorder: 5}}\nassertions:\n  - logons: {equals: 1}\n",
       ":1:42: netem reorders delayed packets only: give 'delay' too"},
      {"topology: {hosts: true, netem: {loss: 150}}\nassertions:\n  - logons: {equals: 1}\n",
       ":1:39: 'loss' is a percentage, 0 to 100"},
      {"venue: {sessions: nowhere.cfg}\nassertions:\n  - logons: {equals: 1}\n",
       ":1:19: 'sessions': no such file"},
      {"engine: {command: \"x {fix_prot}\"}\nassertions:\n  - logons: {equals: 1}\n",
       ":1:19: 'command': unknown placeholder {fix_prot}"},
      {"engine: {command: x}\nassertions:\n  - tick_to_trade: {at_most: 1ms}\n",
       ":3:5: 'tick_to_trade' needs 'capture: true' (the wire's figure), or the reference"},
      {"engine: {command: x}\ncapture: true\nassertions:\n  - tick_to_trade: {percentile: 95, "
       "at_most: 1ms}\n",
       ":4:33: 'percentile' must be 50, 90, 99, 99.9 or 100"},
      {"timeline:\n  - at: 1ms\n    throttle: {session: ENGINE, per_second: -1}\nassertions:\n"
       "  - logons: {equals: 1}\n",
       ":3:45: 'per_second' must be 0 to 1000000"},
      {"timeline:\n  - at: 1ms\n    delay_acks: {session: ENGINE, delay: 1ms, jitter: 2ms}\n"
       "assertions:\n  - logons: {equals: 1}\n",
       ":3:55: 'jitter' must not exceed 'delay'"},
      {"timeline:\n  - at: 1ms\n    heartbeats: {session: ENGINE}\nassertions:\n"
       "  - logons: {equals: 1}\n",
       ":3:17: 'heartbeats' needs 'session' and 'enabled'"},
      {"timeline:\n  - at: 1ms\n    fill_in_parts: {symbol: ACME, max_quantity: -5}\n"
       "assertions:\n  - logons: {equals: 1}\n",
       ":3:49: 'max_quantity' must be 0 (off) or above"},
      {"timeline:\n  - at: 1ms\n    restart_venue: false\nassertions:\n  - logons: {equals: 1}\n",
       ":3:20: 'restart_venue: false' does nothing"},
      {"timeline:\n  - at: 1ms\n    restart_venue: {dwon: 1ms}\nassertions:\n"
       "  - logons: {equals: 1}\n",
       ":3:21: unknown key 'dwon' in 'restart_venue'"},
      {"engine: {reference: {heartbeat_interval: 1500ms}}\nassertions:\n  - logons: {equals: 1}\n",
       ":1:42: 'heartbeat_interval' must be whole seconds"},
      {"assertions:\n  - ack_latency: {percentile: 50}\n",
       ":2:18: 'ack_latency' needs 'at_most' or 'at_least'"},
      {"assertions:\n  - messages: {sender: broker, type: j, at_least: 1}\n",
       ":2:24: 'sender' must be one of engine, venue, not 'broker'"},
      {"name: [unclosed\n", ":2:1: end of sequence flow not found"},
      {engine + "name: x\n", ":1:1: a scenario needs 'assertions'"},
  };
  for (const auto& [text, expected] : cases) {
    const std::string got = error(text);
    EXPECT_TRUE(got.starts_with(expected)) << "for:\n" << text << "got: " << got;
  }
}

TEST_F(ScenarioFile, ParsesDurationsInEveryUnit) {
  EXPECT_EQ(parse_duration("250ms"), 250'000'000);
  EXPECT_EQ(parse_duration("1.5s"), 1'500'000'000);
  EXPECT_EQ(parse_duration("200us"), 200'000);
  EXPECT_EQ(parse_duration("200\xC2\xB5s"), 200'000);
  EXPECT_EQ(parse_duration("500ns"), 500);
  EXPECT_EQ(parse_duration("0"), 0);  // the one number that needs no unit
  EXPECT_EQ(parse_duration("5"), std::nullopt);
  EXPECT_EQ(parse_duration("-1ms"), std::nullopt);
  EXPECT_EQ(parse_duration("ms"), std::nullopt);
}

TEST_F(ScenarioFile, EveryShippedScenarioReads) {
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(VTB_SOURCE_DIR "/scenarios")) {
    if (e.path().extension() != ".yaml") continue;
    ++files;
    EXPECT_NO_THROW(read_scenario_file(e.path().string(), kFixtures)) << e.path();
  }
  EXPECT_GE(files, 24);
}

}  // namespace
}  // namespace vtb::scenario
