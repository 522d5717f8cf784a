#pragma once
// The venue's event log (`venue --event-log FILE`): one line per event a scenario runner or an
// operator needs to see afterwards and the FIX message logs do not show: logons, phase moves,
// faults hitting packets, re-requests and snapshots served, control commands and their answers.
// "<wall ns> <event> key=value ...", flushed per line: these are rare events, never per order.
// Format: docs/CONTROL.md.

#include <cstdio>
#include <string>

namespace vtb::sim {

class EventLog {
 public:
  EventLog() = default;
  // Throws std::runtime_error naming the file when it cannot be created.
  explicit EventLog(const std::string& path);
  ~EventLog();
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  bool enabled() const { return file_ != nullptr; }
  // printf-style; the time stamp and the newline are added.
  void record(const char* format, ...) __attribute__((format(printf, 2, 3)));

 private:
  std::FILE* file_ = nullptr;
};

}  // namespace vtb::sim
