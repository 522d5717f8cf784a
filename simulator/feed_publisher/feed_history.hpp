#pragma once
// The bounded memory of the feed that MoldUDP64 re-requests are answered from: every message the
// publisher numbers is recorded here as it is numbered, keeping the newest `capacity` (64 bytes a
// message, all allocated at construction).
//
// With a file (`venue --state-dir`) the memory is that file, mapped: a venue killed and started
// again finds the messages it had numbered, and the number to go on from, and answers re-requests
// for messages sent before the crash.
//
// A re-request is a 20-byte MoldUDP64 header: the session, the first sequence number wanted and
// a message count. The answer is one downstream packet starting at that sequence number, with as
// many of the wanted messages as fit in the payload size. A request for messages no longer held
// (or not yet published) gets no answer, as on Nasdaq's servers; the receiver then falls back on
// the snapshot service.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/moldudp64/packet.hpp"

namespace vtb::sim {

struct FeedHistoryStats {
  std::uint64_t requests = 0;
  std::uint64_t answered = 0;
  std::uint64_t unavailable = 0;       // outside what the history holds
  std::uint64_t invalid_requests = 0;  // not 20 bytes, another session, or count 0
  std::uint64_t messages_resent = 0;
};

class FeedHistory {
 public:
  // In memory, or in `path` (created, or opened with what it holds). Throws std::runtime_error
  // naming the file when it cannot be used, or was written for another capacity or session.
  FeedHistory(std::size_t capacity, std::string_view session, std::size_t max_payload,
              const std::string& path = {});
  ~FeedHistory();
  FeedHistory(const FeedHistory&) = delete;
  FeedHistory& operator=(const FeedHistory&) = delete;

  // The message numbered `sequence`: the next after the last recorded, or (history empty) any.
  void record(std::uint64_t sequence, std::string_view message);

  // The answer to one re-request, or empty for none. Valid until the next call.
  std::string_view answer(std::string_view request);

  // Sequence numbers held: [first_held(), next_sequence()).
  std::uint64_t first_held() const { return header_->first; }
  std::uint64_t next_sequence() const { return header_->next; }
  // Forgets everything published so far: a gap opened before now can only be healed by a
  // snapshot (a scenario's "gap older than the re-request history").
  void forget() { header_->first = header_->next; }
  // Forgets the messages from `next` on: a restart goes back to its last commit.
  void truncate(std::uint64_t next);
  const FeedHistoryStats& stats() const { return stats_; }

 private:
  static constexpr std::size_t kSlot = 64;  // 2-byte length + the longest ITCH message (50)
  struct Header {                           // at the start of the file
    char magic[8];
    std::uint64_t capacity;
    std::uint64_t first, next;
    char session[16];
    std::uint64_t zero[2];
  };
  static_assert(sizeof(Header) == kSlot);

  char* slot(std::uint64_t sequence) { return slots_ + (sequence & mask_) * kSlot; }

  std::vector<char> memory_;  // without a file
  char* mapped_ = nullptr;    // with one: the header, then the slots
  std::size_t mapped_size_ = 0;
  Header* header_ = nullptr;
  char* slots_ = nullptr;
  std::size_t mask_;
  moldudp64::SessionId session_;
  std::vector<char> packet_;
  moldudp64::PacketBuilder builder_;
  FeedHistoryStats stats_;
};

}  // namespace vtb::sim
