#pragma once
// Turns MoldUDP64 datagrams into an up-to-date MarketBook: sequencing, A/B arbitration (the same
// handler is fed both feeds' packets; the first copy of each message wins, the other is dropped),
// gap recovery, and ITCH apply.
//
// The listener hears, after each message that changed an instrument's book,
//   void on_book_update(std::uint64_t sequence, std::uint16_t stock_locate)
// where `sequence` is the message's MoldUDP64 sequence number: the tick-to-trade trigger id.
// A listener that also has
//   void on_trade_print(std::uint64_t sequence, const TradePrint& print)
// hears each printed execution too, after the book update it makes; one that also has
//   bool wants_trade_prints() const
// hears them only while it returns true (asked once a packet), and otherwise costs no lookup of
// the executed order.
//
// Gap recovery. A listener that also has
//   void request_retransmission(const moldudp64::SessionId& session, std::uint64_t first,
//                               std::uint16_t count)
// is asked to send a MoldUDP64 re-request when a packet shows messages missing; the packets that
// arrive meanwhile are held (held_packets.hpp: a buffer sized once), the answers are fed to
// on_datagram() like any packet, and the held packets are applied as soon as the gap before them is
// filled. An answer carries only what fits in a datagram, so the rest is asked for at once; a
// request that goes unanswered is repeated from poll() after `retry_after`, and after
// `max_requests` the handler gives up: it skips the missing messages, counts them lost and marks
// the book suspect. A listener without request_retransmission() gets that at once, on every gap.
//
// Snapshots (late join, or after giving up on a gap): begin_snapshot() clears the book and holds
// every live packet; the snapshot's ITCH messages go to apply_snapshot_message(); end_snapshot()
// takes the sequence number the snapshot ends at, drops what it already covers and applies the
// held packets from there (recovering any gap left as above). The book is then whole again.
//
// gap_open() is true while messages are missing, during a snapshot, and after any were skipped
// until a snapshot: the book may be wrong, and a strategy should not trade on it.

#include <concepts>
#include <cstdint>
#include <string_view>

#include "common/feed_handler/held_packets.hpp"
#include "common/feed_handler/market_book.hpp"
#include "common/hot_path/hot_code.hpp"
#include "common/moldudp64/packet.hpp"
#include "common/time/clock.hpp"

namespace vtb::feed {

struct FeedStats {
  std::uint64_t packets = 0;
  std::uint64_t messages = 0;            // applied
  std::uint64_t duplicate_messages = 0;  // already seen (the other feed, or a repeat)
  std::uint64_t gaps = 0;                // times messages were found missing
  std::uint64_t recovered_gaps = 0;      // gaps filled completely
  std::uint64_t retransmission_requests = 0;
  std::uint64_t held_packets = 0;    // arrived after a gap, applied once it was filled
  std::uint64_t hold_overflows = 0;  // could not be held: the buffer was full
  std::uint64_t lost_messages = 0;   // skipped, never recovered
  std::uint64_t malformed_packets = 0;
  std::uint64_t foreign_session_packets = 0;
  std::uint64_t snapshots = 0;  // applied
};

struct RecoveryConfig {
  Nanos retry_after = 20'000'000;  // 20 ms without an answer: ask again
  int max_requests = 5;            // unanswered requests for one gap before giving up
  std::size_t hold_bytes = std::size_t{1} << 22;
};

template <class Listener>
class FeedHandler {
  static constexpr bool kCanRequest = requires(Listener & l) {
    l.request_retransmission(moldudp64::SessionId{}, std::uint64_t{}, std::uint16_t{});
  };
  static constexpr bool kWantsTrades = requires(Listener & l) {
    l.on_trade_print(std::uint64_t{}, TradePrint{});
  };
  static constexpr bool kChoosesTrades = requires(const Listener& l) {
    { l.wants_trade_prints() } -> std::same_as<bool>;
  };

