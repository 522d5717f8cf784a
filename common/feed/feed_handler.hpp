#pragma once
// Turns MoldUDP64 datagrams into an up-to-date MarketBook: sequencing (duplicates dropped, so the
// same handler can be fed from the A and B feeds, first arrival wins), gap detection, ITCH apply.
//
// After each message that changed an instrument's book the listener hears
//   void on_book_update(std::uint64_t sequence, std::uint16_t stock_locate)
// where `sequence` is the message's MoldUDP64 sequence number: the tick-to-trade trigger id.
//
// Gap recovery (re-request, snapshot) is not here yet: a gap is counted and the handler continues
// from the new sequence number, and `gap_open()` tells a strategy the book may be wrong.

#include <cstdint>
#include <string_view>

#include "common/feed/market_book.hpp"
#include "common/moldudp64/packet.hpp"

namespace vtb::feed {

struct FeedStats {
  std::uint64_t packets = 0;
  std::uint64_t messages = 0;            // applied
  std::uint64_t duplicate_messages = 0;  // already seen (the other feed, or a repeat)
  std::uint64_t gaps = 0;
  std::uint64_t lost_messages = 0;
  std::uint64_t malformed_packets = 0;
  std::uint64_t foreign_session_packets = 0;
};

template <class Listener>
class FeedHandler {
 public:
  explicit FeedHandler(Listener& listener, std::uint32_t max_orders = MarketBook::kDefaultMaxOrders)
      : listener_(listener), book_(max_orders) {}

  void on_datagram(std::string_view datagram) {
    // Checking the blocks is the first pass over the messages: it asks for every order and book
    // they touch, so that those cache misses overlap.
    auto packet = moldudp64::PacketReader::parse(
        datagram, [this](std::string_view message) { book_.prefetch(message); });
    if (!packet) {
      ++stats_.malformed_packets;
      return;
    }
    ++stats_.packets;
    const moldudp64::Header& header = packet->header();
    if (!have_session_) {
      session_ = header.session;
      next_sequence_ = header.sequence;
      have_session_ = true;
    } else if (header.session != session_) {
      ++stats_.foreign_session_packets;
      return;
    }
    if (packet->is_heartbeat() || packet->is_end_of_session()) {
      note_sequence(header.sequence);
      return;
    }
    std::uint64_t sequence = header.sequence;
    if (sequence > next_sequence_) note_sequence(sequence);
    if (sequence + header.count <= next_sequence_) {  // all seen: the other feed's copy
      stats_.duplicate_messages += header.count;
      return;
    }
    // Orders not in the ring are asked for one message ahead of their apply.
    const char* cursor = packet->blocks();
    const char* ahead = cursor;
    moldudp64::PacketReader::take_message(ahead);
    for (std::uint16_t i = 0; i < header.count; ++i, ++sequence) {
      const std::string_view message = moldudp64::PacketReader::take_message(cursor);
      if (i + 1 < header.count)
        book_.prefetch_overflow(moldudp64::PacketReader::take_message(ahead));
      if (sequence < next_sequence_) {
        ++stats_.duplicate_messages;
        continue;
      }
      next_sequence_ = sequence + 1;
      ++stats_.messages;
      if (const std::uint16_t locate = book_.apply(message)) {
        listener_.on_book_update(sequence, locate);
      }
    }
  }

  const MarketBook& book() const { return book_; }
  const FeedStats& stats() const { return stats_; }
  std::uint64_t next_sequence() const { return next_sequence_; }
  bool gap_open() const { return gap_open_; }

 private:
  void note_sequence(std::uint64_t sequence) {
    if (sequence <= next_sequence_) return;
    ++stats_.gaps;
    stats_.lost_messages += sequence - next_sequence_;
    next_sequence_ = sequence;
    gap_open_ = true;  // stays set until recovery exists to close it
  }

  Listener& listener_;
  MarketBook book_;
  FeedStats stats_;
  moldudp64::SessionId session_{};
  bool have_session_ = false;
  bool gap_open_ = false;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace vtb::feed
