#pragma once
// One direction of one TCP connection, reassembled from captured segments: the byte stream in
// order, each byte once, whatever the capture did to the segments (split, coalesced, retransmitted,
// overlapping, out of order). A capture that starts mid-connection starts the stream at the first
// segment seen.
//
// Each chunk of newly in-order bytes is delivered with the timestamp of the first captured segment
// that carried it: its time on the wire, even when a hole before it was filled later.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "common/time/clock.hpp"

namespace vtb::capture {

struct TcpStreamStats {
  std::uint64_t segments = 0;
  std::uint64_t retransmitted_bytes = 0;  // already delivered when they came again
  std::uint64_t out_of_order_segments = 0;
};

class TcpStream {
 public:
  // `on_data(std::string_view bytes, Nanos timestamp)` for each chunk that becomes in order.
  template <class OnData>
  void segment(std::uint32_t sequence, bool syn, std::string_view payload, Nanos timestamp,
               OnData&& on_data) {
    ++stats_.segments;
    if (!started_) {
      started_ = true;
      next_sequence_ = syn ? sequence + 1 : sequence;
    }
    if (syn) ++sequence;  // the SYN takes one sequence number
    if (payload.empty()) return;
    // Where the segment starts relative to the next byte expected (32-bit wrap-around).
    const auto ahead = static_cast<std::int32_t>(sequence - next_sequence_);
    if (ahead > 0) {
      ++stats_.out_of_order_segments;
      auto& held = held_[next_offset_ + static_cast<std::uint64_t>(ahead)];
      if (payload.size() > held.bytes.size()) held = Held{std::string(payload), timestamp};
      return;
    }
    deliver(payload, static_cast<std::size_t>(-static_cast<std::int64_t>(ahead)), timestamp,
            on_data);
    // Held segments the stream has now reached.
    while (!held_.empty() && held_.begin()->first <= next_offset_) {
      const auto node = held_.extract(held_.begin());
      deliver(node.mapped().bytes, static_cast<std::size_t>(next_offset_ - node.key()),
              node.mapped().timestamp, on_data);
    }
  }

  const TcpStreamStats& stats() const { return stats_; }
  std::uint64_t delivered() const { return next_offset_; }

 private:
  template <class OnData>
  void deliver(std::string_view bytes, std::size_t already, Nanos timestamp, OnData& on_data) {
    const std::size_t repeat = already < bytes.size() ? already : bytes.size();
    stats_.retransmitted_bytes += repeat;
    if (repeat == bytes.size()) return;
    const std::string_view fresh = bytes.substr(repeat);
    next_sequence_ += static_cast<std::uint32_t>(fresh.size());
    next_offset_ += fresh.size();
    on_data(fresh, timestamp);
  }

  struct Held {
    std::string bytes;
    Nanos timestamp;
  };
  bool started_ = false;
  std::uint32_t next_sequence_ = 0;
  std::uint64_t next_offset_ = 0;       // bytes delivered so far
  std::map<std::uint64_t, Held> held_;  // by stream offset
  TcpStreamStats stats_;
};

}  // namespace vtb::capture
