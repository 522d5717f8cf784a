// The engine's FIX session against a venue that misbehaves on purpose: a FIX acceptor scripted by
// each test (plain sockets on loopback) sends TestRequest, ResendRequest, SequenceReset, garbled
// messages, messages ahead of sequence, a Logout, or drops the connection, and checks the bytes
// the engine answers with against the FIX session rules (as QuickFIX applies them). The venue
// supplies the market data that makes the engine (reflector strategy) send orders throughout.

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/app/child_process.hpp"
#include "common/fix/message_view.hpp"
#include "common/fix/message_writer.hpp"
#include "common/fix/tags.hpp"
#include "common/time/clock.hpp"
#include "tests/support/engine_fix_support.hpp"
#include "tests/support/fix_text.hpp"
#include "tests/support/test_run.hpp"
#include "tests/support/venue_runs.hpp"
#include "tools/quickfix_reference/quickfix_validator.hpp"

namespace vtb {
namespace {

using namespace std::chrono_literals;
using app::ChildProcess;
using testing::TestRun;
namespace fs = std::filesystem;
namespace tag = fix::tag;
using Fields = std::vector<std::pair<int, std::string>>;
using Want = std::function<bool(const fix::MessageView&)>;

std::string field(const std::string& raw, int t) {
  return std::string(fix::MessageView(raw).get(t).value_or("<absent>"));
}

std::uint64_t seq_of(const std::string& raw) {
  return static_cast<std::uint64_t>(fix::MessageView(raw).get_int(tag::MsgSeqNum).value_or(0));
}

Want type(std::string_view msg_type) {
  return [msg_type](const fix::MessageView& m) { return m.msg_type() == msg_type; };
}

// A new order (not a resent one).
const Want kNewOrder = [](const fix::MessageView& m) {
  return m.msg_type() == "D" && m.get(tag::PossDupFlag) != std::string_view("Y");
};

// The venue's side of the session, played by the test on loopback: it records everything the
// engine sends, answers each NewOrderSingle with an ExecutionReport that cancels it (so the
// engine's open-order limit never stalls it), and sends what the test says, with its own
// sequence numbers.
class ScriptedVenue {
 public:
  ScriptedVenue() {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(listener_, 4) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("scripted venue: cannot listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
  }
  ~ScriptedVenue() {
    drop();
    stop_listening();
  }
  ScriptedVenue(const ScriptedVenue&) = delete;
  ScriptedVenue& operator=(const ScriptedVenue&) = delete;

  std::uint16_t port() const { return port_; }

  // Waits for the engine to connect.
  bool accept(std::chrono::milliseconds timeout) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) != 1) return false;
    if (connection_ >= 0) ::close(connection_);
    connection_ = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    inbox_.clear();
    closed_ = false;
    connection_starts_.push_back(received_.size());
    return connection_ >= 0;
  }
  // Refuses connections from now on.
  void stop_listening() {
    if (listener_ >= 0) ::close(listener_);
    listener_ = -1;
  }
  // Closes the connection abruptly (RST, no Logout), as a venue crash or a cut line would.
  void drop() {
    if (connection_ < 0) return;
    const linger abort{1, 0};
    ::setsockopt(connection_, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    ::close(connection_);
    connection_ = -1;
  }

  // The next message from the engine that `want` accepts, within `timeout`. Session-level
  // trouble it does not want (a ResendRequest, a Reject or a Logout from the engine) fails the
  // test: in these scenarios the engine must stay quiet unless the rules call for them.
  std::optional<std::string> expect(const Want& want, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      while (auto message = next_framed()) {
        const fix::MessageView view(*message);
        if (want(view)) return message;
        if (view.msg_type() == "2" || view.msg_type() == "3" || view.msg_type() == "5") {
          ADD_FAILURE() << "the engine sent, unasked: " << testing::bars(*message);
        }
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left <= 0ms || closed_ || !read_some(left)) return std::nullopt;
    }
  }
  // True once the engine has closed the connection, within `timeout`.
  bool wait_closed(std::chrono::milliseconds timeout) {
    expect([](const fix::MessageView&) { return false; }, timeout);
    return closed_;
  }

