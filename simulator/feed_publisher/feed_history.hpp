#pragma once
// The bounded memory of the feed that MoldUDP64 re-requests are answered from: a sink that
// records every message of every packet it passes on, keeping the newest `capacity` messages
// (64 bytes a message, all allocated at construction).
//
// A re-request is a 20-byte MoldUDP64 header: the session, the first sequence number wanted and
// a message count. The answer is one downstream packet starting at that sequence number, with as
// many of the wanted messages as fit in the payload size. A request for messages no longer held
// (or not yet published) gets no answer, as on Nasdaq's servers; the receiver then falls back on
// the snapshot service.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/moldudp64/packet.hpp"
#include "simulator/feed_publisher/datagram_sink.hpp"

namespace vtb::sim {

struct FeedHistoryStats {
  std::uint64_t requests = 0;
  std::uint64_t answered = 0;
  std::uint64_t unavailable = 0;       // outside what the history holds
  std::uint64_t invalid_requests = 0;  // not 20 bytes, another session, or count 0
  std::uint64_t messages_resent = 0;
};

class FeedHistory : public DatagramSink {
 public:
  // Passes every datagram on to `next` after recording it.
  FeedHistory(std::size_t capacity, std::string_view session, std::size_t max_payload,
              DatagramSink& next);

  void send(std::string_view datagram) override;

  // The answer to one re-request, or empty for none. Valid until the next call.
  std::string_view answer(std::string_view request);

  // Sequence numbers held: [first_held(), next_sequence()).
  std::uint64_t first_held() const { return first_; }
  std::uint64_t next_sequence() const { return next_; }
  // Forgets everything published so far: a gap opened before now can only be healed by a
  // snapshot (a scenario's "gap older than the re-request history").
  void forget() { first_ = next_; }
  const FeedHistoryStats& stats() const { return stats_; }

 private:
  static constexpr std::size_t kSlot = 64;  // 2-byte length + the longest ITCH message (50)

  std::vector<char> slots_;
  std::size_t mask_;
  moldudp64::SessionId session_;
  std::vector<char> packet_;
  moldudp64::PacketBuilder builder_;
  DatagramSink& next_sink_;
  std::uint64_t first_ = 1;
  std::uint64_t next_ = 1;
  FeedHistoryStats stats_;
};

}  // namespace vtb::sim
