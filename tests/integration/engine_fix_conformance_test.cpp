// The engine's FIX traffic judged by QuickFIX: a QuickFIX acceptor with the venue's data dictionary
// and every validation on takes the engine's session (the venue still supplies the market data),
// and must find nothing wrong with any message the engine sends.

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "common/app/child_process.hpp"
#include "common/fix/message_view.hpp"
#include "common/fix/tags.hpp"
#include "tests/support/engine_fix_support.hpp"
#include "tests/support/fix_text.hpp"
#include "tests/support/test_run.hpp"
#include "tests/support/venue_runs.hpp"
#include "tools/quickfix_reference/quickfix_acceptor.hpp"
#include "tools/quickfix_reference/quickfix_validator.hpp"

namespace vtb {
namespace {

using namespace std::chrono_literals;
using app::ChildProcess;
using quickfix_reference::QuickFixAcceptor;
using quickfix_reference::QuickFixValidator;
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
  QuickFixAcceptor::Options acceptor_options;
  acceptor_options.port = port;
  acceptor_options.sender_comp_id = "VENUE";
  acceptor_options.target_comp_id = "ENGINE";
  acceptor_options.dictionary = testing::kVenueDictionary;
  QuickFixAcceptor acceptor(acceptor_options);
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

struct MarketMakerVersion {
  std::string name, begin_string, dictionary;
  bool fixt() const { return begin_string == "FIXT.1.1"; }
};

void PrintTo(const MarketMakerVersion& v, std::ostream* os) {
  *os << v.name;
}

class MarketMakerConformance : public ::testing::TestWithParam<MarketMakerVersion> {};

// The market maker's messages — NewOrderSingle for its quotes, OrderCancelReplaceRequest as the
// book moves, OrderCancelRequest when the kill switch pulls them — judged by a QuickFIX acceptor
// with the venue's dictionary for each FIX version, every validation on. The acceptor keeps the
// quotes resting and confirms each replace and cancel, as a venue would; they never trade.
TEST_P(MarketMakerConformance, QuickFixAcceptsEveryQuoteReplaceAndCancel) {
  const MarketMakerVersion& v = GetParam();
  TestRun run;
  ChildProcess venue(testing::venue_command(run), run.path("venue.out"));
  ASSERT_TRUE(testing::wait_until_listening(run.snapshot_port, 20s)) << venue.output();

  const std::uint16_t port = testing::free_tcp_port();
  const std::string fixtures = VTB_SOURCE_DIR "/fixtures/";
  QuickFixAcceptor::Options options;
  options.port = port;
  options.begin_string = v.begin_string;
  options.sender_comp_id = "VENUE";
  options.target_comp_id = "ENGINE";
  options.dictionary = fixtures + v.dictionary;
  options.transport_dictionary = fixtures + "venue-fixt11.xml";
  options.app_dictionary = fixtures + "venue-fix50sp2.xml";
  options.default_appl_ver_id = "FIX.5.0SP2";
  options.keep_orders = true;
  QuickFixAcceptor acceptor(options);
  std::map<std::string, std::string> session = {{"SocketConnectPort", std::to_string(port)},
                                                {"BeginString", v.begin_string}};
  if (v.fixt()) session["DefaultApplVerID"] = "FIX.5.0SP2";
  const std::string session_file = testing::write_engine_session(run, session);
  ChildProcess engine(
      testing::engine_with_session(
          run, session_file,
          {"--strategy", "market-maker", "--quote-edge-ticks", "3", "--requote-ticks", "1",
           "--max-order-rate", "0", "--duration", "5", "--summary-json", run.path("engine.json")}),
      run.path("engine.out"));
  ASSERT_TRUE(acceptor.wait_logged_on(20s)) << engine.output() << first_lines(acceptor.events());
  std::this_thread::sleep_for(3s);  // quoting, and moving the quotes as the book moves
  engine.signal(SIGUSR1);           // the kill switch: the quotes are pulled
  ASSERT_EQ(engine.wait(30s), 0) << engine.output();
  ASSERT_TRUE(acceptor.wait_logged_out(10s)) << first_lines(acceptor.events());
  acceptor.stop();

  EXPECT_TRUE(acceptor.problems().empty())
      << first_lines(acceptor.problems()) << "QuickFIX's events:\n"
      << first_lines(acceptor.events());
  std::map<std::string, int> by_type;
  for (const std::string& raw : acceptor.received())
    ++by_type[std::string(fix::MessageView(raw).msg_type())];
  const auto summary = testing::read_json(run.path("engine.json"));
  ASSERT_FALSE(summary.is_discarded()) << engine.output();
  // Quotes, moved many times as the book moved, pulled when a side had no target and at the
  // kill switch: every one of them reached QuickFIX and was answered.
  EXPECT_GE(by_type["D"], 2) << engine.output();
  EXPECT_GT(by_type["G"], 0) << "the book moved for 3 s: " << engine.output();
  EXPECT_GE(by_type["F"], 1) << "the kill switch pulled the quotes: " << engine.output();
  EXPECT_EQ(by_type["D"], summary["orders_sent"].get<int>());
  EXPECT_EQ(acceptor.orders_answered(), static_cast<std::size_t>(by_type["D"]));
  EXPECT_EQ(acceptor.cancels_answered(), static_cast<std::size_t>(by_type["F"]));
  EXPECT_EQ(by_type["3"], 0) << "the engine rejected nothing QuickFIX sent";
  EXPECT_EQ(acceptor.replaces_answered(), static_cast<std::size_t>(by_type["G"]));
  EXPECT_EQ(summary["quotes"]["replaces_sent"].get<int>(), by_type["G"]);
  EXPECT_EQ(summary["quotes"]["cancels_sent"].get<int>(), by_type["F"]);
  EXPECT_EQ(summary["session_rejects"].get<int>(), 0);
  EXPECT_EQ(summary["open_orders_at_end"].get<int>(), 0);
  EXPECT_FALSE(summary["quotes"]["bid_live"].get<bool>());
  EXPECT_FALSE(summary["quotes"]["ask_live"].get<bool>());
}

INSTANTIATE_TEST_SUITE_P(
    Versions, MarketMakerConformance,
    ::testing::Values(MarketMakerVersion{"Fix42", "FIX.4.2", "venue-fix42.xml"},
                      MarketMakerVersion{"Fix44", "FIX.4.4", "venue-fix44.xml"},
                      MarketMakerVersion{"Fix50Sp2", "FIXT.1.1", ""}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace vtb