  // A message from the venue with MsgSeqNum `seq` (the script's own numbering is left alone):
  // the standard header, `header` fields, in tag order, then `body`.
  std::string build(std::string_view msg_type, std::uint64_t seq, const Fields& body,
                    Fields header = {}) const {
    header.emplace_back(tag::MsgSeqNum, std::to_string(seq));
    header.emplace_back(tag::SenderCompID, "VENUE");
    header.emplace_back(tag::SendingTime, testing::utc_now());
    header.emplace_back(tag::TargetCompID, "ENGINE");
    std::stable_sort(header.begin(), header.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string buffer(8192, '\0');
    fix::MessageWriter w(buffer.data(), buffer.size(), "FIX.4.4");
    w.field(tag::MsgType, msg_type);
    for (const auto& [t, value] : header)
      w.field(t, value);
    for (const auto& [t, value] : body)
      w.field(t, value);
    buffer.resize(w.finish());
    return buffer;
  }
  // Sends a message with the script's next sequence number.
  std::uint64_t send(std::string_view msg_type, const Fields& body = {}) {
    const std::uint64_t seq = next_seq_++;
    send_raw(build(msg_type, seq, body));
    return seq;
  }
  void send_raw(const std::string& bytes) {
    EXPECT_TRUE(write(bytes)) << "the engine's connection is gone: " << testing::bars(bytes);
  }
  std::uint64_t next_seq() const { return next_seq_; }
  void set_next_seq(std::uint64_t seq) { next_seq_ = seq; }
  std::uint64_t reports_sent() const { return reports_; }

  // Every message the engine sent, on every connection, oldest first.
  const std::vector<std::string>& received() const { return received_; }
  // Index in received() of each connection's first message.
  const std::vector<std::size_t>& connection_starts() const { return connection_starts_; }
  std::vector<std::string> received_of_type(std::string_view msg_type, std::size_t from = 0) const {
    std::vector<std::string> out;
    for (std::size_t i = from; i < received_.size(); ++i) {
      if (fix::MessageView(received_[i]).msg_type() == msg_type) out.push_back(received_[i]);
    }
    return out;
  }

 private:
  // Takes the next whole message off the inbox, records it and answers it if it is an order.
  std::optional<std::string> next_framed() {
    const auto frame = fix::frame_message(inbox_, 1 << 20);
    if (frame.status == fix::FrameStatus::Incomplete) return std::nullopt;
    std::string message = inbox_.substr(0, frame.length);
    inbox_.erase(0, frame.length);
    if (frame.status != fix::FrameStatus::Complete) {
      ADD_FAILURE() << "the engine sent a garbled message: " << testing::bars(message);
      return next_framed();
    }
    received_.push_back(message);
    const fix::MessageView order(received_.back());
    if (order.msg_type() == "D") answer(order);
    return message;
  }
  void answer(const fix::MessageView& order) {
    ++reports_;
    Fields body = {{37, "S" + std::to_string(reports_)},
                   {tag::ClOrdID, std::string(order.get(tag::ClOrdID).value_or(""))},
                   {17, "SE" + std::to_string(reports_)},
                   {tag::ExecType, "4"},
                   {tag::OrdStatus, "4"}};
    for (const int t : {tag::Symbol, tag::Side, tag::OrderQty, tag::OrdType, tag::Price}) {
      if (const auto value = order.get(t)) body.emplace_back(t, std::string(*value));
    }
    body.insert(body.end(), {{151, "0"}, {14, "0"}, {6, "0"}});
    body.emplace_back(tag::TransactTime, testing::utc_now());
    // Best effort: an order may be read after the engine has closed the connection (after a
    // Logout), and its report then has nowhere to go.
    write(build("8", next_seq_++, body));
  }
  bool write(const std::string& bytes) {
    return ::send(connection_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  bool read_some(std::chrono::milliseconds timeout) {
    pollfd p{connection_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) != 1) return false;
    char buffer[65536];
    const ssize_t n = ::recv(connection_, buffer, sizeof buffer, 0);
    if (n <= 0) {
      closed_ = true;
      return false;
    }
    inbox_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  int listener_ = -1;
  int connection_ = -1;
  std::uint16_t port_ = 0;
  std::string inbox_;
  bool closed_ = false;
  std::uint64_t next_seq_ = 1;
  std::uint64_t reports_ = 0;
  std::vector<std::string> received_;
  std::vector<std::size_t> connection_starts_;
};

class EngineFixResilience : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const std::string& needed : {testing::kVenueDictionary, testing::kEngineSessionFixture}) {
      if (!fs::exists(needed)) GTEST_SKIP() << "SKIPPED: " << needed << " is missing";
    }
    venue_.emplace(testing::venue_command(run_), run_.path("venue.out"));
    ASSERT_TRUE(testing::wait_until_listening(run_.snapshot_port, 20s)) << venue_->output();
  }

