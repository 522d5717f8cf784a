#pragma once
// Feed packets wait here while the journal holds records it has not committed: a packet must not
// leave before the input that made it is durable, or a restarted venue (which drops what was not
// committed) could number other messages with sequence numbers receivers have already seen.
// Packets leave in order at the next commit. An input's packets usually all leave at its end,
// after its commit, so this delays only what a large input (a sweep, an auction) sends while the
// input is still being handled.

#include <cstddef>
#include <string_view>
#include <vector>

#include "simulator/feed_publisher/datagram_sink.hpp"
#include "simulator/journal/journal.hpp"

namespace vtb::sim::journal {

class CommitGate : public DatagramSink {
 public:
  CommitGate(const Writer& journal, DatagramSink& next);

  void send(std::string_view datagram) override;
  // After a commit: what waited goes out, in order.
  void release();
  std::size_t held() const { return held_count_; }

 private:
  const Writer& journal_;
  DatagramSink& next_;
  std::vector<char> held_;  // each datagram: its length (u16, host order), then its bytes
  std::size_t held_count_ = 0;
};

}  // namespace vtb::sim::journal
