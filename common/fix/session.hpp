#pragma once
// The FIX session layer for one session, either side, independent of sockets: the owner feeds it
// framed inbound messages and timer ticks, and drains the bytes it writes into the outbox.
//
// Behaviour follows QuickFIX's session (the acceptance suite is the judge): Logon with
// ResetSeqNumFlag, Heartbeat, TestRequest, Logout handshake with timeout, CompID and SendingTime
// checks with session Rejects, MsgSeqNum too low (Logout) or too high (ResendRequest, and the
// message is queued until the gap is filled), PossDup handling, SequenceReset (Reset and GapFill)
// and answering ResendRequest from an in-memory store of what was sent (application messages
// resent with PossDupFlag and OrigSendingTime, administrative ones gap-filled).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/fix/data_dictionary.hpp"
#include "common/fix/message_log.hpp"
#include "common/fix/message_store.hpp"
#include "common/fix/message_view.hpp"
#include "common/fix/message_writer.hpp"
#include "common/fix/session_config.hpp"
#include "common/fix/values.hpp"
#include "common/net/byte_buffer.hpp"
#include "common/time/clock.hpp"

namespace vtb::fix {

enum class Inbound {
  Application,    // an in-sequence application message for the owner to handle
  SessionReject,  // a session-level Reject (35=3): handled, but the owner should know (an order
                  // it sent may have been refused)
  Admin,          // consumed by the session layer
};

class Session {
 public:
  enum class State { AwaitingLogon, LogonSent, Active, LogoutSent, Disconnected };

  static constexpr std::size_t kMaxOutboundMessage = 8192;
  // Messages held while a gap is filled; a peer that sends more ahead of the gap is logged out
  // rather than allowed to grow the venue's memory without bound.
  static constexpr std::size_t kMaxQueuedMessages = 100'000;
  static constexpr int kMaxHeartbeatInterval = 86'400;  // a day: beyond it, the number is a mistake

  Session(SessionConfig config, net::ByteBuffer& outbox);

  // A transport connected: initiators send Logon, acceptors wait for one.
  void on_connect(Now now);
  void on_disconnect();

  Inbound on_message(const MessageView& message, Now now);
  // Messages queued while a gap was open that are now in sequence: each is processed and, if it
  // is an application message or a Reject, handed to `deliver`. Call after every on_message().
  template <class Deliver>
  void process_queue(Now now, Deliver&& deliver);
  // Heartbeats, TestRequest on silence, Logout timeout. Call at least every few hundred ms.
  void on_timer(Now now);

  // Starts an outbound message with the standard header; add body fields, then send().
  MessageWriter begin(std::string_view msg_type, Now now);
  // Completes the message into the outbox. False if it did not fit (nothing is sent).
  bool send(MessageWriter& writer, Now now);
  // For a session that is not logged on: the message takes the next sequence number and is
  // stored (and logged) but not sent, as QuickFIX does; the counterparty's next Logon finds the
  // gap and a ResendRequest delivers it. False when it did not fit or PersistMessages=N (nothing
  // would keep it).
  bool store_for_resend(MessageWriter& writer, Now now);
  // For pre-built messages (MessageTemplate): room for one message at the back of the outbox,
  // to be filled with next_outbound_seq() as its MsgSeqNum, then sent with send_prepared().
  char* prepare(std::size_t capacity) { return outbox_.prepare(capacity); }
  bool send_prepared(std::size_t length, Now now);

  void logout(std::string_view text, Now now);
  // Session-level Reject with free text, for what the application cannot take (QuickFIX's
  // answer to an unsupported message type before FIX 4.2, which has no BusinessMessageReject).
  void reject(const MessageView& message, std::string_view text, Now now);
  // Records the sequence numbers in the message store (a no-op without FileStorePath). Owners
  // call it after each batch of input and output.
  void persist() { store_.save(next_out_, next_in_); }

  // Every message in and out is recorded here when set (not owned).
  void set_log(MessageLog* log) { log_ = log; }
  // Validation of inbound messages (not owned; null: none). `application` validates application
  // message bodies; for FIX 4.x both are the same dictionary.
  void set_dictionaries(const DataDictionary* session, const DataDictionary* application) {
    session_dictionary_ = session;
    application_dictionary_ = application;
  }