  void TearDown() override {
    // Whatever the scenario, every message the engine sent is valid for the venue's dictionary.
    if (IsSkipped()) return;
    const quickfix_reference::QuickFixValidator validator(testing::kVenueDictionary);
    for (const std::string& raw : script_.received())
      EXPECT_EQ(validator.validate(raw), "") << testing::bars(raw);
  }

  // The engine, running the reflector on a session pointed at the script. The fixture's settings
  // but ResetOnLogon=N (unless `settings` says otherwise): a reconnection continues the numbers.
  void start_engine(std::map<std::string, std::string> settings = {},
                    const std::vector<std::string>& extra = {}) {
    settings["SocketConnectPort"] = std::to_string(script_.port());
    settings.try_emplace("ResetOnLogon", "N");
    auto options = testing::reflector_options(
        {"--reflect-once-per-packet", "--summary-json", run_.path("engine.json")});
    options.insert(options.end(), {"--duration", "60"});
    options.insert(options.end(), extra.begin(), extra.end());
    engine_.emplace(
        testing::engine_with_session(run_, testing::write_engine_session(run_, settings), options),
        run_.path("engine.out"));
  }

  // Accepts the engine's connection and answers its Logon as an acceptor does (with
  // ResetSeqNumFlag=Y and numbers from 1 when the engine asks for a reset). `skip`: the reply's
  // MsgSeqNum is that far ahead, as if the venue's last messages were lost with a connection.
  // Returns the engine's Logon.
  std::string log_on(std::uint64_t skip = 0) {
    if (!script_.accept(20s)) {
      ADD_FAILURE() << "the engine did not connect\n" << engine_->output();
      return {};
    }
    const auto logon = script_.expect(type("A"), 10s);
    if (!logon) {
      ADD_FAILURE() << "no Logon from the engine\n" << engine_->output();
      return {};
    }
    Fields body = {{tag::EncryptMethod, "0"}, {tag::HeartBtInt, "30"}};
    if (field(*logon, tag::ResetSeqNumFlag) == "Y") {
      script_.set_next_seq(1);
      body.emplace_back(tag::ResetSeqNumFlag, "Y");
    }
    const std::uint64_t seq = script_.next_seq() + skip;
    script_.send_raw(script_.build("A", seq, body));
    script_.set_next_seq(seq + 1);
    return *logon;
  }

  // Waits for `n` new orders; returns the MsgSeqNum of the last.
  std::uint64_t orders(int n) {
    std::uint64_t seq = 0;
    for (int i = 0; i < n; ++i) {
      const auto order = script_.expect(kNewOrder, 20s);
      if (!order) {
        ADD_FAILURE() << "the engine sent no order\n" << engine_->output();
        return 0;
      }
      seq = seq_of(*order);
    }
    return seq;
  }

  // A TestRequest; the engine's next Heartbeat must carry its TestReqID.
  void test_request(const std::string& id) {
    script_.send("1", {{tag::TestReqID, id}});
    const auto heartbeat = script_.expect(type("0"), 10s);
    ASSERT_TRUE(heartbeat) << "no Heartbeat for TestRequest " << id << "\n" << engine_->output();
    EXPECT_EQ(field(*heartbeat, tag::TestReqID), id) << testing::bars(*heartbeat);
  }