 public:
  explicit FeedHandler(Listener& listener, std::uint32_t max_orders = MarketBook::kDefaultMaxOrders,
                       const RecoveryConfig& recovery = {})
      : listener_(listener), book_(max_orders), recovery_(recovery), held_(recovery.hold_bytes) {}

  VTB_HOT void on_datagram(std::string_view datagram) {
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
      if (!resumed_from_snapshot_) next_sequence_ = header.sequence;  // joining: from here
      have_session_ = true;
    } else if (header.session != session_) {
      ++stats_.foreign_session_packets;
      return;
    }
    if (in_snapshot_) [[unlikely]] {
      if (header.count != 0 && header.count != moldudp64::kEndOfSession) {
        hold(datagram, header.sequence, header.sequence + header.count);
      }
      return;
    }
    if (packet->is_heartbeat() || packet->is_end_of_session()) {
      // Its sequence number is the next one to be sent: anything before it is missing.
      if (header.sequence > next_sequence_) found_missing(header.sequence, header.sequence);
      return;
    }
    const std::uint64_t end = header.sequence + header.count;
    if (end <= next_sequence_) {  // all seen: the other feed's copy
      stats_.duplicate_messages += header.count;
      return;
    }
    if (header.sequence > next_sequence_) {
      if constexpr (kCanRequest) {
        hold(datagram, header.sequence, end);
        found_missing(header.sequence, end);
        return;
      }
      found_missing(header.sequence, end);  // skips to header.sequence
    }
    apply(*packet);
    if constexpr (kCanRequest) {
      if (!held_.empty()) apply_held();
      if (recovering_) after_progress();
    }
  }

  // Repeats an unanswered re-request, or gives up on it; call every millisecond or so.
  void poll(Nanos now) {
    if constexpr (kCanRequest) {
      if (!recovering_ || now - last_request_at_ < recovery_.retry_after) return;
      if (requests_for_gap_ < recovery_.max_requests) {
        request(now);
      } else {  // give up on this run of missing messages
        skip_to(first_held_after_gap());
        if (!held_.empty()) apply_held();
        if (next_sequence_ >= known_end_) {
          recovering_ = false;
        } else {
          requests_for_gap_ = 0;
          request(now);
        }
      }
    }
  }

  void begin_snapshot() {
    in_snapshot_ = true;
    book_.clear();
  }
  void apply_snapshot_message(std::string_view message) { book_.apply(message); }
  void end_snapshot(std::uint64_t next_sequence) {
    in_snapshot_ = false;
    resumed_from_snapshot_ = true;
    book_suspect_ = false;
    recovering_ = false;
    next_sequence_ = next_sequence;
    if (known_end_ < next_sequence) known_end_ = next_sequence;
    ++stats_.snapshots;
    if (!held_.empty()) apply_held();
    if (next_sequence_ < known_end_) {  // held packets begin past the snapshot: a gap
      found_missing(first_held_after_gap(), known_end_);
    }
  }

  // No snapshot after all: live packets flow again, into a book that stays suspect.
  void abandon_snapshot() {
    in_snapshot_ = false;
    book_suspect_ = true;
    if (!held_.empty()) apply_held();
  }

  const MarketBook& book() const { return book_; }
  void track_only(std::string_view symbol) { book_.track_only(symbol); }
  const FeedStats& stats() const { return stats_; }
  std::uint64_t next_sequence() const { return next_sequence_; }
  bool gap_open() const { return recovering_ || book_suspect_ || in_snapshot_; }
  bool recovering() const { return recovering_; }
  // Messages were skipped and no snapshot has repaired the book since.
  bool book_suspect() const { return book_suspect_; }

