#pragma once
// One FIX session's configuration, read from a QuickFIX-format [SESSION] section.

#include <cstddef>
#include <string>

#include <optional>

#include "common/fix/data_dictionary.hpp"
#include "common/fix/session_schedule.hpp"
#include "common/fix/session_settings.hpp"
#include "common/time/clock.hpp"

namespace vtb::fix {

struct SessionConfig {
  bool initiator = false;
  std::string begin_string;
  std::string sender_comp_id;
  std::string target_comp_id;
  std::string default_appl_ver_id;  // FIXT.1.1 only
  int heartbeat_interval_s = 30;    // what an initiator asks for; an acceptor takes the client's
  bool reset_on_logon = false;
  bool reset_on_logout = false;      // ResetOnLogout: numbers back to 1 after a Logout exchange
  bool reset_on_disconnect = false;  // ResetOnDisconnect: ... after any disconnection
  Nanos logout_timeout = 2 * kNanosPerSecond;
  Nanos max_latency = 120 * kNanosPerSecond;  // MaxLatency: SendingTime must be this close to now
  std::string connect_host;                   // initiator
  int connect_port = 0;                       // initiator
  int accept_port = 0;                        // acceptor
  std::string file_log_path;     // FileLogPath: directory for the message log, empty for none
  std::string file_store_path;   // FileStorePath: directory for the message store, empty: memory
  bool persist_messages = true;  // PersistMessages=N: keep no copies; resend answers gap-fill
  // SelfMatchPrevention (ours): what the venue does when this session's order would trade with
  // one of its own: "None" (default), "CancelResting", "CancelIncoming", "CancelBoth" or
  // "Decrement".
  std::string self_match_prevention = "None";
  // CancelOnDisconnect (ours): the venue cancels the session's live orders when it disconnects
  // or logs out.
  bool cancel_on_disconnect = false;
  // MaxMessagesPerSecond (ours): application messages beyond this many in any second get a
  // BusinessMessageReject instead of being acted on. 0: no limit.
  int max_messages_per_second = 0;
  // Username/Password (ours): an acceptor refuses a Logon whose Username(553) and Password(554)
  // are not these (when either is set); an initiator sends them on its Logon.
  std::string username;
  std::string password;
  // DropCopy=Y (ours): the session receives a copy of every ExecutionReport the venue sends to
  // the other sessions (CopyMsgIndicator(797)=Y, OnBehalfOfCompID(115) the order's session) and
  // may not send orders.
  bool drop_copy = false;
  // ThrottleMode (ours): what happens to messages beyond MaxMessagesPerSecond: "Reject" (default,
  // a BusinessMessageReject) or "Queue" (held, in order, and handled as the rate allows; at most
  // 10 000 wait, then they are rejected).
  bool throttle_queue = false;
  // Data dictionaries (QuickFIX XML). FIX 4.x: DataDictionary; FIXT.1.1: TransportDataDictionary
  // and AppDataDictionary. Relative paths are tried beside the settings file, then from the
  // working directory. Empty: no validation.
  std::string data_dictionary;
  std::string transport_data_dictionary;
  std::string app_data_dictionary;
  // ValidateFieldsHaveValues, ValidateUserDefinedFields, AllowUnknownMsgFields, as in QuickFIX.
  ValidationOptions validation;
  // StartTime/EndTime (and StartDay/EndDay), UTC. Without them the session never closes.
  std::optional<SessionSchedule> schedule;
  // MaxMessageSize (ours; QuickFIX has no limit): a message whose BodyLength makes it longer is
  // never buffered whole: its bytes are discarded as they arrive and it counts as garbled.
  std::size_t max_message_size = kDefaultMaxMessageSize;
  static constexpr std::size_t kDefaultMaxMessageSize = 64 * 1024;
  static constexpr std::size_t kLargestMaxMessageSize = 64 * 1024 * 1024;

  // Throws SettingsError naming the file, line and key of what is wrong.
  static SessionConfig from(const SettingsSection& section);
  // A settings file holding one initiator [SESSION] (an engine's). Throws SettingsError.
  static SessionConfig load_initiator(const std::string& path);
};

}  // namespace vtb::fix