  // The venue logs out; the engine answers with a Logout, closes, and exits 0. Returns the
  // engine's summary. `reports_lost`: some reports may have died with a dropped connection;
  // otherwise every report sent before the Logout must have been counted.
  nlohmann::json log_out_and_finish(bool reports_lost = false) {
    const std::uint64_t reports = script_.reports_sent();
    script_.send("5", {{tag::Text, "end of the scenario"}});
    const auto reply = script_.expect(type("5"), 10s);
    EXPECT_TRUE(reply) << "no Logout in reply\n" << engine_->output();
    EXPECT_TRUE(script_.wait_closed(10s)) << "the engine kept the connection after the Logout";
    EXPECT_EQ(engine_->wait(30s), 0) << engine_->output();
    const auto summary = testing::read_json(run_.path("engine.json"));
    EXPECT_FALSE(summary.is_discarded()) << engine_->output();
    if (summary.is_discarded()) return summary;
    EXPECT_EQ(summary["end_reason"], "FIX session ended: counterparty logged out");
    EXPECT_TRUE(summary["risk"]["killed"].get<bool>()) << "nothing is sent without a session";
    EXPECT_EQ(summary["session_rejects"].get<int>(), 0);
    if (reports_lost) {
      EXPECT_LE(summary["canceled"].get<std::uint64_t>(), reports);
    } else {
      EXPECT_EQ(summary["canceled"].get<std::uint64_t>(), reports)
          << "every ExecutionReport sent before the Logout is counted";
    }
    return summary;
  }

  // The engine's MsgSeqNums on one connection run on without a gap (resent messages aside).
  void expect_consecutive(std::size_t from, std::size_t to) const {
    std::uint64_t expected = 0;
    for (std::size_t i = from; i < to; ++i) {
      const std::string& raw = script_.received()[i];
      if (field(raw, tag::PossDupFlag) == "Y") continue;
      if (expected != 0) {
        EXPECT_EQ(seq_of(raw), expected) << testing::bars(raw);
      }
      expected = seq_of(raw) + 1;
    }
  }
  void expect_consecutive() const {
    const auto& starts = script_.connection_starts();
    for (std::size_t c = 0; c < starts.size(); ++c) {
      expect_consecutive(starts[c],
                         c + 1 < starts.size() ? starts[c + 1] : script_.received().size());
    }
  }

  int new_orders_received() const {
    int n = 0;
    for (const auto& raw : script_.received())
      n += kNewOrder(fix::MessageView(raw)) ? 1 : 0;
    return n;
  }

  TestRun run_;
  ScriptedVenue script_;
  std::optional<ChildProcess> venue_;
  std::optional<ChildProcess> engine_;
};

TEST_F(EngineFixResilience, AnswersATestRequestWithItsTestReqID) {
  start_engine();
  const std::string logon = log_on();
  ASSERT_FALSE(logon.empty());
  EXPECT_EQ(seq_of(logon), 1u);
  EXPECT_EQ(field(logon, tag::ResetSeqNumFlag), "<absent>") << "ResetOnLogon=N";
  orders(3);
  ASSERT_NO_FATAL_FAILURE(test_request("X"));
  ASSERT_NO_FATAL_FAILURE(test_request("second one"));
  orders(3);  // and it keeps trading
  const auto summary = log_out_and_finish();
  EXPECT_EQ(summary["orders_sent"].get<int>(), new_orders_received());
  expect_consecutive();
}

