#include "common/fix/session.hpp"

#include <string>

#include "common/fix/tags.hpp"
#include "common/text/decimal.hpp"

namespace vtb::fix {

namespace {

constexpr Nanos kSeconds = kNanosPerSecond;

bool is_admin(std::string_view type) {
  return type.size() == 1 && (type[0] == '0' || type[0] == '1' || type[0] == '2' ||
                              type[0] == '3' || type[0] == '4' || type[0] == '5' || type[0] == 'A');
}

}  // namespace

Session::Session(SessionConfig config, net::ByteBuffer& outbox)
    : config_(std::move(config)),
      outbox_(outbox),
      heartbeat_interval_(config_.heartbeat_interval_s * kSeconds) {}

void Session::on_connect(Now now) {
  wants_disconnect_ = false;
  disconnect_reason_.clear();
  last_received_ = last_sent_ = now.mono;
  test_request_sent_ = logout_sent_ = 0;
  if (!config_.initiator) {
    state_ = State::AwaitingLogon;
    return;
  }
  if (config_.reset_on_logon) next_in_ = next_out_ = 1;
  heartbeat_interval_ = config_.heartbeat_interval_s * kSeconds;
  MessageWriter w = begin("A", now);
  w.field_int(tag::EncryptMethod, 0);
  w.field_int(tag::HeartBtInt, config_.heartbeat_interval_s);
  if (config_.reset_on_logon) w.field_char(tag::ResetSeqNumFlag, 'Y');
  if (!config_.default_appl_ver_id.empty())
    w.field(tag::DefaultApplVerID, config_.default_appl_ver_id);
  send(w, now);
  state_ = State::LogonSent;
}

void Session::on_disconnect() {
  state_ = State::Disconnected;
}

MessageWriter Session::begin(std::string_view msg_type, Now now) {
  MessageWriter w(outbox_.prepare(kMaxOutboundMessage), kMaxOutboundMessage, config_.begin_string);
  // Header in QuickFIX's order (35, then by tag number), so our bytes match a QuickFIX peer's.
  w.field(tag::MsgType, msg_type);
  w.field_int(tag::MsgSeqNum, static_cast<std::int64_t>(next_out_));
  w.field(tag::SenderCompID, config_.sender_comp_id);
  w.field_timestamp(tag::SendingTime, now.wall);
  w.field(tag::TargetCompID, config_.target_comp_id);
  return w;
}

bool Session::send(MessageWriter& writer, Now now) {
  const std::size_t length = writer.finish();
  if (length == 0) {
    ++send_failures_;
    return false;
  }
  if (log_) log_->record(std::string_view(outbox_.back(), length), now.wall);
  outbox_.commit(length);
  ++next_out_;
  last_sent_ = now.mono;
  return true;
}

void Session::disconnect(std::string_view reason) {
  wants_disconnect_ = true;
  if (disconnect_reason_.empty()) disconnect_reason_ = reason;
}

void Session::terminate(std::string_view text, Now now) {
  if (state_ != State::Active && state_ != State::LogoutSent) {
    disconnect(text);  // never logged on: no Logout before a Logon
    return;
  }
  MessageWriter w = begin("5", now);
  w.field(tag::Text, text.substr(0, 512));
  send(w, now);
  state_ = State::LogoutSent;
  logout_sent_ = now.mono;
  disconnect(text);
}

void Session::logout(std::string_view text, Now now) {
  if (state_ != State::Active) {
    disconnect(text);
    return;
  }
  MessageWriter w = begin("5", now);
  if (!text.empty()) w.field(tag::Text, text);
  send(w, now);
  state_ = State::LogoutSent;
  logout_sent_ = now.mono;
}

void Session::send_heartbeat(std::string_view test_req_id, Now now) {
  MessageWriter w = begin("0", now);
  if (!test_req_id.empty()) w.field(tag::TestReqID, test_req_id);
  send(w, now);
}

void Session::send_test_request(Now now) {
  char id[24];
  const int n = text::format_int(id, static_cast<std::int64_t>(++test_request_counter_));
  MessageWriter w = begin("1", now);
  w.field(tag::TestReqID, std::string_view(id, static_cast<std::size_t>(n)));
  send(w, now);
  test_request_sent_ = now.mono;
}

Inbound Session::on_message(const MessageView& message, Now now) {
  last_received_ = now.mono;
  test_request_sent_ = 0;  // any traffic answers a TestRequest
  if (log_) log_->record(message.bytes(), now.wall);

  const std::string_view type = message.msg_type();
  if (message.get(tag::BeginString) != std::string_view(config_.begin_string)) {
    disconnect("BeginString does not match the session's " + config_.begin_string);
    return Inbound::Admin;
  }
  if (message.get(tag::SenderCompID) != std::string_view(config_.target_comp_id) ||
      message.get(tag::TargetCompID) != std::string_view(config_.sender_comp_id)) {
    if (state_ == State::Active) {
      terminate("CompID problem: expected SenderCompID=" + config_.target_comp_id +
                    " TargetCompID=" + config_.sender_comp_id,
                now);
    } else {
      disconnect("CompIDs do not match the session");
    }
    return Inbound::Admin;
  }
  const auto seq = message.get_int(tag::MsgSeqNum);
  if (!seq || *seq <= 0) {
    terminate("MsgSeqNum(34) missing or not a positive integer", now);
    return Inbound::Admin;
  }

  if (type == "A") {
    handle_logon(message, now);
    return Inbound::Admin;
  }
  if (state_ != State::Active && state_ != State::LogoutSent) {
    if (type == "5") {
      disconnect("counterparty sent Logout: " + std::string(message.get(tag::Text).value_or("")));
      return Inbound::Admin;
    }
    disconnect("first message was not a Logon");
    return Inbound::Admin;
  }

  const auto received = static_cast<std::uint64_t>(*seq);
  if (received < next_in_) {
    if (message.get(tag::PossDupFlag) == std::string_view("Y")) return Inbound::Admin;
    terminate("MsgSeqNum too low, expecting " + std::to_string(next_in_) + " but received " +
                  std::to_string(received),
              now);
    return Inbound::Admin;
  }
  if (received > next_in_) {
    terminate("MsgSeqNum too high, expecting " + std::to_string(next_in_) + " but received " +
                  std::to_string(received) + "; this venue does not yet support resend",
              now);
    return Inbound::Admin;
  }
  ++next_in_;
  if (is_admin(type)) {
    handle_admin(message, type, now);
    return type == "3" ? Inbound::SessionReject : Inbound::Admin;
  }
  return state_ == State::Active ? Inbound::Application : Inbound::Admin;
}

void Session::handle_logon(const MessageView& message, Now now) {
  const auto heartbeat = message.get_int(tag::HeartBtInt);
  if (!heartbeat || *heartbeat < 0 || *heartbeat > kMaxHeartbeatInterval) {
    disconnect("Logon HeartBtInt(108) missing or outside 0.." +
               std::to_string(kMaxHeartbeatInterval));
    return;
  }
  const auto appl_ver = message.get(tag::DefaultApplVerID);
  if (appl_ver && appl_ver->size() > 32) {
    disconnect("Logon DefaultApplVerID(1137) longer than 32 characters");
    return;
  }
  const bool reset = message.get(tag::ResetSeqNumFlag) == std::string_view("Y");
  const auto seq = static_cast<std::uint64_t>(*message.get_int(tag::MsgSeqNum));

  const State expected = config_.initiator ? State::LogonSent : State::AwaitingLogon;
  if (state_ != expected) {
    terminate(config_.initiator ? "unexpected Logon" : "Logon received on an active session", now);
    return;
  }
  // The initiator reset its outbound numbers when it sent its own Logon.
  if (config_.initiator) {
    if (reset) next_in_ = 1;
  } else if (reset || config_.reset_on_logon) {
    next_in_ = next_out_ = 1;
  }
  if (seq != next_in_) {
    terminate("Logon MsgSeqNum " + std::to_string(seq) + " but expected " +
                  std::to_string(next_in_) + "; resend is not supported yet",
              now);
    return;
  }
  ++next_in_;
  if (config_.initiator) {
    state_ = State::Active;
    return;
  }
  heartbeat_interval_ = *heartbeat * kSeconds;
  MessageWriter w = begin("A", now);
  w.field_int(tag::EncryptMethod, 0);
  w.field_int(tag::HeartBtInt, *heartbeat);
  if (reset) w.field_char(tag::ResetSeqNumFlag, 'Y');
  if (appl_ver) w.field(tag::DefaultApplVerID, *appl_ver);
  send(w, now);
  state_ = State::Active;
}

void Session::handle_admin(const MessageView& message, std::string_view type, Now now) {
  switch (type[0]) {
    case '0':  // Heartbeat
    case '3':  // session-level Reject of something we sent: nothing to recover
      return;
    case '1':  // TestRequest
      send_heartbeat(message.get(tag::TestReqID).value_or(std::string_view{}), now);
      return;
    case '5':  // Logout
      if (state_ == State::LogoutSent) {
        disconnect("logout confirmed");
      } else {
        MessageWriter w = begin("5", now);
        send(w, now);
        state_ = State::LogoutSent;
        disconnect("counterparty logged out");
      }
      return;
    case '2':  // ResendRequest
    case '4':  // SequenceReset
      terminate("ResendRequest and SequenceReset are not supported by this venue yet", now);
      return;
    default:
      return;
  }
}

void Session::on_timer(Now now) {
  if (state_ == State::LogoutSent) {
    if (logout_sent_ != 0 && now.mono - logout_sent_ >= config_.logout_timeout) {
      disconnect("no Logout reply within LogoutTimeout");
    }
    return;
  }
  if (state_ != State::Active || heartbeat_interval_ <= 0) return;
  if (test_request_sent_ != 0 && now.mono - test_request_sent_ >= heartbeat_interval_) {
    terminate("no reply to TestRequest: counterparty timed out", now);
    return;
  }
  // 20% grace, as QuickFIX allows, before asking whether the counterparty is alive.
  if (test_request_sent_ == 0 &&
      now.mono - last_received_ >= heartbeat_interval_ + heartbeat_interval_ / 5) {
    send_test_request(now);
  }
  if (now.mono - last_sent_ >= heartbeat_interval_) send_heartbeat({}, now);
}

}  // namespace vtb::fix
