#include "common/fix/message_log.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "common/fix/utc_timestamp.hpp"

namespace vtb::fix {

MessageLog::MessageLog(const std::string& directory, const std::string& begin_string,
                       const std::string& sender_comp_id, const std::string& target_comp_id)
    : path_(directory + "/" + begin_string + "-" + sender_comp_id + "-" + target_comp_id +
            ".messages.log"),
      file_(nullptr) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  file_ = std::fopen(path_.c_str(), "a");
  if (!file_)
    throw std::runtime_error(path_ + ": cannot open message log: " + std::strerror(errno));
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 16);
}

MessageLog::~MessageLog() {
  std::fclose(file_);
}

void MessageLog::record(std::string_view message, Nanos wall) {
  char stamp[kMaxTimestampLength];
  const std::size_t n = format_utc_timestamp(stamp, wall, TimestampPrecision::Micros);
  std::fwrite(stamp, 1, n, file_);
  std::fwrite(" : ", 1, 3, file_);
  std::fwrite(message.data(), 1, message.size(), file_);
  std::fputc('\n', file_);
}

}  // namespace vtb::fix