// PersistMessages=N (the fixture's): no copy of an order is kept, and a stale order must never be
// sent again, so the whole range is answered with one SequenceReset-GapFill.
TEST_F(EngineFixResilience, AnswersAResendRequestWithAGapFillAndKeepsTrading) {
  start_engine();
  ASSERT_FALSE(log_on().empty());
  const std::uint64_t last_order = orders(3);
  ASSERT_GE(last_order, 4u);

  script_.send("2", {{tag::BeginSeqNo, "2"}, {tag::EndSeqNo, std::to_string(last_order)}});
  const auto gap_fill = script_.expect(type("4"), 10s);
  ASSERT_TRUE(gap_fill) << engine_->output();
  EXPECT_EQ(seq_of(*gap_fill), 2u) << testing::bars(*gap_fill);
  EXPECT_EQ(field(*gap_fill, tag::GapFillFlag), "Y");
  EXPECT_EQ(field(*gap_fill, tag::NewSeqNo), std::to_string(last_order + 1));
  EXPECT_EQ(field(*gap_fill, tag::PossDupFlag), "Y");
  EXPECT_NE(field(*gap_fill, tag::OrigSendingTime), "<absent>");
  const auto next = script_.expect(kNewOrder, 20s);
  ASSERT_TRUE(next) << "it keeps trading\n" << engine_->output();
  EXPECT_GT(seq_of(*next), last_order);

  // EndSeqNo=0: everything sent so far, up to the message before the gap fill.
  script_.send("2", {{tag::BeginSeqNo, "1"}, {tag::EndSeqNo, "0"}});
  const auto everything = script_.expect(type("4"), 10s);
  ASSERT_TRUE(everything) << engine_->output();
  const std::size_t at = script_.received().size() - 1;
  std::uint64_t last_before = 0;
  for (std::size_t i = 0; i < at; ++i)
    last_before = std::max(last_before, seq_of(script_.received()[i]));
  EXPECT_EQ(seq_of(*everything), 1u);
  EXPECT_EQ(field(*everything, tag::NewSeqNo), std::to_string(last_before + 1));
  EXPECT_EQ(field(*everything, tag::GapFillFlag), "Y");
  const auto after = script_.expect(kNewOrder, 20s);
  ASSERT_TRUE(after) << "it keeps trading\n" << engine_->output();
  EXPECT_EQ(seq_of(*after), last_before + 1) << "the gap fill took no sequence number";

  const auto summary = log_out_and_finish();
  EXPECT_EQ(summary["orders_sent"].get<int>(), new_orders_received());
  for (const auto& order : script_.received_of_type("D"))
    EXPECT_NE(field(order, tag::PossDupFlag), "Y") << "an order was sent again";
  EXPECT_EQ(script_.received_of_type("4").size(), 2u);
  expect_consecutive();
}

TEST_F(EngineFixResilience, FollowsTheVenuesSequenceResets) {
  start_engine();
  ASSERT_FALSE(log_on().empty());
  orders(2);

  // GapFill: sequenced like any message, it moves the expected number on.
  std::uint64_t n = script_.next_seq();
  script_.send_raw(
      script_.build("4", n, {{tag::GapFillFlag, "Y"}, {tag::NewSeqNo, std::to_string(n + 10)}}));
  script_.set_next_seq(n + 10);
  ASSERT_NO_FATAL_FAILURE(test_request("after the gap fill"));

  // Reset: applied whatever its MsgSeqNum.
  n = script_.next_seq();
  script_.send_raw(script_.build("4", 1, {{tag::NewSeqNo, std::to_string(n + 100)}}));
  script_.set_next_seq(n + 100);
  ASSERT_NO_FATAL_FAILURE(test_request("after the reset"));
  orders(2);

  // A Reset backwards is refused with a Reject (value incorrect) and changes nothing.
  n = script_.next_seq();
  script_.send_raw(script_.build("4", n, {{tag::NewSeqNo, std::to_string(n - 50)}}));
  const auto reject = script_.expect(type("3"), 10s);
  ASSERT_TRUE(reject) << engine_->output();
  EXPECT_EQ(field(*reject, tag::RefSeqNum), std::to_string(n)) << testing::bars(*reject);
  EXPECT_EQ(field(*reject, tag::SessionRejectReason), "5");
  EXPECT_EQ(field(*reject, tag::RefMsgType), "4");
  ASSERT_NO_FATAL_FAILURE(test_request("after the refused reset"));

  const auto summary = log_out_and_finish();
  EXPECT_EQ(script_.received_of_type("2").size(), 0u) << "no resend was needed";
  EXPECT_EQ(script_.received_of_type("3").size(), 1u);
  EXPECT_EQ(summary["orders_sent"].get<int>(), new_orders_received());
  expect_consecutive();
}

