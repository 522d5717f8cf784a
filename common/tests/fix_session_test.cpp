#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/fix/session.hpp"
#include "common/fix/tags.hpp"
#include "tests/support/fix_text.hpp"

namespace vtb::fix {
namespace {

using vtb::testing::framed;

constexpr Nanos kSecond = kNanosPerSecond;

SessionConfig config(bool initiator) {
  SessionConfig c;
  c.initiator = initiator;
  c.begin_string = "FIX.4.4";
  c.sender_comp_id = initiator ? "ENGINE" : "VENUE";
  c.target_comp_id = initiator ? "VENUE" : "ENGINE";
  c.heartbeat_interval_s = 30;
  c.reset_on_logon = true;
  return c;
}

// Splits an outbox into messages and empties it.
std::vector<std::string> drain(net::ByteBuffer& outbox) {
  std::vector<std::string> messages;
  for (;;) {
    const auto bytes = outbox.readable();
    const auto frame = frame_message(bytes, 1 << 16);
    if (frame.status != FrameStatus::Complete) break;
    messages.emplace_back(bytes.substr(0, frame.length));
    outbox.consume(frame.length);
  }
  EXPECT_TRUE(outbox.empty());
  return messages;
}

struct Pair : ::testing::Test {
  net::ByteBuffer acceptor_out{4096}, initiator_out{4096};
  Session acceptor{config(false), acceptor_out};
  Session initiator{config(true), initiator_out};
  Now now{1000 * kSecond, 1'795'347'150LL * kSecond};

  // Delivers everything each side has written to the other until both are quiet.
  std::vector<Inbound> exchange() {
    std::vector<Inbound> kinds;
    for (int round = 0; round < 10; ++round) {
      const auto to_acceptor = drain(initiator_out);
      const auto to_initiator = drain(acceptor_out);
      if (to_acceptor.empty() && to_initiator.empty()) break;
      for (const auto& m : to_acceptor)
        kinds.push_back(acceptor.on_message(MessageView(m), now));
      for (const auto& m : to_initiator)
        kinds.push_back(initiator.on_message(MessageView(m), now));
    }
    return kinds;
  }

  void log_on() {
    acceptor.on_connect(now);
    initiator.on_connect(now);
    exchange();
    ASSERT_TRUE(acceptor.active());
    ASSERT_TRUE(initiator.active());
  }

  // A message from the initiator with a chosen sequence number, bypassing its session.
  std::string from_engine(const std::string& type_and_body, int seq) {
    return framed("FIX.4.4", "35=" + type_and_body.substr(0, type_and_body.find('|')) + "|34=" +
                                 std::to_string(seq) + "|49=ENGINE|52=20261122-11:32:30|56=VENUE|" +
                                 type_and_body.substr(type_and_body.find('|') + 1));
  }
};

TEST_F(Pair, LogonHandshakeActivatesBothSides) {
  log_on();
  EXPECT_EQ(acceptor.next_inbound_seq(), 2u);
  EXPECT_EQ(acceptor.next_outbound_seq(), 2u);
  EXPECT_EQ(initiator.next_inbound_seq(), 2u);
  EXPECT_EQ(initiator.next_outbound_seq(), 2u);
}

TEST_F(Pair, ApplicationMessagesArePassedUpInSequence) {
  log_on();
  MessageWriter w = initiator.begin("D", now);
  w.field(tag::ClOrdID, "1");
  ASSERT_TRUE(initiator.send(w, now));
  const auto kinds = exchange();
  ASSERT_EQ(kinds.size(), 1u);
  EXPECT_EQ(kinds[0], Inbound::Application);
}

TEST_F(Pair, TestRequestIsAnsweredWithItsId) {
  log_on();
  const std::string request = from_engine("1|112=PING|", 2);
  EXPECT_EQ(acceptor.on_message(MessageView(request), now), Inbound::Admin);
  const auto replies = drain(acceptor_out);
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(MessageView(replies[0]).msg_type(), "0");
  EXPECT_EQ(MessageView(replies[0]).get(tag::TestReqID), "PING");
}

// QuickFIX's acceptance suite (validate/CheckFieldsHaveValues): an empty TestReqID is refused
// while ValidateFieldsHaveValues=Y (the default), and echoed empty when it is N.
TEST(SessionValidation, AnEmptyTestReqIdIsRejectedOrEchoedAsValidateFieldsHaveValuesSays) {
  const auto dictionary = DataDictionary::load(VTB_SOURCE_DIR "/fixtures/venue-fix44.xml");
  for (const bool check_values : {true, false}) {
    SCOPED_TRACE(check_values ? "ValidateFieldsHaveValues=Y" : "ValidateFieldsHaveValues=N");
    SessionConfig c = config(false);
    c.validation.check_fields_have_values = check_values;
    net::ByteBuffer out(4096);
    Session venue(c, out);
    venue.set_dictionaries(&dictionary, &dictionary);
    const Now now{1000 * kSecond, 1'795'347'150LL * kSecond};
    venue.on_connect(now);
    const auto from_engine = [](const std::string& type_seq, const std::string& body) {
      return framed("FIX.4.4", type_seq + "49=ENGINE|56=VENUE|52=20261122-11:32:30|" + body);
    };
    venue.on_message(MessageView(from_engine("35=A|34=1|", "98=0|108=30|")), now);
    ASSERT_TRUE(venue.active());
    drain(out);
    venue.on_message(MessageView(from_engine("35=1|34=2|", "112=|")), now);
    const auto replies = drain(out);
    ASSERT_EQ(replies.size(), 1u);
    const MessageView reply(replies[0]);
    if (check_values) {
      EXPECT_EQ(reply.msg_type(), "3");
      EXPECT_EQ(reply.get(tag::SessionRejectReason), "4");  // Tag specified without a value
      EXPECT_EQ(reply.get(tag::RefTagID), "112");
    } else {
      EXPECT_EQ(reply.msg_type(), "0");
      EXPECT_EQ(reply.get(tag::TestReqID), "");  // there, and empty
    }
  }
}

TEST_F(Pair, HeartbeatsTestRequestsAndTimeoutFollowTheInterval) {
  log_on();
  now.mono += 29 * kSecond;
  acceptor.on_timer(now);
  EXPECT_TRUE(drain(acceptor_out).empty());
  now.mono += 1 * kSecond;  // 30 s without sending: heartbeat
  acceptor.on_timer(now);
  auto sent = drain(acceptor_out);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(MessageView(sent[0]).msg_type(), "0");
  now.mono += 6 * kSecond;  // 36 s of silence from the engine: TestRequest
  acceptor.on_timer(now);
  sent = drain(acceptor_out);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(MessageView(sent[0]).msg_type(), "1");
  EXPECT_FALSE(acceptor.wants_disconnect());
  now.mono += 30 * kSecond;  // no answer within another interval: disconnect, no Logout
  acceptor.on_timer(now);
  EXPECT_TRUE(acceptor.wants_disconnect());
  EXPECT_TRUE(drain(acceptor_out).empty());
}

TEST_F(Pair, ASessionThatStoppedHeartbeatingSaysNothingUntilTheNextConnection) {
  log_on();
  acceptor.set_heartbeats(false);
  now.mono += 100 * kSecond;  // long past heartbeat, TestRequest and timeout
  acceptor.on_timer(now);
  EXPECT_TRUE(drain(acceptor_out).empty());
  EXPECT_FALSE(acceptor.wants_disconnect());
  // A TestRequest goes unanswered; application traffic still flows.
  EXPECT_EQ(acceptor.on_message(MessageView(from_engine("1|112=PING|", 2)), now), Inbound::Admin);
  EXPECT_TRUE(drain(acceptor_out).empty());
  MessageWriter w = acceptor.begin("8", now);
  ASSERT_TRUE(acceptor.send(w, now));
  EXPECT_EQ(drain(acceptor_out).size(), 1u);
  // The link goes; the next one heartbeats again.
  acceptor.on_disconnect();
  EXPECT_TRUE(acceptor.heartbeats());
}

TEST(SessionStore, AReportWrittenWhileDisconnectedIsStoredAndResentNotSent) {
  SessionConfig c = config(false);
  c.reset_on_logon = false;
  net::ByteBuffer out(4096);
  Session venue(c, out);
  const Now now{1000 * kSecond, 1'795'347'150LL * kSecond};
  const auto from_engine = [](const std::string& body, int seq) {
    return framed("FIX.4.4", "35=" + body.substr(0, body.find('|')) + "|34=" + std::to_string(seq) +
                                 "|49=ENGINE|52=20261122-11:32:30|56=VENUE|" +
                                 body.substr(body.find('|') + 1));
  };
  venue.on_connect(now);
  venue.on_message(MessageView(from_engine("A|98=0|108=30|", 1)), now);
  ASSERT_TRUE(venue.active());
  drain(out);  // Logon 1
  venue.on_disconnect();
  MessageWriter w = venue.begin("8", now);
  w.field(tag::ClOrdID, "while-away");
  ASSERT_TRUE(venue.store_for_resend(w, now));  // 2
  EXPECT_TRUE(out.empty()) << "nothing may reach the next connection unasked";
  EXPECT_EQ(venue.next_outbound_seq(), 3u);
  venue.on_connect(now);
  venue.on_message(MessageView(from_engine("A|98=0|108=30|", 2)), now);
  ASSERT_TRUE(venue.active());
  drain(out);  // the Logon reply, 3: the counterparty finds 2 missing and asks
  venue.on_message(MessageView(from_engine("2|7=2|16=2|", 3)), now);
  const auto sent = drain(out);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(MessageView(sent[0]).get(tag::ClOrdID), "while-away");
  EXPECT_EQ(MessageView(sent[0]).get(tag::PossDupFlag), "Y");
}

TEST_F(Pair, SequenceTooLowEndsTheSessionWithAReason) {
  log_on();
  acceptor.on_message(MessageView(from_engine("0|", 1)), now);
  EXPECT_TRUE(acceptor.wants_disconnect());
  const auto sent = drain(acceptor_out);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(MessageView(sent[0]).get(tag::Text), "MsgSeqNum too low, expecting 2 but received 1");
}

TEST_F(Pair, PossDupBelowTheExpectedSequenceIsIgnored) {
  log_on();
  acceptor.on_message(MessageView(from_engine("0|43=Y|122=20261122-11:32:29|", 1)), now);
  EXPECT_FALSE(acceptor.wants_disconnect());
  EXPECT_TRUE(drain(acceptor_out).empty());
}

TEST_F(Pair, PossDupWithoutOrigSendingTimeIsRejected) {
  log_on();
  acceptor.on_message(MessageView(from_engine("0|43=Y|", 1)), now);
  const auto sent = drain(acceptor_out);
  ASSERT_EQ(sent.size(), 1u);
  const MessageView reject(sent[0]);
  EXPECT_EQ(reject.msg_type(), "3");
  EXPECT_EQ(reject.get(tag::RefTagID), "122");
  EXPECT_EQ(reject.get(tag::SessionRejectReason), "1");
  EXPECT_EQ(reject.get(tag::Text), "Required tag missing");
}

TEST_F(Pair, AGapIsAskedForAndTheQueueReleasedOnceFilled) {
  log_on();
  EXPECT_EQ(acceptor.on_message(MessageView(from_engine("D|11=late|", 4)), now), Inbound::Admin);
  auto sent = drain(acceptor_out);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(MessageView(sent[0]).msg_type(), "2");
  EXPECT_EQ(MessageView(sent[0]).get(tag::BeginSeqNo), "2");
  EXPECT_EQ(MessageView(sent[0]).get(tag::EndSeqNo), "0");
  // The counterparty fills 2..3 with a gap fill; message 4, queued, now comes through.
  acceptor.on_message(MessageView(from_engine("4|43=Y|122=20261122-11:32:30|36=4|123=Y|", 2)), now);
  std::vector<std::string> released;
  acceptor.process_queue(
      now, [&](const MessageView& m) { released.emplace_back(m.get(tag::ClOrdID).value_or("")); });
  EXPECT_EQ(released, std::vector<std::string>{"late"});
  EXPECT_EQ(acceptor.next_inbound_seq(), 5u);
  EXPECT_FALSE(acceptor.wants_disconnect());
}

TEST_F(Pair, AResendRequestIsAnsweredFromTheStore) {
  log_on();  // the acceptor sent Logon as 1
  MessageWriter w = acceptor.begin("8", now);
  w.field(tag::ClOrdID, "A");
  ASSERT_TRUE(acceptor.send(w, now));  // 2: an ExecutionReport
  drain(acceptor_out);
  acceptor.on_message(MessageView(from_engine("2|7=1|16=0|", 2)), now);
  const auto sent = drain(acceptor_out);
  ASSERT_EQ(sent.size(), 2u);
  const MessageView gap_fill(sent[0]), resent(sent[1]);
  EXPECT_EQ(gap_fill.msg_type(), "4");  // the Logon is administrative: gap-filled
  EXPECT_EQ(gap_fill.get(tag::MsgSeqNum), "1");
  EXPECT_EQ(gap_fill.get(tag::NewSeqNo), "2");
  EXPECT_EQ(gap_fill.get(tag::GapFillFlag), "Y");
  EXPECT_EQ(resent.msg_type(), "8");
  EXPECT_EQ(resent.get(tag::MsgSeqNum), "2");
  EXPECT_EQ(resent.get(tag::PossDupFlag), "Y");
  EXPECT_TRUE(resent.get(tag::OrigSendingTime));
  EXPECT_EQ(resent.get(tag::ClOrdID), "A");
  EXPECT_EQ(acceptor.next_outbound_seq(), 3u);  // resending does not consume numbers
}

TEST_F(Pair, WrongCompIdIsRejectedAndLoggedOut) {
  log_on();
  const std::string stranger =
      framed("FIX.4.4", "35=0|34=2|49=SOMEONE|52=20261122-11:32:30|56=VENUE|");
  acceptor.on_message(MessageView(stranger), now);
  const auto sent = drain(acceptor_out);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(MessageView(sent[0]).get(tag::SessionRejectReason), "9");
  EXPECT_EQ(MessageView(sent[0]).get(tag::Text), "CompID problem");
  EXPECT_EQ(MessageView(sent[1]).msg_type(), "5");
  EXPECT_TRUE(acceptor.logout_overdue(now.mono + 2 * kSecond));
}

TEST_F(Pair, SendingTimeFarFromNowIsRejected) {
  log_on();
  now.wall += 121 * kSecond;
  acceptor.on_message(MessageView(from_engine("0|", 2)), now);
  const auto sent = drain(acceptor_out);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(MessageView(sent[0]).get(tag::SessionRejectReason), "10");
  EXPECT_EQ(MessageView(sent[1]).msg_type(), "5");
}

TEST_F(Pair, FirstMessageMustBeLogon) {
  acceptor.on_connect(now);
  acceptor.on_message(MessageView(from_engine("D|11=1|", 1)), now);
  EXPECT_TRUE(acceptor.wants_disconnect());
  EXPECT_FALSE(acceptor.active());
  EXPECT_TRUE(drain(acceptor_out).empty()) << "no Logout to a session that never logged on";
}

TEST_F(Pair, LogonWithAnAbsurdHeartbeatIntervalIsRefused) {
  for (const char* interval : {"-1", "86401", "9300000000", "x"}) {
    net::ByteBuffer out(4096);
    Session fresh(config(false), out);
    fresh.on_connect(now);
    fresh.on_message(MessageView(from_engine(std::string("A|98=0|108=") + interval + "|", 1)), now);
    EXPECT_TRUE(fresh.wants_disconnect()) << interval;
    EXPECT_FALSE(fresh.active()) << interval;
    EXPECT_TRUE(drain(out).empty()) << interval;
  }
}

TEST_F(Pair, ALogoutThatIsNeverAnsweredBecomesOverdue) {
  log_on();
  acceptor.on_message(MessageView(from_engine("0|", 1)), now);  // too low: Logout sent
  EXPECT_TRUE(acceptor.wants_disconnect());
  EXPECT_FALSE(acceptor.logout_overdue(now.mono + kSecond));
  EXPECT_TRUE(acceptor.logout_overdue(now.mono + 2 * kSecond));
}

TEST_F(Pair, LogoutHandshakeDisconnectsBothSides) {
  log_on();
  initiator.logout("done", now);
  exchange();
  EXPECT_TRUE(acceptor.wants_disconnect());
  EXPECT_TRUE(initiator.wants_disconnect());
  EXPECT_EQ(initiator.disconnect_reason(), "logout confirmed");
}

TEST_F(Pair, UnansweredLogoutTimesOut) {
  log_on();
  initiator.logout("done", now);
  drain(initiator_out);
  now.mono += 1 * kSecond;
  initiator.on_timer(now);
  EXPECT_FALSE(initiator.wants_disconnect());
  now.mono += 2 * kSecond;
  initiator.on_timer(now);
  EXPECT_TRUE(initiator.wants_disconnect());
}

}  // namespace
}  // namespace vtb::fix

namespace vtb::fix {
namespace {

TEST(SessionFileStore, SequenceNumbersAndSentMessagesSurviveARestart) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("vtb-store-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  SessionConfig venue = config(false);
  venue.reset_on_logon = false;
  venue.file_store_path = dir.string();
  Now now{1000 * kSecond, 1'795'347'150LL * kSecond};
  const auto from_engine = [](const std::string& body, int seq) {
    return framed("FIX.4.4", body.substr(0, body.find('|') + 1) + "34=" + std::to_string(seq) +
                                 "|49=ENGINE|52=20261122-11:32:30|56=VENUE|" +
                                 body.substr(body.find('|') + 1));
  };
  {
    net::ByteBuffer out(4096);
    Session session(venue, out);
    session.on_connect(now);
    session.on_message(MessageView(from_engine("35=A|98=0|108=30|", 1)), now);
    ASSERT_TRUE(session.active());
    MessageWriter w = session.begin("8", now);
    w.field(tag::ClOrdID, "kept");
    ASSERT_TRUE(session.send(w, now));
    session.persist();
  }
  net::ByteBuffer out(4096);
  Session restarted(venue, out);
  EXPECT_EQ(restarted.next_outbound_seq(), 3u);
  EXPECT_EQ(restarted.next_inbound_seq(), 2u);
  restarted.on_connect(now);
  restarted.on_message(MessageView(from_engine("35=A|98=0|108=30|", 2)), now);
  ASSERT_TRUE(restarted.active());
  drain(out);  // the Logon reply, number 3
  restarted.on_message(MessageView(from_engine("35=2|7=1|16=0|", 3)), now);
  const auto sent = drain(out);
  ASSERT_GE(sent.size(), 2u);
  EXPECT_EQ(MessageView(sent[0]).msg_type(), "4");            // Logon 1: gap-filled
  EXPECT_EQ(MessageView(sent[1]).get(tag::ClOrdID), "kept");  // read back from disk
  EXPECT_EQ(MessageView(sent[1]).get(tag::PossDupFlag), "Y");
  std::filesystem::remove_all(dir);
}

// A restarted venue goes back to its last commit: what was stored after it is forgotten on disk,
// and muted writes (its journal's replay) change nothing.
TEST(SessionFileStore, RewindForgetsWhatFollowsAndMutedWritesLeaveNoTrace) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("vtb-rewind-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  SessionConfig venue = config(false);
  venue.reset_on_logon = false;
  venue.file_store_path = dir.string();
  Now now{1000 * kSecond, 1'795'347'150LL * kSecond};
  const auto logon =
      framed("FIX.4.4", "35=A|34=1|49=ENGINE|52=20261122-11:32:30|56=VENUE|98=0|108=30|");
  {
    net::ByteBuffer out(4096);
    Session session(venue, out);
    session.on_connect(now);
    session.on_message(MessageView(logon), now);                 // Logon reply: 1
    for (const char* id : {"kept", "dropped-1", "dropped-2"}) {  // 2, 3, 4
      MessageWriter w = session.begin("8", now);
      w.field(tag::ClOrdID, id);
      ASSERT_TRUE(session.send(w, now));
    }
    session.persist();
    session.set_muted(true);
    MessageWriter w = session.begin("8", now);
    w.field(tag::ClOrdID, "muted");
    ASSERT_TRUE(session.send(w, now));
    EXPECT_EQ(session.next_outbound_seq(), 5u);
    session.set_muted(false);
    session.rewind(3, 2);
    EXPECT_EQ(session.next_outbound_seq(), 3u);
  }
  net::ByteBuffer out(4096);
  Session restarted(venue, out);
  EXPECT_EQ(restarted.next_outbound_seq(), 3u);
  EXPECT_EQ(restarted.next_inbound_seq(), 2u);
  std::ifstream body(dir / "FIX.4.4-VENUE-ENGINE.body");
  const std::string stored((std::istreambuf_iterator<char>(body)), {});
  EXPECT_NE(stored.find("11=kept"), std::string::npos);
  EXPECT_EQ(stored.find("dropped"), std::string::npos) << stored;
  EXPECT_EQ(stored.find("muted"), std::string::npos) << stored;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vtb::fix

namespace vtb::fix {
namespace {

TEST_F(Pair, WithoutPersistedMessagesAResendRequestIsAllGapFill) {
  SessionConfig c = config(false);
  c.persist_messages = false;
  net::ByteBuffer out(4096);
  Session lean(c, out);
  lean.on_connect(now);
  lean.on_message(MessageView(from_engine("A|98=0|108=30|", 1)), now);
  MessageWriter w = lean.begin("8", now);
  w.field(tag::ClOrdID, "not kept");
  ASSERT_TRUE(lean.send(w, now));
  drain(out);
  lean.on_message(MessageView(from_engine("2|7=1|16=0|", 2)), now);
  const auto sent = drain(out);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(MessageView(sent[0]).msg_type(), "4");
  EXPECT_EQ(MessageView(sent[0]).get(tag::MsgSeqNum), "1");
  EXPECT_EQ(MessageView(sent[0]).get(tag::NewSeqNo), "3");
}

}  // namespace
}  // namespace vtb::fix

namespace vtb::fix {
namespace {

// What changes with the session's FIX version, as QuickFIX does it.
struct OldVersion : ::testing::Test {
  Now now{1000 * kSecond, 1'795'347'150LL * kSecond};

  // The session's answers to a Logon then `after_logon` messages: {MsgSeqNum, "type|body"}.
  std::vector<std::string> answers(const std::string& begin_string,
                                   const std::vector<std::pair<int, std::string>>& after_logon) {
    SessionConfig c = config(false);
    c.begin_string = begin_string;
    net::ByteBuffer out(4096);
    Session venue(c, out);
    venue.on_connect(now);
    const auto message = [&](const std::string& type_and_body, int seq) {
      const auto bar = type_and_body.find('|');
      return framed(begin_string, "35=" + type_and_body.substr(0, bar) +
                                      "|34=" + std::to_string(seq) +
                                      "|49=ENGINE|52=20261122-11:32:30|56=VENUE|" +
                                      type_and_body.substr(bar + 1));
    };
    venue.on_message(MessageView(message("A|98=0|108=30|", 1)), now);
    for (const auto& [seq, m] : after_logon)
      venue.on_message(MessageView(message(m, seq)), now);
    return drain(out);
  }
};

TEST_F(OldVersion, SendingTimeHasMillisecondsFromFix42On) {
  for (const char* version : {"FIX.4.0", "FIX.4.1", "FIX.4.2", "FIX.4.4", "FIXT.1.1"}) {
    const auto sent = answers(version, {});
    ASSERT_EQ(sent.size(), 1u) << version;
    const auto sending_time = MessageView(sent[0]).get(tag::SendingTime);
    ASSERT_TRUE(sending_time) << version;
    const bool fix42_or_later = std::string(version) >= "FIX.4.2";
    EXPECT_EQ(sending_time->size(), fix42_or_later ? 21u : 17u) << version << ": " << *sending_time;
  }
}

TEST_F(OldVersion, Fix40RejectNamesTheTagInItsTextAndHasNoReasonFields) {
  const auto sent = answers("FIX.4.0", {{1, "0|43=Y|"}});  // a possible duplicate
  ASSERT_EQ(sent.size(), 2u);
  const MessageView reject(sent[1]);
  EXPECT_EQ(reject.msg_type(), "3");
  EXPECT_EQ(reject.get(tag::Text), "Required tag missing (122)");
  EXPECT_EQ(reject.get(tag::RefSeqNum), "1");
  EXPECT_FALSE(reject.get(tag::RefTagID));
  EXPECT_FALSE(reject.get(tag::RefMsgType));
  EXPECT_FALSE(reject.get(tag::SessionRejectReason));
}

TEST_F(OldVersion, TextRejectCarriesRefMsgTypeFromFix42On) {
  for (const char* version : {"FIX.4.1", "FIX.4.2"}) {
    SessionConfig c = config(false);
    c.begin_string = version;
    net::ByteBuffer out(4096);
    Session venue(c, out);
    const std::string unsupported =
        framed(version, "35=ZZ|34=2|49=ENGINE|52=20261122-11:32:30|56=VENUE|115=DESK|");
    venue.reject(MessageView(unsupported), "Unsupported message type", now);
    const auto sent = drain(out);
    ASSERT_EQ(sent.size(), 1u);
    const MessageView reject(sent[0]);
    EXPECT_EQ(reject.get(tag::Text), "Unsupported message type");
    EXPECT_EQ(reject.get(tag::RefSeqNum), "2");
    EXPECT_EQ(reject.get(128), "DESK") << "answered to the desk it came from";
    EXPECT_EQ(reject.get(tag::RefMsgType).has_value(), std::string(version) == "FIX.4.2");
  }
}

TEST_F(OldVersion, LocationIdsAreReversedFromFix41On) {
  for (const char* version : {"FIX.4.0", "FIX.4.1"}) {
    SessionConfig c = config(false);
    c.begin_string = version;
    net::ByteBuffer out(4096);
    Session venue(c, out);
    const std::string routed =
        framed(version, "35=D|34=2|49=ENGINE|52=20261122-11:32:30|56=VENUE|115=DESK|144=CHI|");
    venue.reject(MessageView(routed), "no", now);
    const auto sent = drain(out);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(MessageView(sent[0]).get(128), "DESK") << version;
    EXPECT_EQ(MessageView(sent[0]).get(145).has_value(), std::string(version) == "FIX.4.1")
        << version;
  }
}

}  // namespace
}  // namespace vtb::fix

namespace vtb::fix {
namespace {

// Username/Password: the initiator sends its own; the acceptor checks them.
TEST_F(Pair, ALogonWithTheWrongPasswordIsRefusedWithALogoutSayingWhy) {
  SessionConfig venue_config = config(false);
  venue_config.username = "trader";
  venue_config.password = "s3cret";
  net::ByteBuffer venue_out(4096), client_out(4096);
  Session venue(venue_config, venue_out);
  SessionConfig client_config = config(true);
  client_config.username = "trader";
  client_config.password = "guess";
  Session client(client_config, client_out);
  venue.on_connect(now);
  client.on_connect(now);
  for (const auto& m : drain(client_out))
    venue.on_message(MessageView(m), now);
  EXPECT_FALSE(venue.active());
  EXPECT_TRUE(venue.wants_disconnect());
  const auto sent = drain(venue_out);
  ASSERT_EQ(sent.size(), 1u);
  const MessageView logout(sent[0]);
  EXPECT_EQ(logout.msg_type(), "5");
  EXPECT_EQ(logout.get(tag::Text), std::string_view("Logon refused: wrong Username(553) or "
                                                    "Password(554)"));

  // The right password logs on; the Logon carried both fields.
  Session venue2(venue_config, venue_out);
  client_config.password = "s3cret";
  Session client2(client_config, client_out);
  venue2.on_connect(now);
  client2.on_connect(now);
  const auto logon = drain(client_out);
  ASSERT_EQ(logon.size(), 1u);
  EXPECT_EQ(MessageView(logon[0]).get(tag::Username), std::string_view("trader"));
  venue2.on_message(MessageView(logon[0]), now);
  EXPECT_TRUE(venue2.active());
}

// StartTime/EndTime on the acceptor: 08:00-17:00 UTC. `now` in Pair is 11:32:30.
TEST_F(Pair, LogonOutsideTheSessionTimeIsRefusedAndTheEndLogsOut) {
  SessionConfig c = config(false);
  c.reset_on_logon = false;
  c.schedule = SessionSchedule(8 * 3600, 17 * 3600);
  net::ByteBuffer out(4096);
  Session venue(c, out);
  const auto logon = [&](int seq, Now at) {
    venue.on_connect(at);
    char stamp[kMaxTimestampLength];
    const std::string sent(stamp,
                           format_utc_timestamp(stamp, at.wall, TimestampPrecision::Seconds));
    venue.on_message(
        MessageView(framed("FIX.4.4", "35=A|34=" + std::to_string(seq) + "|49=ENGINE|52=" + sent +
                                          "|56=VENUE|98=0|108=30|")),
        at);
  };
  Now evening = now;
  evening.wall += 6 * 3600 * kSecond;  // 17:32:30
  logon(1, evening);
  EXPECT_FALSE(venue.active());
  EXPECT_TRUE(venue.wants_disconnect());
  EXPECT_TRUE(drain(out).empty());

  logon(1, now);
  ASSERT_TRUE(venue.active());
  drain(out);
  Now closing = now;
  closing.wall += 5 * 3600 * kSecond + 30 * 60 * kSecond;  // 17:02:30
  closing.mono += kSecond;
  venue.on_timer(closing);
  const auto sent = drain(out);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(MessageView(sent[0]).msg_type(), "5");
  EXPECT_EQ(venue.next_outbound_seq(), 3u);

  // The next morning is a new period: sequence numbers start again at 1 without ResetOnLogon.
  venue.on_disconnect();
  Now tomorrow = now;
  tomorrow.wall += 24 * 3600 * kSecond;
  tomorrow.mono += 2 * kSecond;
  logon(1, tomorrow);
  EXPECT_TRUE(venue.active());
  EXPECT_EQ(venue.next_outbound_seq(), 2u);
}

}  // namespace
}  // namespace vtb::fix

namespace vtb::fix {
namespace {

// ResetOnLogout / ResetOnDisconnect: sequence numbers after the connection ends.
TEST_F(Pair, ResetOnLogoutAndOnDisconnect) {
  const auto after = [&](bool on_logout, bool on_disconnect, bool with_logout) {
    SessionConfig c = config(false);
    c.reset_on_logon = false;
    c.reset_on_logout = on_logout;
    c.reset_on_disconnect = on_disconnect;
    net::ByteBuffer out(4096);
    Session venue(c, out);
    venue.on_connect(now);
    venue.on_message(MessageView(from_engine("A|98=0|108=30|", 1)), now);
    venue.on_message(MessageView(from_engine("0|", 2)), now);
    if (with_logout) venue.on_message(MessageView(from_engine("5|", 3)), now);
    venue.on_disconnect();
    return std::pair{venue.next_outbound_seq(), venue.next_inbound_seq()};
  };
  EXPECT_EQ(after(false, false, true), (std::pair<std::uint64_t, std::uint64_t>{3, 4}));
  EXPECT_EQ(after(true, false, true), (std::pair<std::uint64_t, std::uint64_t>{1, 1}));
  EXPECT_EQ(after(true, false, false), (std::pair<std::uint64_t, std::uint64_t>{2, 3}))
      << "a dropped connection is not a logout";
  EXPECT_EQ(after(false, true, false), (std::pair<std::uint64_t, std::uint64_t>{1, 1}));
}

}  // namespace
}  // namespace vtb::fix
