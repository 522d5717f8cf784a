#pragma once
// The reference engine under test: one busy-polling thread reads the market-data feeds, keeps the
// book, runs the strategy and sends orders on its FIX session. ClOrdID carries the MoldUDP64
// sequence number of the message that triggered the order (the tick-to-trade convention).

#include <array>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "common/feed_handler/feed_handler.hpp"
#include "common/fix/initiator.hpp"
#include "common/fix/message_template.hpp"
#include "common/net/multicast.hpp"
#include "common/net/rx_timestamp.hpp"
#include "common/stats/latency_histogram.hpp"
#include "common/time/tsc_clock.hpp"
#include "engine/engine_config.hpp"
#include "engine/engine_stats.hpp"
#include "engine/engine_summary.hpp"
#include "engine/metrics/metrics_exporter.hpp"
#include "engine/orders/open_orders.hpp"
#include "engine/orders/quotes.hpp"
#include "engine/risk/risk_limits.hpp"
#include "engine/strategy/any_strategy.hpp"

namespace vtb::engine {

class Engine {
 public:
  explicit Engine(const EngineConfig& config);

  // Joins the feeds and logs on. Throws std::runtime_error with the reason.
  void start();
  // The hot loop; returns when `stop` is set, the duration has passed or the session ended.
  // `kill` (e.g. set by a signal) trips the kill switch: no order is sent after it.
  void run(const std::atomic<bool>& stop, const std::atomic<bool>& kill);
  // Where it logged on and where its metrics are served, a line each.
  void report_started(std::FILE* out) const;
  // Logout and print nothing; summary() has the results.
  void shutdown();

  EngineSummary summary() const;
  int metrics_port() const { return metrics_ ? metrics_->port() : 0; }

  // FeedHandler listener.
  void on_book_update(std::uint64_t sequence, std::uint16_t locate);
  void on_trade_print(std::uint64_t sequence, const feed::TradePrint& print);
  bool wants_trade_prints() const { return trade_prints_; }
  void request_retransmission(const moldudp64::SessionId& session, std::uint64_t first,
                              std::uint16_t count);

 private:
  void on_application_message(const fix::MessageView& message);
  MarketView market_view(const feed::InstrumentBook& book) const;
  // What the strategy decided (not nothing), carried out in order; nothing while the feed has a
  // gap (the book may be wrong).
  void act(const Actions& actions, std::uint64_t trigger_sequence,
           const feed::InstrumentBook& book);
  // Risk, then the order: the first of a packet goes out at once, later ones with the packet's end.
  void place(const Action& order, std::uint64_t trigger_sequence, const feed::InstrumentBook& book);
  void replace_resting(const Action& replace, std::uint64_t trigger_sequence,
                       const feed::InstrumentBook& book);
  void cancel_resting(Side side);
  void cancel_all_resting();  // the kill switch, shutdown
  // After a reconnection: one OrderMassCancelRequest for the symbol when any quote was out.
  void pull_quotes_after_reconnection();
  // Writes a NewOrderSingle from `order` and counts it open; its ClOrdID (in `id_buffer`), or
  // nothing when the session refused it. Out of line, as it has always been, so that callgrind
  // counts the order's writing apart from the decision (tools/perf/callgrind-counts.sh).
  [[gnu::noinline]] std::optional<std::string_view> send_order(const fix::MessageTemplate& order,
                                                               const Action& action,
                                                               std::uint64_t trigger_sequence,
                                                               char (&id_buffer)[24]);
  bool risk_accepts(Side side, Price price, Quantity quantity, std::size_t open,
                    const feed::InstrumentBook& book);
  void decided();            // risk passed: the decision time
  Now decision_now() const;  // both clocks at the decision, from the TSC
  void written();            // sent at once if the packet's first, else with the packet's end
  // ClOrdID: the trigger's sequence number; "-2", "-3"... for further orders it triggers.
  std::string_view trigger_id(std::uint64_t trigger_sequence, char (&buffer)[24]);
  void send_orders();                                       // what was written, in one send()
  bool receive_feed(boost::asio::ip::udp::socket& socket);  // false: nothing there
  void warm();                      // an idle turn: the order path runs on a scratch buffer
  void publish_metrics(Nanos now);  // an idle turn: part of a snapshot for the exporter
  EngineCounters counters() const;
  // The book from the venue's snapshot service; false (with a warning) when it cannot be had.
  bool take_snapshot();

