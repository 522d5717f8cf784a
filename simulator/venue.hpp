#pragma once
// The venue: matching core, FIX order entry, ITCH/MoldUDP64 feed and background liquidity wired
// together on one Asio event loop, from a VenueConfig (venue_options.cpp reads one from a command
// line).

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/net/multicast.hpp"
#include "simulator/agents/noise_taker.hpp"
#include "simulator/agents/quoting_agent.hpp"
#include "simulator/control/control_server.hpp"
#include "simulator/control/event_log.hpp"
#include "simulator/feed_publisher/feed_history.hpp"
#include "simulator/feed_publisher/itch_publisher.hpp"
#include "simulator/feed_publisher/multicast_sink.hpp"
#include "simulator/feed_publisher/retransmission_server.hpp"
#include "simulator/feed_publisher/snapshot.hpp"
#include "simulator/feed_publisher/snapshot_server.hpp"
#include "simulator/gateway/fix_acceptor.hpp"
#include "simulator/gateway/order_entry.hpp"
#include "simulator/journal/commit_gate.hpp"
#include "simulator/journal/journal.hpp"
#include "simulator/metrics/venue_metrics.hpp"
#include "simulator/recovery/journal_replay.hpp"
#include "simulator/schedule/phase_schedule.hpp"
#include "simulator/venue_config.hpp"
#include "simulator/venue_summary.hpp"

namespace vtb::sim {

class Venue : public FixApplication {
 public:
  // Throws with a message naming the file and line of a configuration problem.
  explicit Venue(const VenueConfig& config);
  ~Venue() override;

  // Runs until a signal, the configured duration, or stop(); then ends the trading day cleanly.
  void run();
  void stop();

  VenueSummary summary() const;
  std::uint16_t fix_port() const { return acceptor_->port(); }
  std::uint16_t control_port() const { return control_ ? control_->port() : 0; }
  std::uint16_t retransmit_port() const { return retransmission_ ? retransmission_->port() : 0; }
  std::uint16_t snapshot_port() const { return snapshot_ ? snapshot_->port() : 0; }
  std::uint16_t metrics_port() const {
    return metrics_ ? static_cast<std::uint16_t>(metrics_->port()) : 0;
  }

  // One operator command (the control port's; venue_control.cpp, docs/CONTROL.md): trading
  // phases, venue behaviours, feed faults. Returns the one-line answer, starting `ok` or
  // `error:`, and records both in the event log.
  std::string command(std::string_view line);

  void on_logon(std::size_t session, Now now) override;
  void on_logout(std::size_t session, Now now) override;
  void on_message(std::size_t session, const fix::MessageView& message, Now now) override;
  void after_input(Now now) override;
  void before_write() override { commit(); }

 private:
  // With a journal: what happened so far is made durable (a commit record with the feed's next
  // number and the sessions' numbers that moved), then the feed packets held for it go out. Called
  // before FIX bytes are written and after the feed is flushed.
  void commit();
  // With a state directory: starts a new day there if the last one ended, else replays the
  // journal (journal_replay) and puts the sessions and the feed back at its last commit.
  void open_state(std::vector<fix::SessionConfig>& sessions);
  void recover();
  // The background agents' resting orders from before a restart are canceled: the agents start
  // again with none, as market makers' cancel-on-disconnect would leave them.
  void cancel_agent_orders();
  void schedule_housekeeping();
  // The end of an input: the feed's packet goes out if due, else a timer waits for it.
  void feed_after_input(Now now);
  // The end of a turn of the event loop that read FIX input: the feed's packet, then every
  // session's answers, go out once for all the connections read in that turn.
  void end_of_turn();
  bool input_this_turn_ = false;
  // A timer for the earliest order message an acknowledgement delay holds.
  void schedule_release();
  void publish_imbalances(Now now);
  // Copies the figures for the metrics endpoint, about once a second.
  void publish_metrics(Now now);
  void schedule_agents();
  void step_agents();
  std::string execute(std::string_view line);
  std::string feed_command(const std::vector<std::string>& words);
  std::string send_command(const std::vector<std::string>& words, std::string_view line);
  std::string session_command(const std::vector<std::string>& words);
  std::string fill_parts_command(const std::vector<std::string>& words);
  std::string scripted_trade(InstrumentId instrument, Price price, Quantity quantity);
  std::optional<InstrumentId> instrument_named(const std::string& symbol) const;
  std::optional<std::size_t> session_named(const std::string& comp_id);
  void observe_faults();

  // The owner of `trade` commands' orders: above every agent's.
  static constexpr OwnerId kScriptedTradeOwner = 2'000'000;
  // The owner of `rest` commands' orders (a scenario's initial book): no session's, no agent's.
  static constexpr OwnerId kRestingOrderOwner = 3'000'000;
  std::string resting_order(const std::vector<std::string>& words);
  void end_of_day();
  // Moves `instrument` (0: all) to `phase`; the error text for the ones that cannot move.
  std::string move_to(InstrumentId instrument, TradingPhase phase);

  VenueConfig config_;
  EventLog events_;
  boost::asio::io_context io_;
  std::vector<Instrument> instruments_;
  MatchingEngine engine_;
  std::unique_ptr<MulticastSink> sink_;
  Attributions attributions_;  // MPIDs of the sessions that have one
  std::unique_ptr<FeedHistory> history_;
  std::unique_ptr<ItchPublisher> publisher_;
  std::unique_ptr<RetransmissionServer> retransmission_;
  std::unique_ptr<SnapshotServer> snapshot_;
  // Made once acceptor_ is (it answers through it), declared before it so that it is still there
  // while the acceptor's teardown closes the sessions.
  std::unique_ptr<OrderEntry> order_entry_;
  std::unique_ptr<FixAcceptor> acceptor_;
  std::vector<QuotingAgent> quoting_agents_;
  std::vector<NoiseTaker> noise_takers_;
  boost::asio::steady_timer housekeeping_timer_;
  boost::asio::steady_timer agent_timer_;
  boost::asio::steady_timer feed_flush_timer_;
  bool feed_flush_armed_ = false;
  boost::asio::steady_timer release_timer_;
  std::optional<Nanos> release_armed_for_;
  Nanos last_imbalances_ = 0;
  PhaseTimetable timetable_;
  std::unique_ptr<ControlServer> control_;
  std::unique_ptr<journal::Writer> journal_;
  std::unique_ptr<journal::CommitGate> gate_;  // with a journal: feed packets wait for a commit
  std::vector<journal::SessionMark> committed_marks_, marks_;  // by session; marks_ is scratch
  std::uint64_t committed_feed_next_ = 0;
  std::optional<JournalReplay> recovered_;  // what a restart replayed
  std::unique_ptr<VenueMetrics> metrics_;
  VenueMetricsSnapshot metrics_snapshot_;  // kept: copying into it again allocates nothing
  Nanos last_metrics_ = 0;
  std::vector<std::uint64_t> session_logons_, session_disconnects_;
  bool stopping_ = false;
  std::uint64_t logons_ = 0;
  std::uint64_t agent_steps_ = 0;
  Nanos started_ = 0;
};

}  // namespace vtb::sim
