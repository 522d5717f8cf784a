#include "common/fix/session_config.hpp"

#include <filesystem>

namespace vtb::fix {

namespace {

int require_port(const SettingsSection& section, const std::string& key) {
  const int port = section.get_int(key, 0);
  if (port <= 0 || port > 65535) {
    throw SettingsError(section.where(key) + ": " + key + " must be a TCP port (1-65535)");
  }
  return port;
}

}  // namespace

namespace {

std::optional<SessionSchedule> schedule_from(const SettingsSection& section) {
  const auto start = section.get("StartTime"), end = section.get("EndTime");
  if (!start && !end) return std::nullopt;
  const auto time = [&](const char* key, const std::optional<std::string>& text) {
    const auto seconds = text ? SessionSchedule::parse_time(*text) : std::nullopt;
    if (!seconds) {
      const std::string other = key == std::string("StartTime") ? "EndTime" : "StartTime";
      throw SettingsError(
          section.where(key) + ": " + key +
          (text ? " must be HH:MM:SS (UTC), not '" + *text + "'" : " is required with " + other));
    }
    return *seconds;
  };
  const int start_seconds = time("StartTime", start), end_seconds = time("EndTime", end);
  if (section.get_bool("UseLocalTime", false) || section.get("TimeZone")) {
    throw SettingsError(
        section.where("UseLocalTime") +
        ": session times are UTC here; UseLocalTime and TimeZone are not supported");
  }
  const auto start_day = section.get("StartDay"), end_day = section.get("EndDay");
  if (!start_day && !end_day) return SessionSchedule(start_seconds, end_seconds);
  const auto day = [&](const char* key, const std::optional<std::string>& text) {
    const auto d = text ? SessionSchedule::parse_day(*text) : std::nullopt;
    if (!d) {
      throw SettingsError(section.where(key) + ": StartDay and EndDay go together and name a day " +
                          "of the week" + (text ? ", not '" + *text + "'" : ""));
    }
    return *d;
  };
  return SessionSchedule(start_seconds, end_seconds, day("StartDay", start_day),
                         day("EndDay", end_day));
}

}  // namespace

SessionConfig SessionConfig::from(const SettingsSection& section) {
  SessionConfig config;
  const std::string type = section.require("ConnectionType");
  if (type == "initiator") {
    config.initiator = true;
  } else if (type != "acceptor") {
    throw SettingsError(section.where("ConnectionType") + ": ConnectionType=" + type +
                        " must be 'acceptor' or 'initiator'");
  }
  config.begin_string = section.require("BeginString");
  if (config.begin_string.rfind("FIX.", 0) != 0 && config.begin_string != "FIXT.1.1") {
    throw SettingsError(section.where("BeginString") + ": BeginString=" + config.begin_string +
                        " is not a FIX version (FIX.4.0 ... FIX.4.4, FIXT.1.1)");
  }
  config.sender_comp_id = section.require("SenderCompID");
  config.target_comp_id = section.require("TargetCompID");
  config.default_appl_ver_id = section.get("DefaultApplVerID").value_or("");
  config.reset_on_logon = section.get_bool("ResetOnLogon", false);  // QuickFIX default
  config.reset_on_logout = section.get_bool("ResetOnLogout", false);
  config.reset_on_disconnect = section.get_bool("ResetOnDisconnect", false);
  config.file_log_path = section.get("FileLogPath").value_or("");
  config.file_store_path = section.get("FileStorePath").value_or("");
  config.persist_messages = section.get_bool("PersistMessages", true);
  const auto dictionary = [&](const std::string& key) -> std::string {
    const auto value = section.get(key);
    if (!value || value->empty()) return {};
    const std::filesystem::path path(*value);
    if (path.is_relative()) {
      const auto beside = std::filesystem::path(section.file()).parent_path() / path;
      if (std::filesystem::exists(beside)) return beside.string();
    }
    if (!std::filesystem::exists(path)) {
      throw SettingsError(section.where(key) + ": " + key + "=" + *value + ": no such file");
    }
    return *value;
  };
  config.data_dictionary = dictionary("DataDictionary");
  config.transport_data_dictionary = dictionary("TransportDataDictionary");
  config.app_data_dictionary = dictionary("AppDataDictionary");
  config.validation.check_fields_have_values = section.get_bool("ValidateFieldsHaveValues", true);
  config.cancel_on_disconnect = section.get_bool("CancelOnDisconnect", false);
  config.username = section.get("Username").value_or("");
  config.drop_copy = section.get_bool("DropCopy", false);
  if (const auto mode = section.get("ThrottleMode")) {
    if (*mode != "Reject" && *mode != "Queue") {
      throw SettingsError(section.where("ThrottleMode") + ": ThrottleMode=" + *mode +
                          " must be Reject or Queue");
    }
    config.throttle_queue = *mode == "Queue";
  }
  config.password = section.get("Password").value_or("");
  config.max_messages_per_second = section.get_int("MaxMessagesPerSecond", 0);
  if (config.max_messages_per_second < 0) {
    throw SettingsError(section.where("MaxMessagesPerSecond") +
                        ": MaxMessagesPerSecond must be 0 (no limit) or positive");
  }
  if (const auto smp = section.get("SelfMatchPrevention")) {
    if (*smp != "None" && *smp != "CancelResting" && *smp != "CancelIncoming" &&
        *smp != "CancelBoth" && *smp != "Decrement") {
      throw SettingsError(section.where("SelfMatchPrevention") + ": SelfMatchPrevention=" + *smp +
                          " must be None, CancelResting, CancelIncoming, CancelBoth or Decrement");
    }
    config.self_match_prevention = *smp;
  }
  config.validation.check_user_defined_fields = section.get_bool("ValidateUserDefinedFields", true);
  config.validation.allow_unknown_msg_fields = section.get_bool("AllowUnknownMsgFields", false);
  const int max_latency_s = section.get_int("MaxLatency", 120);
  if (max_latency_s <= 0) {
    throw SettingsError(section.where("MaxLatency") + ": MaxLatency must be positive");
  }
  config.max_latency = static_cast<Nanos>(max_latency_s) * kNanosPerSecond;
  const int max_message_size =
      section.get_int("MaxMessageSize", static_cast<int>(SessionConfig::kDefaultMaxMessageSize));
  if (max_message_size < 64 ||
      static_cast<std::size_t>(max_message_size) > SessionConfig::kLargestMaxMessageSize) {
    throw SettingsError(section.where("MaxMessageSize") +
                        ": MaxMessageSize must be between 64 and " +
                        std::to_string(SessionConfig::kLargestMaxMessageSize) + " bytes");
  }
  config.max_message_size = static_cast<std::size_t>(max_message_size);
  config.schedule = schedule_from(section);
  const int logout_timeout_s = section.get_int("LogoutTimeout", 2);
  config.logout_timeout = static_cast<Nanos>(logout_timeout_s) * kNanosPerSecond;
  if (config.initiator) {
    config.heartbeat_interval_s = section.get_int("HeartBtInt", 30);
    if (config.heartbeat_interval_s <= 0) {
      throw SettingsError(section.where("HeartBtInt") + ": HeartBtInt must be positive");
    }
    config.connect_host = section.require("SocketConnectHost");
    config.connect_port = require_port(section, "SocketConnectPort");
  } else {
    config.accept_port = require_port(section, "SocketAcceptPort");
  }
  return config;
}

SessionConfig SessionConfig::load_initiator(const std::string& path) {
  const auto settings = SessionSettings::load(path);
  if (settings.sessions.size() != 1)
    throw SettingsError(path + ": an engine needs exactly one [SESSION]");
  SessionConfig config = from(settings.sessions.front());
  if (!config.initiator) {
    throw SettingsError(settings.sessions.front().where("ConnectionType") +
                        ": an engine's session must be ConnectionType=initiator");
  }
  return config;
}

}  // namespace vtb::fix