TEST_F(EngineFixResilience, IgnoresGarbledMessages) {
  start_engine();
  ASSERT_FALSE(log_on().empty());
  orders(2);

  const std::uint64_t n = script_.next_seq();
  std::string bad_checksum = script_.build("1", n, {{tag::TestReqID, "bad checksum"}});
  const std::size_t sum_at = bad_checksum.size() - 4;  // "10=NNN\x01"
  char wrong[8];
  std::snprintf(wrong, sizeof wrong, "%03u",
                static_cast<unsigned>(std::stoi(bad_checksum.substr(sum_at, 3)) + 1) % 256u);
  bad_checksum.replace(sum_at, 3, wrong);
  std::string bad_length = script_.build("1", n, {{tag::TestReqID, "bad body length"}});
  const std::size_t length_at = bad_length.find(
                                    "\x01"
                                    "9=") +
                                3;
  const std::size_t length_end = bad_length.find('\x01', length_at);
  const int length = std::stoi(bad_length.substr(length_at, length_end - length_at));
  bad_length.replace(length_at, length_end - length_at, std::to_string(length - 5));
  script_.send_raw(bad_checksum);
  script_.send_raw(bad_length);
  // Dropped without a word and without taking a sequence number: the next valid message with
  // the same MsgSeqNum is the one answered.
  ASSERT_NO_FATAL_FAILURE(test_request("valid"));
  orders(2);

  const auto summary = log_out_and_finish();
  for (const auto& heartbeat : script_.received_of_type("0"))
    EXPECT_EQ(field(heartbeat, tag::TestReqID), "valid") << testing::bars(heartbeat);
  EXPECT_EQ(summary["orders_sent"].get<int>(), new_orders_received());
  expect_consecutive();
}

TEST_F(EngineFixResilience, AsksForTheGapWhenMsgSeqNumIsTooHigh) {
  start_engine();
  ASSERT_FALSE(log_on().empty());
  orders(2);

  const std::uint64_t n = script_.next_seq();
  script_.send_raw(script_.build("1", n + 5, {{tag::TestReqID, "ahead"}}));
  script_.set_next_seq(n + 6);
  const auto request = script_.expect(type("2"), 10s);
  ASSERT_TRUE(request) << engine_->output();
  EXPECT_EQ(field(*request, tag::BeginSeqNo), std::to_string(n)) << testing::bars(*request);
  EXPECT_EQ(field(*request, tag::EndSeqNo), "0") << "FIX 4.4: 0 is everything after";

  // Orders go on; their reports (after the gap) wait in the engine's queue with the TestRequest.
  orders(2);
  EXPECT_TRUE(script_.received_of_type("0").empty())
      << "the TestRequest waits until the gap is filled";
  script_.send_raw(
      script_.build("4", n, {{tag::GapFillFlag, "Y"}, {tag::NewSeqNo, std::to_string(n + 5)}},
                    {{tag::PossDupFlag, "Y"}, {tag::OrigSendingTime, testing::utc_now()}}));
  const auto heartbeat = script_.expect(type("0"), 10s);
  ASSERT_TRUE(heartbeat) << engine_->output();
  EXPECT_EQ(field(*heartbeat, tag::TestReqID), "ahead");
  orders(2);
  ASSERT_NO_FATAL_FAILURE(test_request("in sequence again"));

  const auto summary = log_out_and_finish();
  EXPECT_EQ(script_.received_of_type("2").size(), 1u) << "one ResendRequest covers the gap";
  EXPECT_EQ(summary["orders_sent"].get<int>(), new_orders_received());
  expect_consecutive();
}

TEST_F(EngineFixResilience, ALogoutFromTheVenueEndsTheEngineCleanly) {
  start_engine();
  ASSERT_FALSE(log_on().empty());
  orders(3);
  const auto summary = log_out_and_finish();
  ASSERT_FALSE(summary.is_discarded());
  EXPECT_EQ(summary["risk"]["kill_reason"], "FIX session ended: counterparty logged out");
  EXPECT_EQ(fix::MessageView(script_.received().back()).msg_type(), "5")
      << "nothing after the Logout";
  EXPECT_EQ(script_.connection_starts().size(), 1u) << "no reconnection after a Logout";
  EXPECT_EQ(summary["orders_sent"].get<int>(), new_orders_received());
  expect_consecutive();
}

