#pragma once
// A session's message log in QuickFIX's FileLog format: one line per message, inbound and
// outbound, "YYYYMMDD-HH:MM:SS.uuuuuu : <message>", in
// <dir>/<BeginString>-<Sender>-<Target>.messages.log. Buffered stdio: no allocation per message, a
// write() only when the buffer fills or on flush.

#include <cstdio>
#include <string>
#include <string_view>

#include "common/time/clock.hpp"

namespace vtb::fix {

class MessageLog {
 public:
  // Throws std::runtime_error when the file cannot be created.
  MessageLog(const std::string& directory, const std::string& begin_string,
             const std::string& sender_comp_id, const std::string& target_comp_id);
  ~MessageLog();
  MessageLog(const MessageLog&) = delete;
  MessageLog& operator=(const MessageLog&) = delete;

  void record(std::string_view message, Nanos wall);
  void flush() { std::fflush(file_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::FILE* file_;
};

}  // namespace vtb::fix
