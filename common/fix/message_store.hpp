#pragma once
// What a session has sent (kept for ResendRequest) and its next sequence numbers. In memory by
// default; with FileStorePath also on disk, so that a venue restarted without ResetOnLogon
// carries on with the same numbers and can still resend what it sent before:
//   <dir>/<BeginString>-<SenderCompID>-<TargetCompID>.body     sent messages, appended
//   <dir>/<BeginString>-<SenderCompID>-<TargetCompID>.seqnums  "next sender : next target"
// Sent messages reach the file when the numbers are saved, which the owner does before writing
// them to the wire: whatever went out is on disk. The numbers are rewritten in place in one
// write, so a process killed at any moment leaves either the old numbers or the new.

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "common/fix/sent_messages.hpp"

namespace vtb::fix {

class MessageStore {
 public:
  MessageStore() = default;  // memory only
  // Loads what the files hold and appends from there. Throws std::runtime_error naming the file.
  MessageStore(const std::string& directory, const std::string& session_name);
  ~MessageStore();
  MessageStore(MessageStore&& other) noexcept;
  MessageStore& operator=(MessageStore&& other) noexcept;
  MessageStore(const MessageStore&) = delete;
  MessageStore& operator=(const MessageStore&) = delete;

  void store(std::uint64_t seq, std::string_view message);
  // The message sent with this sequence number, if it was kept.
  std::optional<std::string_view> get(std::uint64_t seq) const { return messages_.get(seq); }

  std::uint64_t next_sender() const { return next_sender_; }
  std::uint64_t next_target() const { return next_target_; }
  // Records the numbers (and flushes the files) when they changed.
  void save(std::uint64_t next_sender, std::uint64_t next_target);
  void reset();  // forget everything, on disk too
  // Back to the numbers of an earlier moment (a venue's last commit before a crash): messages
  // from `next_sender` on are forgotten, on disk too.
  void rewind(std::uint64_t next_sender, std::uint64_t next_target);

 private:
  void close();
  void write_numbers();

  SentMessages messages_;
  std::uint64_t next_sender_ = 1;
  std::uint64_t next_target_ = 1;
  std::string body_path_;
  std::string seqnums_path_;
  std::FILE* body_ = nullptr;
  int seqnums_fd_ = -1;
};

}  // namespace vtb::fix
