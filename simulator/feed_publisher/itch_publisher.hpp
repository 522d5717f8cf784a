#pragma once
// Turns what the matching core reports into ITCH 5.0 messages in MoldUDP64 packets:
//   booked order -> Add Order (A), fill of a resting order -> Order Executed (E),
//   resting order canceled -> Order Delete (D), quantity taken off in place -> Order Cancel (X),
//   replace that loses priority -> Order Replace (U), iceberg's next peak -> Add Order (A),
//   auction -> each order's execution as Order Executed With Price (C, non-printable), then one
//   Cross Trade (Q) with the volume; phase change -> Stock Trading Action (H),
// plus the day's System Event (S) and Stock Directory (R) messages. Only what an order shows is
// published: an iceberg's hidden quantity and pending stops never are. While an auction call runs,
// the venue has the state of its book published as Net Order Imbalance Indicator (I) messages.
//
// Messages accumulate in one packet until it is full, or until after_input() finds it due: at
// once with no flush interval (the default, for the lowest feed latency), else when its first
// message has waited the interval, so that a busy feed sends fewer, fuller packets. A heartbeat
// goes out when nothing was sent for the heartbeat interval.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "common/itch/messages.hpp"
#include "common/moldudp64/packet.hpp"
#include "common/time/clock.hpp"
#include "simulator/feed_publisher/attribution.hpp"
#include "simulator/feed_publisher/datagram_sink.hpp"
#include "simulator/feed_publisher/feed_history.hpp"
#include "simulator/matching/instrument.hpp"
#include "simulator/matching/matching_engine.hpp"
#include "simulator/matching/matching_listener.hpp"

namespace vtb::sim {

struct PublisherConfig {
  std::string session = "VTB0000001";  // MoldUDP64 session, 10 characters
  std::size_t max_payload = 1400;      // datagram bytes, header included
  Nanos heartbeat_interval = kNanosPerSecond;
  Nanos flush_interval = 0;  // how long a partly filled packet may wait for more messages
};

struct PublisherStats {
  std::uint64_t messages = 0;
  std::uint64_t packets = 0;
  std::uint64_t heartbeats = 0;
  std::uint64_t imbalances = 0;
};

class ItchPublisher : public MatchingListener {
 public:
  // Every message numbered is recorded in `history` (when given, not owned) as it is numbered.
  ItchPublisher(const PublisherConfig& config, std::vector<Instrument> instruments,
                DatagramSink& sink, FeedHistory* history = nullptr);

  // A restarted venue goes on numbering from `next_sequence` (its history's), with no start of
  // day: the day's first messages were published before the restart.
  void resume(std::uint64_t next_sequence);

  // Start of day: System Event O, Stock Directory per instrument, System Events S and Q.
  void start_of_day(Now now);
  // End of day: System Events M, E, C, then the MoldUDP64 end-of-session packet.
  void end_of_day(Now now);

  void flush(Now now);
  // The end of an input's messages: flushes the packet if it is due (see above).
  void after_input(Now now);
  // When the packet under construction becomes due (monotonic), if it is waiting.
  std::optional<Nanos> flush_deadline() const;
  void on_timer(Now now);  // heartbeat when idle

  // Net Order Imbalance Indicator for an instrument in an auction call (`phase` PreOpen, PreClose
  // or Halted): the auction the book would run now, and the reference price it is measured from.
  void imbalance(InstrumentId instrument, TradingPhase phase, const AuctionQuote& auction,
                 Price reference);

  void on_trade(const Trade& trade) override;
  void on_booked(const Order& order) override;
  void on_reduced(const Order& order, Quantity reduced_by, Quantity shown_reduced_by) override;
  void on_decremented(const Order& order, Quantity reduced_by, Quantity shown_reduced_by,
                      bool was_booked) override;
  void on_replenished(const Order& order, OrderId old_id) override;
  void on_phase(InstrumentId instrument, TradingPhase phase) override;
  void on_auction(InstrumentId instrument, AuctionKind kind, Price price, Quantity volume) override;
  void on_replaced(const Order& order, OrderId old_id, bool will_trade) override;
  void on_canceled(const Order& order, Quantity canceled, CancelReason reason,
                   bool was_booked) override;

  // Orders of owners with an MPID are published as Add Order with MPID (F). Not owned.
  void set_attributions(const Attributions* attributions) { attributions_ = attributions; }

  std::uint64_t next_sequence() const { return next_sequence_; }
  const PublisherStats& stats() const { return stats_; }

 private:
  template <class Message>
  void publish(const Message& message);
  void system_event(char code, Nanos wall);
  itch::Header header(InstrumentId locate) const;
  void add_order(const Order& order);
  void cancel_shares(const Order& order, Quantity shares);

  PublisherConfig config_;
  std::vector<Instrument> instruments_;
  std::vector<itch::Symbol> symbols_;  // by locate - 1
  DatagramSink& sink_;
  FeedHistory* history_;
  std::vector<char> buffer_;
  moldudp64::PacketBuilder packet_;
  std::uint64_t next_sequence_ = 1;  // of the next message to be added
  Nanos event_wall_ = 0;             // timestamp for messages of the event being handled
  Nanos last_sent_ = 0;              // monotonic
  Nanos packet_opened_ = 0;          // monotonic, when the packet's first message was added
  std::uint64_t auction_match_ = 0;  // match number of the running auction's first trade
  PublisherStats stats_;
  const Attributions* attributions_ = nullptr;
};

}  // namespace vtb::sim
