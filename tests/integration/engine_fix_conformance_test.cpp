// The engine's FIX traffic judged by QuickFIX: a QuickFIX acceptor with the venue's data dictionary
// and every validation on takes the engine's session (the venue still supplies the market data),
// and must find nothing wrong with any message the engine sends.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/fix/message_view.hpp"
#include "common/fix/tags.hpp"
#include "tests/integration/engine_fix_support.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/fix_text.hpp"
#include "tests/support/test_run.hpp"
#include "tests/support/venue_runs.hpp"
#include "tools/quickfix_reference/quickfix_acceptor.hpp"
#include "tools/quickfix_reference/quickfix_validator.hpp"

namespace vtb {
namespace {

using namespace std::chrono_literals;
using quickfix_reference::QuickFixAcceptor;
using quickfix_reference::QuickFixValidator;
using testing::ChildProcess;
using testing::TestRun;
namespace fs = std::filesystem;
namespace tag = fix::tag;

// The first lines of a list, readable, for a failure message.
std::string first_lines(const std::vector<std::string>& lines) {
  constexpr std::size_t kShown = 30;
  std::string text;
  for (std::size_t i = 0; i < lines.size() && i < kShown; ++i)
    text += testing::bars(lines[i]) + '\n';
  if (lines.size() > kShown) text += "... and " + std::to_string(lines.size() - kShown) + " more\n";
  return text;
}

TEST(EngineFixConformance, QuickFixAcceptsEveryMessageTheEngineSends) {
  for (const std::string& needed : {testing::kVenueDictionary, testing::kEngineSessionFixture}) {
    if (!fs::exists(needed)) GTEST_SKIP() << "SKIPPED: " << needed << " is missing";
  }
  TestRun run;
  ChildProcess venue(testing::venue_command(run), run.path("venue.out"));
  ASSERT_TRUE(testing::wait_until_listening(run.snapshot_port, 20s)) << venue.output();

  const std::uint16_t port = testing::free_tcp_port();
  QuickFixAcceptor acceptor({.port = port,
                             .begin_string = "FIX.4.4",
                             .sender_comp_id = "VENUE",
                             .target_comp_id = "ENGINE",
                             .dictionary = testing::kVenueDictionary});
  const std::string session =
      testing::write_engine_session(run, {{"SocketConnectPort", std::to_string(port)}});
  auto options = testing::reflector_options(
      {"--reflect-once-per-packet", "--summary-json", run.path("engine.json")});
  options.insert(options.end(), {"--duration", "3"});
  ChildProcess engine(testing::engine_with_session(run, session, options), run.path("engine.out"));
  ASSERT_TRUE(acceptor.wait_logged_on(20s)) << engine.output() << first_lines(acceptor.events());
  ASSERT_EQ(engine.wait(30s), 0) << engine.output();
  ASSERT_TRUE(acceptor.wait_logged_out(10s)) << first_lines(acceptor.events());
  acceptor.stop();

  // QuickFIX found nothing wrong while the session ran: no Reject, no BusinessMessageReject, no
  // message it could not parse, no sequence gap.
  EXPECT_TRUE(acceptor.problems().empty())
      << first_lines(acceptor.problems()) << "QuickFIX's events:\n"
      << first_lines(acceptor.events());

  const auto received = acceptor.received();
  const auto summary = testing::read_json(run.path("engine.json"));
  ASSERT_FALSE(summary.is_discarded()) << engine.output();
  std::map<std::string, int> by_type;
  std::int64_t expected_seq = 1;
  const QuickFixValidator validator(testing::kVenueDictionary);
  for (const std::string& raw : received) {
    // And again, message by message, outside a session: every check the dictionary allows.
    EXPECT_EQ(validator.validate(raw), "") << testing::bars(raw);
    const fix::MessageView message(raw);
    ++by_type[std::string(message.msg_type())];
    EXPECT_EQ(message.get_int(tag::MsgSeqNum), expected_seq++) << testing::bars(raw);
    EXPECT_EQ(message.get(tag::SenderCompID), "ENGINE") << testing::bars(raw);
    EXPECT_EQ(message.get(tag::TargetCompID), "VENUE") << testing::bars(raw);
  }
  ASSERT_FALSE(received.empty());
  EXPECT_EQ(fix::MessageView(received.front()).msg_type(), "A");
  EXPECT_EQ(fix::MessageView(received.back()).msg_type(), "5") << "the engine logs out at the end";
  EXPECT_EQ(by_type["A"], 1);
  EXPECT_EQ(by_type["5"], 1);
  EXPECT_EQ(by_type["3"], 0) << "the engine rejected nothing QuickFIX sent";
  // Every order the engine counts reached QuickFIX, and every report QuickFIX sent reached it.
  const int orders = by_type["D"];
  EXPECT_GE(orders, 20) << engine.output();
  EXPECT_EQ(orders, summary["orders_sent"].get<int>());
  EXPECT_EQ(acceptor.orders_answered(), static_cast<std::size_t>(orders));
  EXPECT_EQ(summary["canceled"].get<int>(), orders);
  EXPECT_EQ(summary["open_orders_at_end"].get<int>(), 0);
  EXPECT_EQ(summary["session_rejects"].get<int>(), 0);
  EXPECT_EQ(summary["rejected"].get<int>(), 0);
  EXPECT_EQ(summary["end_reason"], "duration reached");
}

}  // namespace
}  // namespace vtb