  State state() const { return state_; }
  bool active() const { return state_ == State::Active; }
  // The counterparty sent a Logout on this connection (cleared when it ends).
  bool logout_received() const { return logout_received_; }
  std::size_t queued() const { return queue_.size(); }  // received ahead of a gap
  // The owner closes the transport once the outbox is flushed.
  bool wants_disconnect() const { return wants_disconnect_; }
  // Our Logout has waited LogoutTimeout: close even if unsent bytes remain (a peer not reading).
  bool logout_overdue(Nanos mono_now) const {
    return state_ == State::LogoutSent && logout_sent_ != 0 &&
           mono_now - logout_sent_ >= config_.logout_timeout;
  }
  const std::string& disconnect_reason() const { return disconnect_reason_; }
  const SessionConfig& config() const { return config_; }
  std::uint64_t next_outbound_seq() const { return next_out_; }
  // For fault injection only (the venue's control port): after a SequenceReset the owner sent
  // with NewSeqNo `next`, the next outbound MsgSeqNum is `next`.
  void set_next_outbound_seq(std::uint64_t next) { next_out_ = next; }
  // For fault injection only: a session that stops heartbeating sends no Heartbeat (timed or
  // answering a TestRequest), asks nothing and times nothing out, as a hung peer would, while
  // its other traffic still flows. Heartbeats come back with the next connection.
  void set_heartbeats(bool on) { heartbeats_ = on; }
  bool heartbeats() const { return heartbeats_; }
  std::uint64_t next_inbound_seq() const { return next_in_; }
  // While muted, what the owner writes is neither sent, stored, logged nor numbered: a restarted
  // venue replaying its journal rebuilds its state through the same code without answering twice.
  void set_muted(bool on) { muted_ = on; }
  // Back to the numbers of a restarted venue's last commit; messages stored from `next_out` on
  // are forgotten.
  void rewind(std::uint64_t next_out, std::uint64_t next_in) {
    store_.rewind(next_out, next_in);
    next_out_ = next_out;
    next_in_ = next_in;
  }
  // Messages that did not fit kMaxOutboundMessage and were not sent.
  std::uint64_t send_failures() const { return send_failures_; }
  // ResendRequests the counterparty sent (answered with a resend or a gap fill).
  std::uint64_t resend_requests_received() const { return resend_requests_received_; }

 private:
  void reset_sequence_numbers();
  // on_message() in its three steps, each of which answers what fails its checks itself.
  // The header as any message must have it: its MsgSeqNum, or none when the message went no
  // further (Reject, Logout or disconnect).
  std::optional<std::uint64_t> check_header(const MessageView& message, Now now);
  // After Logon, what every message of a logged-on session must satisfy.
  bool check_in_session(const MessageView& message, Now now);
  // The message's effect on the session, by type, in sequence.
  Inbound dispatch(const MessageView& message, std::uint64_t seq, Now now);
  bool comp_ids_match(const MessageView& message) const;
  void handle_logon(const MessageView& message, Now now);
  void handle_admin(const MessageView& message, std::string_view type, Now now);
  // QuickFIX's verify(): false when the message must not be processed further.
  bool verify(const MessageView& message, std::uint64_t seq, bool check_too_high,
              bool check_too_low, Now now);
  bool sending_time_ok(const MessageView& message, Now now) const;
  void reject(const MessageView& message, int reason, int ref_tag, Now now);
  void logout_and_wait(std::string_view text, Now now);  // Logout, disconnect on the reply
  void resend(std::uint64_t begin, std::uint64_t end, Now now);
  void gap_fill(std::uint64_t seq, std::uint64_t new_seq, Now now);
  void request_resend(std::uint64_t received, Now now);
  MessageWriter begin_reject(const MessageView& message, Now now);       // header, reversed route
  bool enqueue(std::uint64_t seq, const MessageView& message, Now now);  // false: over the cap
  void send_heartbeat(std::optional<std::string_view> test_req_id, Now now);
  void send_test_request(Now now);
  void terminate(std::string_view text, Now now);  // Logout with text, then disconnect
  void disconnect(std::string_view reason);

  SessionConfig config_;
  net::ByteBuffer& outbox_;
  MessageLog* log_ = nullptr;
  const DataDictionary* session_dictionary_ = nullptr;
  const DataDictionary* application_dictionary_ = nullptr;
  State state_ = State::Disconnected;
  std::uint64_t next_in_ = 1;
  std::uint64_t next_out_ = 1;
  Nanos heartbeat_interval_;
  TimestampPrecision timestamp_precision_;  // seconds before FIX 4.2, as QuickFIX sends them
  Nanos last_received_ = 0;
  Nanos last_sent_ = 0;
  Nanos test_request_sent_ = 0;  // 0: none outstanding
  Nanos logout_sent_ = 0;
  Nanos period_ = 0;              // start of the schedule period of the last Logon (0: none yet)
  bool logout_received_ = false;  // this connection ended with a Logout exchange
  bool heartbeats_ = true;
  bool muted_ = false;
  MessageStore store_;  // what was sent, and the numbers when FileStorePath is set
  std::map<std::uint64_t, std::string> queue_;  // received ahead of sequence
  std::uint64_t resend_requested_until_ = 0;    // last seq of the open ResendRequest, 0 none
  bool replaying_ = false;                      // processing the queue: already logged
  std::uint64_t send_failures_ = 0;
  std::uint64_t resend_requests_received_ = 0;
  bool wants_disconnect_ = false;
  std::string disconnect_reason_;
};

template <class Deliver>
void Session::process_queue(Now now, Deliver&& deliver) {
  for (auto it = queue_.find(next_in_); it != queue_.end(); it = queue_.find(next_in_)) {
    const std::string message = std::move(it->second);
    queue_.erase(it);
    const MessageView view(message);
    const auto type = view.msg_type();
    if (type == msg_type::Logon || type == msg_type::ResendRequest) {
      ++next_in_;  // already acted on when it arrived
      continue;
    }
    const std::uint64_t before = next_in_;
    replaying_ = true;
    const Inbound kind = on_message(view, now);
    replaying_ = false;
    if (kind != Inbound::Admin) deliver(view);
    if (next_in_ == before || wants_disconnect_) break;
  }
}

}  // namespace vtb::fix