 private:
  // Applies the packet's messages from next_sequence_ on.
  VTB_HOT void apply(moldudp64::PacketReader& packet) {
    const moldudp64::Header& header = packet.header();
    std::uint64_t sequence = header.sequence;
    const char* cursor = packet.blocks();
    // Orders not in the ring are asked for one message ahead of their apply.
    const char* ahead = cursor;
    moldudp64::PacketReader::take_message(ahead);
    bool prints = kWantsTrades;
    if constexpr (kWantsTrades && kChoosesTrades) prints = listener_.wants_trade_prints();
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
      if (prints) {
        // Read before the execution takes the order off the book, told after.
        const auto print = book_.trade_print(message);
        if (const std::uint16_t locate = book_.apply(message)) {
          listener_.on_book_update(sequence, locate);
        }
        if constexpr (kWantsTrades) {
          if (print) listener_.on_trade_print(sequence, *print);
        }
      } else if (const std::uint16_t locate = book_.apply(message)) {
        listener_.on_book_update(sequence, locate);
      }
    }
  }

  // Messages [next_sequence_, first_present) are missing; what is known to exist ends at `end`.
  void found_missing(std::uint64_t first_present, std::uint64_t end) {
    if (end > known_end_) known_end_ = end;
    if constexpr (kCanRequest) {
      if (recovering_) return;  // the running recovery will get to it
      ++stats_.gaps;
      recovering_ = true;
      requests_for_gap_ = 0;
      request(monotonic_ns());
    } else {
      ++stats_.gaps;
      skip_to(first_present);
    }
  }

  void skip_to(std::uint64_t sequence) {
    if (sequence <= next_sequence_) return;
    stats_.lost_messages += sequence - next_sequence_;
    next_sequence_ = sequence;
    book_suspect_ = true;
  }

  // After messages were applied during recovery: done, or ask for the rest at once (an answer
  // holds only what fits in one datagram).
  void after_progress() {
    if (next_sequence_ >= known_end_) {
      recovering_ = false;
      ++stats_.recovered_gaps;
      return;
    }
    if (next_sequence_ != requested_from_) {
      requests_for_gap_ = 0;
      request(monotonic_ns());
    }
  }

  void request(Nanos now) {
    if constexpr (kCanRequest) {
      const std::uint64_t missing = first_held_after_gap() - next_sequence_;
      const auto count = static_cast<std::uint16_t>(missing < 0xFFFE ? missing : 0xFFFE);
      listener_.request_retransmission(session_, next_sequence_, count);
      ++stats_.retransmission_requests;
      ++requests_for_gap_;
      requested_from_ = next_sequence_;
      last_request_at_ = now;
    }
  }

  void hold(std::string_view datagram, std::uint64_t first, std::uint64_t end) {
    switch (held_.hold(datagram)) {
      case HeldPackets::Held::yes:
        ++stats_.held_packets;
        break;
      case HeldPackets::Held::duplicate:
        stats_.duplicate_messages += end - first;
        break;
      case HeldPackets::Held::no_room:
        ++stats_.hold_overflows;  // its messages will be found missing and asked for again
        break;
    }
  }

  // Applies every held packet that the gap no longer separates from the book.
  void apply_held() {
    held_.take_ready([this](moldudp64::PacketReader& packet) {
      const std::uint64_t first = packet.header().sequence;
      if (first > next_sequence_) return false;  // still beyond a gap
      if (first + packet.header().count > next_sequence_)
        apply(packet);
      else
        stats_.duplicate_messages += packet.header().count;
      return true;
    });
  }

  // Where the missing run ends: the first held message after next_sequence_, or the known end.
  std::uint64_t first_held_after_gap() const {
    return held_.first_sequence_after(next_sequence_, known_end_);
  }

  Listener& listener_;
  MarketBook book_;
  RecoveryConfig recovery_;
  FeedStats stats_;
  moldudp64::SessionId session_{};
  bool have_session_ = false;
  bool book_suspect_ = false;
  bool recovering_ = false;
  bool in_snapshot_ = false;
  bool resumed_from_snapshot_ = false;
  std::uint64_t next_sequence_ = 0;
  std::uint64_t known_end_ = 0;  // one past the highest sequence number seen in any header
  std::uint64_t requested_from_ = 0;
  int requests_for_gap_ = 0;
  Nanos last_request_at_ = 0;
  HeldPackets held_;
};

}  // namespace vtb::feed
