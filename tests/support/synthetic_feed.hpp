#pragma once
// A synthetic ITCH 5.0 stream in MoldUDP64 packets, for benchmarks and tests of feed handlers:
// thousands of instruments, a few hot and a long tail, and an order flow in roughly the proportions
// of a Nasdaq TotalView day (adds and deletes most of it, then replaces, executions, partial
// cancels). Orders are placed a geometric number of ticks from a drifting mid, so books are a few
// dozen levels deep with most activity at the top, and most deletes hit orders added moments
// before, as quote flickering does on a real feed. Deterministic for a seed.
//
// The generator keeps the live orders it created, so a test can compare a handler's book with
// what the stream says the book is.

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/hot_path/huge_page_allocator.hpp"
#include "common/market/types.hpp"

namespace vtb::feed {

struct SyntheticFeedConfig {
  std::uint64_t messages = 10'000'000;  // order messages, after one Stock Directory per instrument
  std::uint16_t instruments = 4000;
  std::uint32_t orders_per_instrument = 40;  // the live orders a book hovers around
  std::size_t max_payload = 1400;            // datagram bytes, header included
  std::uint32_t mean_messages_per_packet = 8;
  std::uint64_t seed = 1;
  // Mix of order messages, in percent; the rest are adds. Books that run empty or twice their
  // size get an add or a delete instead, so the realised mix differs slightly.
  std::uint32_t delete_percent = 38;
  std::uint32_t replace_percent = 10;
  std::uint32_t execute_percent = 6;
  std::uint32_t cancel_percent = 4;
};

struct SyntheticOrder {
  std::uint64_t reference;
  std::uint16_t locate;
  Side side;
  std::uint32_t price;
  std::uint32_t shares;
};

struct SyntheticMix {
  std::uint64_t directory = 0, add = 0, remove = 0, replace = 0, execute = 0, cancel = 0;
};

class SyntheticFeed {
 public:
  // Generates the whole stream (about 33 bytes a message) up front, so that reading it costs a
  // benchmark nothing but the memory traffic any feed has.
  explicit SyntheticFeed(const SyntheticFeedConfig& config);

  std::size_t packet_count() const { return packet_ends_.size(); }
  std::string_view packet(std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : packet_ends_[i - 1];
    return {bytes_.data() + begin, packet_ends_[i] - begin};
  }
  std::uint64_t message_count() const { return next_sequence_ - 1; }
  const SyntheticMix& mix() const { return mix_; }

  // The orders live at the end of the stream, by instrument (index locate - 1).
  const std::vector<std::vector<SyntheticOrder>>& live_orders() const { return live_; }

 private:
  void generate(const SyntheticFeedConfig& config);

  std::vector<char, HugePageAllocator<char>> bytes_;
  std::vector<std::size_t> packet_ends_;
  std::vector<std::vector<SyntheticOrder>> live_;
  SyntheticMix mix_;
  std::uint64_t next_sequence_ = 1;
};

}  // namespace vtb::feed
