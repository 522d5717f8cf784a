#include "common/fix/session.hpp"

#include <algorithm>
#include <string>

#include "common/fix/appl_ver_id.hpp"
#include "common/fix/header_fields.hpp"
#include "common/fix/tags.hpp"
#include "common/fix/values.hpp"
#include "common/hot_path/hot_code.hpp"
#include "common/text/decimal.hpp"

namespace vtb::fix {

namespace {

constexpr Nanos kSeconds = kNanosPerSecond;
namespace reason = session_reject_reason;

bool is_admin(std::string_view type) {
  return type == msg_type::Heartbeat || type == msg_type::TestRequest ||
         type == msg_type::ResendRequest || type == msg_type::Reject ||
         type == msg_type::SequenceReset || type == msg_type::Logout || type == msg_type::Logon;
}

}  // namespace

Session::Session(SessionConfig config, net::ByteBuffer& outbox)
    : config_(std::move(config)),
      outbox_(outbox),
      heartbeat_interval_(config_.heartbeat_interval_s * kSeconds),
      timestamp_precision_(config_.begin_string >= "FIX.4.2" ? TimestampPrecision::Millis
                                                             : TimestampPrecision::Seconds) {
  if (!config_.file_store_path.empty()) {
    store_ =
        MessageStore(config_.file_store_path, config_.begin_string + "-" + config_.sender_comp_id +
                                                  "-" + config_.target_comp_id);
    next_out_ = store_.next_sender();
    next_in_ = store_.next_target();
  }
}

void Session::on_connect(Now now) {
  wants_disconnect_ = false;
  disconnect_reason_.clear();
  last_received_ = last_sent_ = now.mono;
  test_request_sent_ = logout_sent_ = 0;
  if (!config_.initiator) {
    state_ = State::AwaitingLogon;
    return;
  }
  if (config_.reset_on_logon) reset_sequence_numbers();
  heartbeat_interval_ = config_.heartbeat_interval_s * kSeconds;
  MessageWriter w = begin(msg_type::Logon, now);
  w.field_int(tag::EncryptMethod, 0);
  w.field_int(tag::HeartBtInt, config_.heartbeat_interval_s);
  if (config_.reset_on_logon) w.field_char(tag::ResetSeqNumFlag, 'Y');
  // Settings name the version as QuickFIX's do (FIX.5.0SP2); the wire carries its enum (9).
  if (!config_.default_appl_ver_id.empty())
    w.field(tag::DefaultApplVerID, appl_ver_id(config_.default_appl_ver_id));
  if (!config_.username.empty()) w.field(tag::Username, config_.username);
  if (!config_.password.empty()) w.field(tag::Password, config_.password);
  send(w, now);
  state_ = State::LogonSent;
}

void Session::reset_sequence_numbers() {
  next_in_ = next_out_ = 1;
  store_.reset();
  queue_.clear();
  resend_requested_until_ = 0;
}

void Session::on_disconnect() {
  const bool logged_out = state_ == State::LogoutSent || logout_received_;
  state_ = State::Disconnected;
  queue_.clear();
  resend_requested_until_ = 0;
  logout_received_ = false;
  heartbeats_ = true;  // a stopped heartbeat lasts one connection
  if (config_.reset_on_disconnect || (config_.reset_on_logout && logged_out)) {
    reset_sequence_numbers();
  }
}

MessageWriter Session::begin(std::string_view msg_type, Now now) {
  MessageWriter w(outbox_.prepare(kMaxOutboundMessage), kMaxOutboundMessage, config_.begin_string);
  // Header in QuickFIX's order (35, then by tag number), so our bytes match a QuickFIX peer's.
  w.field(tag::MsgType, msg_type);
  w.field_int(tag::MsgSeqNum, static_cast<std::int64_t>(next_out_));
  w.field(tag::SenderCompID, config_.sender_comp_id);
  w.field_timestamp(tag::SendingTime, now.wall, timestamp_precision_);
  w.field(tag::TargetCompID, config_.target_comp_id);
  return w;
}

bool Session::send(MessageWriter& writer, Now now) {
  return send_prepared(writer.finish(), now);
}

bool Session::store_for_resend(MessageWriter& writer, Now now) {
  const std::size_t length = writer.finish();
  if (muted_) return length != 0;
  if (length == 0 || !config_.persist_messages) {
    ++send_failures_;
    return false;
  }
  const std::string_view message(outbox_.back(), length);  // prepared, never committed
  if (log_) log_->record(message, now.wall);
  store_.store(next_out_, message);
  ++next_out_;
  return true;
}

VTB_HOT bool Session::send_prepared(std::size_t length, Now now) {
  if (length == 0) {
    ++send_failures_;
    return false;
  }
  if (muted_) [[unlikely]]
    return true;
  if (log_) log_->record(std::string_view(outbox_.back(), length), now.wall);
  // Kept for resend. (Allocates per message: the engine runs with PersistMessages=N and answers
  // a ResendRequest with a gap fill.)
  if (config_.persist_messages) store_.store(next_out_, std::string_view(outbox_.back(), length));
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
  logout_and_wait(text.substr(0, 512), now);
  disconnect(text);
}

void Session::logout(std::string_view text, Now now) {
  if (state_ != State::Active) {
    disconnect(text);
    return;
  }
  logout_and_wait(text, now);
}

void Session::send_heartbeat(std::optional<std::string_view> test_req_id, Now now) {
  MessageWriter w = begin(msg_type::Heartbeat, now);
  // Echoed as it came, empty included (ValidateFieldsHaveValues=N lets an empty one through).
  if (test_req_id) w.field(tag::TestReqID, *test_req_id);
  send(w, now);
}

void Session::send_test_request(Now now) {
  MessageWriter w = begin(msg_type::TestRequest, now);
  w.field(tag::TestReqID, "TEST");  // QuickFIX's id, so our bytes match a QuickFIX peer's
  send(w, now);
  test_request_sent_ = now.mono;
}

Inbound Session::on_message(const MessageView& message, Now now) {
  last_received_ = now.mono;
  test_request_sent_ = 0;  // any traffic answers a TestRequest
  if (log_ && !replaying_) log_->record(message.bytes(), now.wall);

  const std::optional<std::uint64_t> seq = check_header(message, now);
  if (!seq) return Inbound::Admin;
  if (message.msg_type() == msg_type::Logon) {
    handle_logon(message, now);
    return Inbound::Admin;
  }
  if (!check_in_session(message, now)) return Inbound::Admin;
  return dispatch(message, *seq, now);
}

bool Session::comp_ids_match(const MessageView& message) const {
  return message.get(tag::SenderCompID) == std::string_view(config_.target_comp_id) &&
         message.get(tag::TargetCompID) == std::string_view(config_.sender_comp_id);
}

std::optional<std::uint64_t> Session::check_header(const MessageView& message, Now now) {
  const std::string_view type = message.msg_type();
  // BeginString, BodyLength, MsgType must be the first three fields; QuickFIX drops the message.
  {
    auto it = message.begin();
    int position = 0;
    for (; it != message.end() && position < 2; ++it, ++position) {
    }
    if (it == message.end() || it->tag != tag::MsgType) return std::nullopt;
  }
  if (message.get(tag::BeginString) != std::string_view(config_.begin_string)) {
    if (state_ != State::Active) {
      disconnect("BeginString does not match the session's " + config_.begin_string);
      return std::nullopt;
    }
    if (type == msg_type::Logout) {
      disconnect("Logout with an incorrect BeginString");
      return std::nullopt;
    }
    const auto seq = message.get_int(tag::MsgSeqNum);
    if (seq && *seq > 0 && static_cast<std::uint64_t>(*seq) == next_in_) ++next_in_;
    logout_and_wait("Incorrect BeginString", now);
    return std::nullopt;
  }
  // SenderCompID and TargetCompID must be there before anything can be said about them.
  for (const int required : {tag::SenderCompID, tag::TargetCompID}) {
    if (message.get(required)) continue;
    if (state_ == State::Active) {
      reject(message, reason::RequiredTagMissing, required, now);
    } else {
      disconnect("message without SenderCompID or TargetCompID");
    }
    return std::nullopt;
  }
  if (session_dictionary_) {
    const bool admin = is_admin(type);
    const DataDictionary& app =
        admin || !application_dictionary_ ? *session_dictionary_ : *application_dictionary_;
    if (const auto error =
            validate_message(message, *session_dictionary_, app, config_.validation)) {
      if (state_ != State::Active) {
        disconnect("invalid message before Logon: SessionRejectReason " +
                   std::to_string(error->reason) + ", tag " + std::to_string(error->ref_tag));
      } else {
        reject(message, error->reason, error->has_ref_tag ? error->ref_tag : 0, now);
      }
      return std::nullopt;
    }
  }
  if (state_ != State::Active && !comp_ids_match(message)) {
    disconnect("CompIDs do not match the session");
    return std::nullopt;
  }
  const auto seq = message.get_int(tag::MsgSeqNum);
  if (!seq || *seq < 0 || (*seq == 0 && type != msg_type::SequenceReset)) {
    terminate("MsgSeqNum(34) missing or not a positive integer", now);
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(*seq);
}

bool Session::check_in_session(const MessageView& message, Now now) {
  if (state_ != State::Active && state_ != State::LogoutSent) {
    if (message.msg_type() == msg_type::Logout) {
      disconnect("counterparty sent Logout: " + std::string(message.get(tag::Text).value_or("")));
      return false;
    }
    disconnect("first message was not a Logon");
    return false;
  }
  if (!sending_time_ok(message, now)) {
    reject(message, reason::SendingTimeAccuracyProblem, 0, now);
    logout_and_wait({}, now);
    return false;
  }
  if (!comp_ids_match(message)) {
    reject(message, reason::CompIdProblem, 0, now);
    logout_and_wait({}, now);
    return false;
  }
  return true;
}

Inbound Session::dispatch(const MessageView& message, std::uint64_t seq, Now now) {
  const std::string_view type = message.msg_type();
  if (type == msg_type::Logout) {
    if (!verify(message, seq, false, false, now)) return Inbound::Admin;
    if (seq == next_in_) ++next_in_;
    handle_admin(message, type, now);
    return Inbound::Admin;
  }
  if (type == msg_type::ResendRequest) {
    if (!verify(message, seq, false, false, now)) return Inbound::Admin;
    handle_admin(message, type, now);
    if (seq == next_in_) ++next_in_;
    return Inbound::Admin;
  }
  if (type == msg_type::SequenceReset) {
    const bool gap_fill = message.get(tag::GapFillFlag) == std::string_view("Y");
    if (!verify(message, seq, gap_fill, gap_fill, now)) return Inbound::Admin;
    const auto new_seq = message.get_int(tag::NewSeqNo);
    if (new_seq && *new_seq > 0) {
      if (static_cast<std::uint64_t>(*new_seq) > next_in_) {
        next_in_ = static_cast<std::uint64_t>(*new_seq);
      } else if (static_cast<std::uint64_t>(*new_seq) < next_in_) {
        reject(message, reason::ValueIsIncorrect, 0, now);
      }
    }
    return Inbound::Admin;
  }
  const bool is_reject = type == msg_type::Reject;
  if (!verify(message, seq, !is_reject, true, now)) return Inbound::Admin;
  ++next_in_;
  if (is_admin(type)) {
    handle_admin(message, type, now);
    return is_reject ? Inbound::SessionReject : Inbound::Admin;
  }
  // An initiator that has sent its Logout still takes what the counterparty sent before
  // answering it, as QuickFIX does: the reports of its orders in flight. (The acceptor side is
  // left as QuickFIX's acceptance suite checks it.)
  const bool delivering = state_ == State::Active ||
                          (config_.initiator && state_ == State::LogoutSent && !logout_received_);
  return delivering ? Inbound::Application : Inbound::Admin;
}

bool Session::sending_time_ok(const MessageView& message, Now now) const {
  const auto text = message.get(tag::SendingTime);
  if (!text) return false;
  const auto sent = parse_utc_timestamp(*text);
  if (!sent) return false;
  const Nanos skew = *sent > now.wall ? *sent - now.wall : now.wall - *sent;
  return skew <= config_.max_latency;
}

bool Session::verify(const MessageView& message, std::uint64_t seq, bool check_too_high,
                     bool check_too_low, Now now) {
  if (check_too_high && seq > next_in_) {
    if (!enqueue(seq, message, now)) return false;
    // One ResendRequest covers the gap: QuickFIX does not ask again for a range already asked.
    if (resend_requested_until_ == 0) request_resend(seq, now);
    return false;
  }
  if (check_too_low && seq < next_in_) {
    if (message.get(tag::PossDupFlag) != std::string_view("Y")) {
      terminate("MsgSeqNum too low, expecting " + std::to_string(next_in_) + " but received " +
                    std::to_string(seq),
                now);
      return false;
    }
    if (message.msg_type() != msg_type::SequenceReset) {
      const auto orig = message.get(tag::OrigSendingTime);
      if (!orig) {
        reject(message, reason::RequiredTagMissing, tag::OrigSendingTime, now);
        return false;
      }
      const auto orig_time = parse_utc_timestamp(*orig);
      const auto sending_time = parse_utc_timestamp(message.get(tag::SendingTime).value_or(""));
      if (orig_time && sending_time && *orig_time > *sending_time) {
        reject(message, reason::SendingTimeAccuracyProblem, 0, now);
        logout_and_wait({}, now);
      }
    }
    return false;  // a duplicate: already processed
  }
  if ((check_too_high || check_too_low) && resend_requested_until_ != 0 &&
      seq >= resend_requested_until_) {
    resend_requested_until_ = 0;  // the ResendRequest has been satisfied
  }
  return true;
}

void Session::request_resend(std::uint64_t received, Now now) {
  MessageWriter w = begin(msg_type::ResendRequest, now);
  w.field_int(tag::BeginSeqNo, static_cast<std::int64_t>(next_in_));
  // FIX 4.2 and later: 0 means "everything after"; older versions use 999999.
  const bool infinity_is_zero = config_.begin_string >= "FIX.4.2";
  w.field_int(tag::EndSeqNo, infinity_is_zero ? 0 : 999999);
  send(w, now);
  resend_requested_until_ = received - 1;
}

void Session::reject(const MessageView& message, int reason, int ref_tag, Now now) {
  const std::string_view type = message.msg_type();
  const auto seq_text = message.get(tag::MsgSeqNum);
  const auto seq = message.get_int(tag::MsgSeqNum);
  if (type != msg_type::Logon && type != msg_type::SequenceReset && seq && *seq > 0 &&
      static_cast<std::uint64_t>(*seq) == next_in_) {
    ++next_in_;
  }
  MessageWriter w = begin_reject(message, now);
  if (seq_text && !seq_text->empty()) w.field(tag::RefSeqNum, *seq_text);
  const char* text = session_reject_text(reason);
  const bool fix42_or_later = config_.begin_string >= "FIX.4.2";
  if (text) {
    if ((ref_tag != 0 || reason == session_reject_reason::InvalidTagNumber) && !fix42_or_later) {
      w.field(tag::Text, std::string(text) + " (" + std::to_string(ref_tag) + ")");
    } else {
      w.field(tag::Text, text);
      if (ref_tag != 0 || reason == session_reject_reason::InvalidTagNumber) {
        w.field_int(tag::RefTagID, ref_tag);
      }
    }
  }
  if (fix42_or_later) {
    if (!type.empty()) w.field(tag::RefMsgType, type);
    // FIX 4.2's reasons end at Invalid MsgType.
    if (config_.begin_string > "FIX.4.2" || reason <= session_reject_reason::InvalidMsgType) {
      w.field_int(tag::SessionRejectReason, reason);
    }
  }
  send(w, now);
}

void Session::reject(const MessageView& message, std::string_view text, Now now) {
  MessageWriter w = begin_reject(message, now);
  const bool fix42_or_later = config_.begin_string >= "FIX.4.2";
  if (fix42_or_later) w.field(tag::RefMsgType, message.msg_type());
  if (const auto seq = message.get(tag::MsgSeqNum)) w.field(tag::RefSeqNum, *seq);
  w.field(tag::Text, text);
  send(w, now);
}

MessageWriter Session::begin_reject(const MessageView& message, Now now) {
  MessageWriter w = begin(msg_type::Reject, now);
  // In tag order, as QuickFIX writes its header.
  for (const int to : {tag::OnBehalfOfCompID, tag::OnBehalfOfSubID, tag::DeliverToCompID,
                       tag::DeliverToSubID, tag::OnBehalfOfLocationID, tag::DeliverToLocationID}) {
    // LocationIDs arrived in FIX 4.1; QuickFIX does not reverse them before.
    if (to >= tag::OnBehalfOfLocationID && config_.begin_string < "FIX.4.1") continue;
    const auto value = message.get(reversed_route(to));
    if (value && !value->empty()) w.field(to, *value);
  }
  return w;
}

void Session::logout_and_wait(std::string_view text, Now now) {
  MessageWriter w = begin(msg_type::Logout, now);
  if (!text.empty()) w.field(tag::Text, text);
  send(w, now);
  state_ = State::LogoutSent;
  logout_sent_ = now.mono;
}

void Session::gap_fill(std::uint64_t seq, std::uint64_t new_seq, Now now) {
  MessageWriter w(outbox_.prepare(kMaxOutboundMessage), kMaxOutboundMessage, config_.begin_string);
  w.field(tag::MsgType, msg_type::SequenceReset);
  w.field_int(tag::MsgSeqNum, static_cast<std::int64_t>(seq));
  w.field_char(tag::PossDupFlag, 'Y');
  w.field(tag::SenderCompID, config_.sender_comp_id);
  w.field_timestamp(tag::SendingTime, now.wall, timestamp_precision_);
  w.field(tag::TargetCompID, config_.target_comp_id);
  w.field_timestamp(tag::OrigSendingTime, now.wall, timestamp_precision_);
  w.field_int(tag::NewSeqNo, static_cast<std::int64_t>(new_seq));
  w.field_char(tag::GapFillFlag, 'Y');
  const std::size_t length = w.finish();  // a resend: not stored, sequence unchanged
  if (length == 0) return;
  if (log_) log_->record(std::string_view(outbox_.back(), length), now.wall);
  outbox_.commit(length);
  last_sent_ = now.mono;
}

// Answers a ResendRequest as QuickFIX does: application messages again with PossDupFlag=Y and
// OrigSendingTime, runs of administrative (or missing) messages as one SequenceReset-GapFill.
void Session::resend(std::uint64_t begin_seq, std::uint64_t end_seq, Now now) {
  const std::uint64_t last_sent = next_out_ - 1;
  if (end_seq == 0 || end_seq >= last_sent ||
      (end_seq == 999999 && config_.begin_string <= "FIX.4.2")) {
    end_seq = last_sent;
  }
  if (begin_seq == 0) begin_seq = 1;
  std::uint64_t gap_start = 0;
  for (std::uint64_t seq = begin_seq; seq <= end_seq; ++seq) {
    const std::optional<std::string_view> kept = store_.get(seq);
    const bool stored = kept.has_value();
    const MessageView original(kept.value_or(std::string_view{}));
    if (!stored || is_admin(original.msg_type())) {
      if (gap_start == 0) gap_start = seq;
      continue;
    }
    if (gap_start != 0) {
      gap_fill(gap_start, seq, now);
      gap_start = 0;
    }
    // Header: the original's plus PossDupFlag, a new SendingTime and OrigSendingTime, in tag
    // order after MsgType; then the original body.
    std::vector<Field> header, body;
    for (const Field& f : original) {
      if (f.tag == tag::BeginString || f.tag == tag::BodyLength || f.tag == tag::MsgType ||
          f.tag == tag::SendingTime || f.tag == tag::PossDupFlag || f.tag == tag::OrigSendingTime ||
          f.tag == tag::CheckSum) {
        continue;
      }
      (is_header_tag(f.tag) ? header : body).push_back(f);
    }
    char sending_time[kMaxTimestampLength];
    const std::size_t n = format_utc_timestamp(sending_time, now.wall, timestamp_precision_);
    header.push_back({tag::PossDupFlag, "Y"});
    header.push_back({tag::SendingTime, std::string_view(sending_time, n)});
    header.push_back({tag::OrigSendingTime, original.get(tag::SendingTime).value_or("")});
    std::stable_sort(header.begin(), header.end(),
                     [](const Field& a, const Field& b) { return a.tag < b.tag; });
    MessageWriter w(outbox_.prepare(kMaxOutboundMessage), kMaxOutboundMessage,
                    config_.begin_string);
    w.field(tag::MsgType, original.msg_type());
    for (const Field& f : header)
      w.field(f.tag, f.value);
    for (const Field& f : body)
      w.field(f.tag, f.value);
    const std::size_t length = w.finish();
    if (length == 0) continue;
    if (log_) log_->record(std::string_view(outbox_.back(), length), now.wall);
    outbox_.commit(length);
    last_sent_ = now.mono;
  }
  if (gap_start != 0) gap_fill(gap_start, end_seq + 1, now);
}

void Session::handle_logon(const MessageView& message, Now now) {
  const auto heartbeat = message.get_int(tag::HeartBtInt);
  if (!heartbeat || *heartbeat < 0 || *heartbeat > kMaxHeartbeatInterval) {
    disconnect("Logon HeartBtInt(108) missing or outside 0.." +
               std::to_string(kMaxHeartbeatInterval));
    return;
  }
  if (!sending_time_ok(message, now)) {
    disconnect("Logon SendingTime(52) is not within MaxLatency of now");
    return;
  }
  const auto appl_ver = message.get(tag::DefaultApplVerID);
  if (appl_ver && appl_ver->size() > 32) {
    disconnect("Logon DefaultApplVerID(1137) longer than 32 characters");
    return;
  }
  if (!config_.initiator && (!config_.username.empty() || !config_.password.empty()) &&
      (message.get(tag::Username).value_or("") != config_.username ||
       message.get(tag::Password).value_or("") != config_.password)) {
    // As QuickFIX rejects a Logon: a Logout saying why, then the connection closes.
    MessageWriter w = begin(msg_type::Logout, now);
    w.field(tag::Text, "Logon refused: wrong Username(553) or Password(554)");
    send(w, now);
    disconnect("Logon with a wrong Username or Password");
    return;
  }
  if (config_.schedule && !config_.initiator) {
    if (!config_.schedule->in_session(now.wall)) {
      disconnect("Logon outside the session's StartTime/EndTime");
      return;
    }
    // A new period of the schedule starts the sequence numbers again, as QuickFIX does.
    const Nanos period = config_.schedule->period_start(now.wall);
    if (period_ != 0 && period != period_ && state_ != State::Active) reset_sequence_numbers();
    period_ = period;
  }
  const bool reset = message.get(tag::ResetSeqNumFlag) == std::string_view("Y");
  const auto seq = static_cast<std::uint64_t>(*message.get_int(tag::MsgSeqNum));

  const State expected = config_.initiator ? State::LogonSent : State::AwaitingLogon;
  // A Logon with ResetSeqNumFlag=Y on an active session resets it (QuickFIX does the same).
  const bool session_reset = !config_.initiator && state_ == State::Active && reset;
  if (state_ != expected && !session_reset) {
    terminate(config_.initiator ? "unexpected Logon" : "Logon received on an active session", now);
    return;
  }
  // The initiator reset its outbound numbers when it sent its own Logon.
  if (config_.initiator) {
    if (reset) next_in_ = 1;
  } else if (reset || config_.reset_on_logon) {
    reset_sequence_numbers();
  }
  if (seq < next_in_) {
    terminate("MsgSeqNum too low, expecting " + std::to_string(next_in_) + " but received " +
                  std::to_string(seq),
              now);
    return;
  }
  // A Logon ahead of sequence is accepted, then the gap is asked for (after our Logon reply).
  const bool too_high = seq > next_in_;
  if (!too_high) ++next_in_;
  if (config_.initiator) {
    state_ = State::Active;
    if (too_high && enqueue(seq, message, now)) request_resend(seq, now);
    return;
  }
  heartbeat_interval_ = *heartbeat * kSeconds;
  MessageWriter w = begin(msg_type::Logon, now);
  w.field_int(tag::EncryptMethod, 0);
  w.field_int(tag::HeartBtInt, *heartbeat);
  if (reset) w.field_char(tag::ResetSeqNumFlag, 'Y');
  if (appl_ver) w.field(tag::DefaultApplVerID, *appl_ver);
  send(w, now);
  state_ = State::Active;
  if (too_high && enqueue(seq, message, now)) request_resend(seq, now);
}

bool Session::enqueue(std::uint64_t seq, const MessageView& message, Now now) {
  if (queue_.size() >= kMaxQueuedMessages && !queue_.contains(seq)) {
    terminate("more than " + std::to_string(kMaxQueuedMessages) +
                  " messages received ahead of a sequence gap",
              now);
    return false;
  }
  queue_[seq] = std::string(message.bytes());
  return true;
}

void Session::handle_admin(const MessageView& message, std::string_view type, Now now) {
  // Heartbeat, and a session-level Reject of something we sent: nothing to do or recover.
  if (type == msg_type::TestRequest) {
    if (heartbeats_) send_heartbeat(message.get(tag::TestReqID), now);
  } else if (type == msg_type::Logout) {
    logout_received_ = true;
    if (state_ == State::LogoutSent) {
      disconnect("logout confirmed");
    } else {
      logout_and_wait({}, now);
      disconnect("counterparty logged out");
    }
  } else if (type == msg_type::ResendRequest) {
    ++resend_requests_received_;
    const auto begin_seq = message.get_int(tag::BeginSeqNo);
    const auto end_seq = message.get_int(tag::EndSeqNo);
    if (begin_seq && end_seq && *begin_seq >= 0 && *end_seq >= 0) {
      resend(static_cast<std::uint64_t>(*begin_seq), static_cast<std::uint64_t>(*end_seq), now);
    }
  }
}

void Session::on_timer(Now now) {
  if (state_ == State::LogoutSent) {
    if (logout_sent_ != 0 && now.mono - logout_sent_ >= config_.logout_timeout) {
      disconnect("no Logout reply within LogoutTimeout");
    }
    return;
  }
  if (state_ != State::Active) return;
  if (config_.schedule && !config_.initiator && !config_.schedule->in_session(now.wall)) {
    terminate({}, now);  // the session's time is over: Logout, then disconnect
    return;
  }
  if (heartbeat_interval_ <= 0 || !heartbeats_) return;
  if (test_request_sent_ != 0 && now.mono - test_request_sent_ >= heartbeat_interval_) {
    // As QuickFIX: a peer that answers nothing gets no Logout either, just the disconnect.
    disconnect("no reply to TestRequest: counterparty timed out");
    return;
  }
  // 20% grace, as QuickFIX allows, before asking whether the counterparty is alive.
  if (test_request_sent_ == 0 &&
      now.mono - last_received_ >= heartbeat_interval_ + heartbeat_interval_ / 5) {
    send_test_request(now);
  }
  if (now.mono - last_sent_ >= heartbeat_interval_) send_heartbeat(std::nullopt, now);
}

}  // namespace vtb::fix