  // The members are ordered by when a packet needs them. Every 4 KiB page the path from recv()
  // to send() touches costs a page walk after the system call (bench_page_refill and
  // tools/page-trace in docs/BENCHMARKS.md), so what it reads and writes is packed into the
  // object's first page; the datagram starts on a page of its own, and what is only touched
  // after send() comes last.
  EngineConfig config_;
  // Hot-path intervals are TSC ticks: one rdtsc at each end, no clock call (common/time).
  TscClock tsc_;
  Now turn_now_{};                      // both clocks, read once per turn of the loop
  std::uint64_t packet_tsc_ = 0;        // recv() returned the packet being handled
  std::uint64_t decided_tsc_ = 0;       // of the order being written
  std::uint32_t unsent_orders_ = 0;     // written for the packet being handled, not yet sent
  std::uint32_t orders_in_packet_ = 0;  // written for the packet being handled
  std::uint16_t locate_ = 0;            // of config_.symbol, learned from the feed
  bool trade_prints_ = false;           // the strategy acts on them (in locate_'s padding)
  std::uint64_t last_trigger_ = 0;      // for trigger_id()
  std::uint32_t trigger_orders_ = 0;
  net::RxTimestamp packet_stamp_;          // of the packet being handled, with --rx-timestamps
  fix::MessageTemplate order_template_;    // NewOrderSingle: only the changing values are written
  fix::MessageTemplate resting_template_;  // Day, not IOC: orders that rest (quotes)
  fix::MessageTemplate replace_template_;
  fix::MessageTemplate cancel_template_;
  EngineStats stats_;
  fix::Initiator fix_;
  feed::FeedHandler<Engine> feed_;
  AnyStrategy strategy_;
  Quotes resting_;  // the strategy's resting orders, one a side
  RiskLimits risk_;
  std::array<std::uint64_t, OpenOrders::kCapacity> unsent_decided_{};  // their decision times
  OpenOrders open_;  // sent, without a final ExecutionReport

  // An order whose final ExecutionReport never comes is given up after kOrderTimeout, rather
  // than hold its place among the open orders for good.
  static constexpr Nanos kOrderTimeout = 5 * kNanosPerSecond;
  LatencyHistogram tick_to_trade_;     // recv() returned -> send() called
  LatencyHistogram tick_to_decision_;  // recv() returned -> the order decided (risk passed)
  LatencyHistogram decision_to_send_;  // decided -> send() called: encoding (and batching)
  net::RxTimestampSource rx_source_ = net::RxTimestampSource::None;  // the best seen
  LatencyHistogram tick_to_trade_rx_;                                // from the receive timestamp
  boost::asio::io_context io_;
  std::vector<boost::asio::ip::udp::socket> feeds_;  // A, B, then the re-request socket
  bool feed_b_ = false;
  bool retransmit_socket_ = false;
  Nanos last_failed_snapshot_ = 0;
  std::uint64_t quotes_pulled_at_ = 0;  // fix_.reconnections() when they were last pulled
  std::array<char, 512> warm_buffer_{};
  std::unique_ptr<MetricsExporter> metrics_;
  Nanos next_publish_ = 0;
  std::size_t publish_part_ = 0;  // 0: the counters, then each latency histogram
  std::string end_reason_;
  alignas(4096) std::array<char, 65536> datagram_{};
};

}  // namespace vtb::engine