// A lost connection trips the kill switch at once; the engine logs on again, continuing its
// sequence numbers (ResetOnLogon=N), asks for what it missed, and sends no order after that.
TEST_F(EngineFixResilience, ADisconnectTripsTheKillSwitchAndTheEngineLogsOnAgain) {
  start_engine();
  ASSERT_FALSE(log_on().empty());
  const std::uint64_t last_order = orders(3);
  const std::uint64_t venue_next = script_.next_seq();
  script_.drop();

  // The venue's next three messages were "lost with the connection".
  const std::string logon = log_on(3);
  ASSERT_FALSE(logon.empty());
  EXPECT_GT(seq_of(logon), last_order) << "sequence numbers continue";
  EXPECT_EQ(field(logon, tag::ResetSeqNumFlag), "<absent>");
  const auto request = script_.expect(type("2"), 10s);
  ASSERT_TRUE(request) << engine_->output();
  // From what it expects: the venue's next, or earlier when reports died in the dropped socket.
  const std::uint64_t begin = std::stoull(field(*request, tag::BeginSeqNo));
  EXPECT_LE(begin, venue_next) << testing::bars(*request);
  EXPECT_GE(begin, 2u) << testing::bars(*request);
  EXPECT_EQ(field(*request, tag::EndSeqNo), "0");
  script_.send_raw(script_.build(
      "4", begin, {{tag::GapFillFlag, "Y"}, {tag::NewSeqNo, std::to_string(venue_next + 3)}},
      {{tag::PossDupFlag, "Y"}, {tag::OrigSendingTime, testing::utc_now()}}));
  ASSERT_NO_FATAL_FAILURE(test_request("after the reconnection"));

  // The kill switch stays tripped: no order on the new connection while the book keeps moving
  // (the summary's refusals show that it did).
  EXPECT_FALSE(script_.expect(kNewOrder, 2s)) << "an order after the kill switch";

  const auto summary = log_out_and_finish(true);
  ASSERT_FALSE(summary.is_discarded());
  EXPECT_EQ(summary["risk"]["kill_reason"].get<std::string>().rfind("FIX connection lost: ", 0), 0u)
      << summary["risk"]["kill_reason"];
  EXPECT_GT(summary["risk"]["refused_kill_switch"].get<int>(), 0);
  // Orders written just before the drop may have died in the socket; none came after it.
  EXPECT_GE(summary["orders_sent"].get<int>(), new_orders_received());
  EXPECT_EQ(script_.connection_starts().size(), 2u);
  EXPECT_EQ(summary["fix_reconnections"].get<int>(), 1);
  expect_consecutive();
}

// With the fixture's ResetOnLogon=Y, the Logon after a disconnection starts both sides at 1 again.
TEST_F(EngineFixResilience, AReconnectionWithResetOnLogonStartsAgainAtOne) {
  start_engine({{"ResetOnLogon", "Y"}});
  const std::string first = log_on();
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(field(first, tag::ResetSeqNumFlag), "Y");
  orders(3);
  script_.drop();
  const std::string again = log_on();
  ASSERT_FALSE(again.empty());
  EXPECT_EQ(seq_of(again), 1u);
  EXPECT_EQ(field(again, tag::ResetSeqNumFlag), "Y");
  ASSERT_NO_FATAL_FAILURE(test_request("after the reset logon"));
  const auto summary = log_out_and_finish(true);
  ASSERT_FALSE(summary.is_discarded());
  EXPECT_EQ(script_.connection_starts().size(), 2u);
  EXPECT_EQ(summary["fix_reconnections"].get<int>(), 1);
  expect_consecutive();
}

TEST_F(EngineFixResilience, GivesUpAfterItsReconnectionAttempts) {
  start_engine({}, {"--reconnect-attempts", "2"});
  ASSERT_FALSE(log_on().empty());
  orders(2);
  script_.stop_listening();  // the venue is gone: every attempt is refused
  script_.drop();
  ASSERT_EQ(engine_->wait(30s), 0) << engine_->output();
  const auto summary = testing::read_json(run_.path("engine.json"));
  ASSERT_FALSE(summary.is_discarded()) << engine_->output();
  const auto end_reason = summary["end_reason"].get<std::string>();
  EXPECT_NE(end_reason.find("connection lost"), std::string::npos) << end_reason;
  EXPECT_NE(end_reason.find("2 reconnection attempts failed"), std::string::npos) << end_reason;
  EXPECT_NE(end_reason.find("cannot connect"), std::string::npos) << end_reason;
  EXPECT_TRUE(summary["risk"]["killed"].get<bool>());
  EXPECT_EQ(summary["risk"]["kill_reason"].get<std::string>().rfind("FIX connection lost: ", 0),
            0u);
}

}  // namespace
}  // namespace vtb
