#pragma once
// The FIX session layer for one session, either side, independent of sockets: the owner feeds it
// framed inbound messages and timer ticks, and drains the bytes it writes into the outbox.
//
// Scope today: Logon (with ResetSeqNumFlag), Heartbeat, TestRequest, Logout handshake with timeout,
// CompID and BeginString checks, MsgSeqNum in order. Resend (ResendRequest, SequenceReset, PossDup)
// is not implemented yet: a sequence gap or a ResendRequest ends the session with a Logout whose
// text says so, rather than silently losing messages. docs/FIX.md lists what is supported.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/fix/message_log.hpp"
#include "common/fix/message_view.hpp"
#include "common/fix/message_writer.hpp"
#include "common/fix/session_config.hpp"
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
  static constexpr int kMaxHeartbeatInterval = 86'400;  // a day: beyond it, the number is a mistake

  Session(SessionConfig config, net::ByteBuffer& outbox);

  // A transport connected: initiators send Logon, acceptors wait for one.
  void on_connect(Now now);
  void on_disconnect();

  Inbound on_message(const MessageView& message, Now now);
  // Heartbeats, TestRequest on silence, Logout timeout. Call at least every few hundred ms.
  void on_timer(Now now);

  // Starts an outbound message with the standard header; add body fields, then send().
  MessageWriter begin(std::string_view msg_type, Now now);
  // Completes the message into the outbox. False if it did not fit (nothing is sent).
  bool send(MessageWriter& writer, Now now);

  void logout(std::string_view text, Now now);

  // Every message in and out is recorded here when set (not owned).
  void set_log(MessageLog* log) { log_ = log; }

  State state() const { return state_; }
  bool active() const { return state_ == State::Active; }
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
  std::uint64_t next_inbound_seq() const { return next_in_; }
  // Messages that did not fit kMaxOutboundMessage and were not sent.
  std::uint64_t send_failures() const { return send_failures_; }

 private:
  void handle_logon(const MessageView& message, Now now);
  void handle_admin(const MessageView& message, std::string_view type, Now now);
  void send_heartbeat(std::string_view test_req_id, Now now);
  void send_test_request(Now now);
  void terminate(std::string_view text, Now now);  // Logout with text, then disconnect
  void disconnect(std::string_view reason);

  SessionConfig config_;
  net::ByteBuffer& outbox_;
  MessageLog* log_ = nullptr;
  State state_ = State::Disconnected;
  std::uint64_t next_in_ = 1;
  std::uint64_t next_out_ = 1;
  Nanos heartbeat_interval_;
  Nanos last_received_ = 0;
  Nanos last_sent_ = 0;
  Nanos test_request_sent_ = 0;  // 0: none outstanding
  Nanos logout_sent_ = 0;
  std::uint64_t test_request_counter_ = 0;
  std::uint64_t send_failures_ = 0;
  bool wants_disconnect_ = false;
  std::string disconnect_reason_;
};

}  // namespace vtb::fix
