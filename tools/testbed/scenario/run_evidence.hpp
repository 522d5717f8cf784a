#pragma once
// What a scenario run left behind, read back once the venue has stopped: the venue's event log
// (logons, phases, fault hits, re-requests, snapshots, commands: docs/CONTROL.md) and the FIX
// message log of the engine's session at the venue (QuickFIX FileLog format), in wall-clock time.
// The assertions are decided on this, not on what the runner believes it did.

#include <map>
#include <string>
#include <vector>

#include "common/time/clock.hpp"

namespace vtb::scenario {

struct VenueEvent {
  Nanos wall = 0;
  std::string name;                           // "logon", "phase", "fault", ...
  std::map<std::string, std::string> fields;  // key=value pairs after the name
  std::string line;                           // the whole line, for messages
  std::string field(const std::string& key) const {
    const auto it = fields.find(key);
    return it == fields.end() ? std::string() : it->second;
  }
};

struct FixRecord {
  Nanos wall = 0;  // microsecond resolution (the log's)
  bool from_engine = false;
  std::string raw;                  // SOH-separated, as on the wire
  std::map<int, std::string> tags;  // first occurrence of each tag
  std::string tag(int t) const {
    const auto it = tags.find(t);
    return it == tags.end() ? std::string() : it->second;
  }
  std::string type() const { return tag(35); }
  std::string readable() const;  // '|' for SOH, cut at 200 characters
};

// Missing files read as empty: a venue that never started logs nothing.
std::vector<VenueEvent> read_event_log(const std::string& path);
// The messages of one session's log; `engine_comp_id` tells the direction (SenderCompID).
std::vector<FixRecord> read_message_log(const std::string& path, const std::string& engine_comp_id);

// "20261202-09:15:02.123456" (UTC) in nanoseconds since the epoch; 0 when malformed.
Nanos parse_log_timestamp(const std::string& text);

}  // namespace vtb::scenario
