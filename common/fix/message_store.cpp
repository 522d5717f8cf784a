#include "common/fix/message_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace vtb::fix {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::runtime_error(path + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

MessageStore::MessageStore(const std::string& directory, const std::string& session_name)
    : body_path_(directory + "/" + session_name + ".body"),
      seqnums_path_(directory + "/" + session_name + ".seqnums") {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  // Records are "seq length\n" then the message and "\n"; a torn last record is ignored.
  if (std::FILE* in = std::fopen(body_path_.c_str(), "rb")) {
    unsigned long long seq = 0, length = 0;
    while (std::fscanf(in, "%llu %llu\n", &seq, &length) == 2 && seq > 0 && length < (1u << 24)) {
      std::string message(length, '\0');
      if (std::fread(message.data(), 1, length, in) != length || std::fgetc(in) != '\n') break;
      messages_.put(seq, message);
    }
    std::fclose(in);
  }
  std::ifstream seqnums(seqnums_path_);
  char colon = 0;
  unsigned long long sender = 0, target = 0;
  if (seqnums >> sender >> colon >> target && colon == ':' && sender > 0 && target > 0) {
    next_sender_ = sender;
    next_target_ = target;
  }
  body_ = std::fopen(body_path_.c_str(), "ab");
  if (!body_) fail(body_path_, "cannot open the message store");
  seqnums_fd_ = ::open(seqnums_path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (seqnums_fd_ < 0) fail(seqnums_path_, "cannot open the message store");
}

MessageStore::~MessageStore() {
  close();
}

MessageStore::MessageStore(MessageStore&& other) noexcept {
  *this = std::move(other);
}

MessageStore& MessageStore::operator=(MessageStore&& other) noexcept {
  if (this == &other) return *this;
  close();
  messages_ = std::move(other.messages_);
  next_sender_ = other.next_sender_;
  next_target_ = other.next_target_;
  body_path_ = std::move(other.body_path_);
  seqnums_path_ = std::move(other.seqnums_path_);
  body_ = other.body_;
  other.body_ = nullptr;
  seqnums_fd_ = other.seqnums_fd_;
  other.seqnums_fd_ = -1;
  return *this;
}

void MessageStore::close() {
  if (body_) std::fclose(body_);
  body_ = nullptr;
  if (seqnums_fd_ >= 0) ::close(seqnums_fd_);
  seqnums_fd_ = -1;
}

void MessageStore::write_numbers() {
  if (seqnums_fd_ < 0) return;
  // Fixed width (QuickFIX's), written over the old numbers in one call: never a torn or empty
  // file.
  char line[64];
  const int n = std::snprintf(line, sizeof line, "%010llu : %010llu\n",
                              static_cast<unsigned long long>(next_sender_),
                              static_cast<unsigned long long>(next_target_));
  [[maybe_unused]] const ssize_t written =
      ::pwrite(seqnums_fd_, line, static_cast<std::size_t>(n), 0);
}

void MessageStore::store(std::uint64_t seq, std::string_view message) {
  if (seq == 0) return;
  messages_.put(seq, message);
  if (body_) {
    std::fprintf(body_, "%llu %zu\n", static_cast<unsigned long long>(seq), message.size());
    std::fwrite(message.data(), 1, message.size(), body_);
    std::fputc('\n', body_);
  }
}

void MessageStore::save(std::uint64_t next_sender, std::uint64_t next_target) {
  if (next_sender == next_sender_ && next_target == next_target_) return;
  next_sender_ = next_sender;
  next_target_ = next_target;
  if (!body_) return;
  std::fflush(body_);
  write_numbers();
}

void MessageStore::reset() {
  messages_.clear();
  next_sender_ = next_target_ = 1;
  if (body_path_.empty()) return;
  std::fclose(body_);
  body_ = std::fopen(body_path_.c_str(), "wb");  // truncated
  write_numbers();
}

void MessageStore::rewind(std::uint64_t next_sender, std::uint64_t next_target) {
  messages_.truncate(next_sender);
  next_sender_ = next_sender;
  next_target_ = next_target;
  if (body_path_.empty()) return;
  // The body written again without what is dropped, then put in place of the old in one rename.
  const std::string fresh = body_path_ + ".rewind";
  std::FILE* out = std::fopen(fresh.c_str(), "wb");
  if (!out) fail(fresh, "cannot rewrite the message store");
  for (std::uint64_t seq = 1; seq < messages_.end(); ++seq) {
    const auto message = messages_.get(seq);
    if (!message) continue;
    std::fprintf(out, "%llu %zu\n", static_cast<unsigned long long>(seq), message->size());
    std::fwrite(message->data(), 1, message->size(), out);
    std::fputc('\n', out);
  }
  if (std::fclose(out) != 0) fail(fresh, "cannot rewrite the message store");
  std::fclose(body_);
  if (std::rename(fresh.c_str(), body_path_.c_str()) != 0)
    fail(body_path_, "cannot replace the message store");
  body_ = std::fopen(body_path_.c_str(), "ab");
  if (!body_) fail(body_path_, "cannot open the message store");
  write_numbers();
}

}  // namespace vtb::fix
