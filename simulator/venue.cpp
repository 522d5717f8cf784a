#include "simulator/venue.hpp"

#include <algorithm>

#include <sstream>

#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "common/fix/session_config.hpp"
#include "simulator/reference_data/instruments_file.hpp"

namespace vtb::sim {

namespace asio = boost::asio;

namespace {

constexpr auto kHousekeepingPeriod = std::chrono::milliseconds(100);
// Agents are owners too; their ids sit far above any FIX session's.
constexpr OwnerId kFirstAgentOwner = 1'000'000;

std::vector<fix::SessionConfig> load_acceptor_sessions(const VenueConfig& config,
                                                       std::uint16_t& port,
                                                       AcceptorLimits& limits) {
  const auto settings = fix::SessionSettings::load(config.fix_sessions_path);
  limits = AcceptorLimits::from(settings.defaults);
  std::vector<fix::SessionConfig> sessions;
  for (const auto& section : settings.sessions) {
    fix::SessionConfig session = fix::SessionConfig::from(section);
    if (!config.fix_log_dir.empty()) session.file_log_path = config.fix_log_dir;
    if (session.initiator) {
      throw fix::SettingsError(section.where("ConnectionType") +
                               ": the venue only accepts sessions (ConnectionType=acceptor)");
    }
    if (!sessions.empty() && session.accept_port != sessions.front().accept_port &&
        !config.fix_port) {
      throw fix::SettingsError(section.where("SocketAcceptPort") +
                               ": all sessions must share one SocketAcceptPort for now");
    }
    sessions.push_back(std::move(session));
  }
  port = config.fix_port.value_or(static_cast<std::uint16_t>(sessions.front().accept_port));
  return sessions;
}

// A session's MPID setting (1 to 4 letters or digits) attributes its resting orders on the feed.
Attributions load_attributions(const VenueConfig& config) {
  Attributions attributions;
  const auto settings = fix::SessionSettings::load(config.fix_sessions_path);
  for (std::size_t i = 0; i < settings.sessions.size(); ++i) {
    const auto mpid = settings.sessions[i].get("MPID");
    if (!mpid) continue;
    const bool valid =
        !mpid->empty() && mpid->size() <= 4 && std::all_of(mpid->begin(), mpid->end(), [](char c) {
          return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        });
    if (!valid) {
      throw fix::SettingsError(settings.sessions[i].where("MPID") + ": '" + *mpid +
                               "' is not an MPID (1 to 4 capital letters or digits)");
    }
    attributions.set(OrderEntry::owner_of(i), *mpid);
  }
  return attributions;
}

}  // namespace

Venue::Venue(const VenueConfig& config)
    : config_(config),
      events_(config.event_log_path.empty() ? EventLog() : EventLog(config.event_log_path)),
      instruments_(load_instruments(config.instruments_path)),
      engine_(instruments_,
              config.schedule_path.empty() ? TradingPhase::Continuous : TradingPhase::Closed),
      housekeeping_timer_(io_),
      agent_timer_(io_),
      feed_flush_timer_(io_),
      release_timer_(io_) {
  std::uint16_t port = 0;
  AcceptorLimits limits;
  auto sessions = load_acceptor_sessions(config_, port, limits);
  if (!config_.state_dir.empty()) open_state(sessions);
  const auto interface = net::parse_ipv4(config_.feed_interface, "--feed-interface");
  sink_ = std::make_unique<MulticastSink>(io_, interface, config_.feed_ttl, config_.feed_a,
                                          config_.feed_b);
  history_ = std::make_unique<FeedHistory>(
      config_.feed_history, config_.publisher.session, config_.publisher.max_payload,
      config_.state_dir.empty() ? std::string() : config_.state_dir + "/feed.history");
  observe_faults();
  attributions_ = load_attributions(config_);
  boost::system::error_code ec;
  const auto listen_address = asio::ip::make_address(config_.listen_address, ec);
  if (ec) {
    throw std::invalid_argument("--listen-address: '" + config_.listen_address +
                                "' is not an IP address");
  }
  const asio::ip::tcp::endpoint listen(listen_address, port);
  acceptor_ = std::make_unique<FixAcceptor>(io_, listen, std::move(sessions), *this, limits);
  acceptor_->set_flush_per_turn(true);
  order_entry_ = std::make_unique<OrderEntry>(engine_, *acceptor_);
  engine_.add_listener(order_entry_.get());
  const std::string journal_path =
      config_.state_dir.empty() ? config_.journal_path : config_.state_dir + "/journal";
  if (!config_.state_dir.empty() && std::filesystem::exists(journal_path)) {
    recover();
  } else if (!journal_path.empty()) {
    const TradingPhase initial =
        instruments_.empty() ? TradingPhase::Continuous : engine_.phase(instruments_[0].id);
    journal_ = std::make_unique<journal::Writer>(journal_path, instruments_, initial);
  }
  if (journal_) {
    engine_.set_input_listener(journal_.get());
    engine_.add_listener(journal_.get());
    order_entry_->set_input_listener(journal_.get());
    gate_ = std::make_unique<journal::CommitGate>(*journal_, *sink_);
  }
  publisher_ = std::make_unique<ItchPublisher>(config_.publisher, instruments_,
                                               gate_ ? static_cast<DatagramSink&>(*gate_) : *sink_,
                                               history_.get());
  publisher_->set_attributions(&attributions_);
  if (recovered_) publisher_->resume(history_->next_sequence());
  engine_.add_listener(publisher_.get());
  if (journal_) {
    committed_marks_.assign(acceptor_->session_count(), journal::SessionMark{});
    commit();  // the starting point: every session's numbers and the feed's
  }
  if (!config_.schedule_path.empty()) {
    timetable_ =
        PhaseTimetable(load_phase_schedule(config_.schedule_path, instruments_), wall_clock_ns());
  }
  if (config_.retransmit_port) {
    retransmission_ = std::make_unique<RetransmissionServer>(
        io_, asio::ip::udp::endpoint(listen_address, *config_.retransmit_port), *history_);
    if (events_.enabled()) {
      retransmission_->set_observer(
          [this](std::uint64_t first, std::uint64_t count, std::uint64_t answered) {
            events_.record("retransmit first=%llu count=%llu answered=%llu",
                           static_cast<unsigned long long>(first),
                           static_cast<unsigned long long>(count),
                           static_cast<unsigned long long>(answered));
          });
    }
  }
  if (config_.snapshot_port) {
    snapshot_ = std::make_unique<SnapshotServer>(
        io_, asio::ip::tcp::endpoint(listen_address, *config_.snapshot_port),
        config_.publisher.session, [this] {
          // Everything before the sequence number the snapshot ends at must be on the wire.
          const Now now = Now::read();
          publisher_->flush(now);
          commit();
          events_.record("snapshot next=%llu",
                         static_cast<unsigned long long>(publisher_->next_sequence()));
          return glimpse_snapshot(engine_, instruments_, publisher_->next_sequence(), now.wall,
                                  &attributions_);
        });
  }
  if (config_.control_port) {
    control_ = std::make_unique<ControlServer>(
        io_, asio::ip::tcp::endpoint(listen_address, *config_.control_port),
        [this](std::string_view line) { return command(line); });
  }
  session_logons_.assign(acceptor_->session_count(), 0);
  session_disconnects_.assign(acceptor_->session_count(), 0);
  if (config_.metrics_port) {
    metrics_ = std::make_unique<VenueMetrics>(config_.metrics_address, *config_.metrics_port);
    metrics_snapshot_.sessions.resize(acceptor_->session_count());
    for (std::size_t i = 0; i < acceptor_->session_count(); ++i)
      metrics_snapshot_.sessions[i].comp_id = acceptor_->session(i).config().target_comp_id;
    metrics_snapshot_.books.resize(instruments_.size());
    for (std::size_t i = 0; i < instruments_.size(); ++i)
      metrics_snapshot_.books[i].symbol = instruments_[i].symbol;
    metrics_snapshot_.feed_b = config_.feed_b.has_value();
  }
  if (config_.agents) {
    quoting_agents_.reserve(instruments_.size());
    for (const Instrument& instrument : instruments_) {
      QuotingAgentConfig mm = config_.quoting_agent;
      mm.seed = config_.quoting_agent.seed + instrument.id;  // independent walks per instrument
      quoting_agents_.emplace_back(engine_, instrument, kFirstAgentOwner + instrument.id, mm);
    }
    for (const Instrument& instrument : instruments_) {
      if (config_.noise_taker.probability <= 0) break;
      NoiseTakerConfig noise = config_.noise_taker;
      noise.seed = config_.quoting_agent.seed * 7919 + instrument.id;
      noise_takers_.emplace_back(engine_, instrument,
                                 kFirstAgentOwner + instruments_.size() + instrument.id, noise);
    }
  }
  if (recovered_) cancel_agent_orders();
}

Venue::~Venue() = default;

namespace {

// What a state directory holds, besides the FIX stores (STATE/fix/).
constexpr const char* kEndedMarker = "/ended";  // written when a day ends cleanly

}  // namespace

void Venue::open_state(std::vector<fix::SessionConfig>& sessions) {
  namespace fs = std::filesystem;
  const std::string& dir = config_.state_dir;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error(dir + ": cannot create the state directory: " + ec.message());
  if (fs::exists(dir + kEndedMarker)) {
    // Yesterday ended cleanly: today starts from nothing (its journal stays until then, for
    // testbed replay).
    for (const char* name : {"/journal", "/feed.history", kEndedMarker})
      fs::remove(dir + name, ec);
    fs::remove_all(dir + "/fix", ec);
    std::fprintf(stderr, "venue: %s: the last day ended cleanly; starting a new one\n",
                 dir.c_str());
  }
  for (fix::SessionConfig& session : sessions) {
    if (session.file_store_path.empty()) session.file_store_path = dir + "/fix";
  }
}

void Venue::recover() {
  const std::string path = config_.state_dir + "/journal";
  const Nanos began = monotonic_ns();
  const TradingPhase initial =
      instruments_.empty() ? TradingPhase::Continuous : engine_.phase(instruments_[0].id);
  for (std::size_t i = 0; i < acceptor_->session_count(); ++i)
    acceptor_->session(i).set_muted(true);
  recovered_ = replay_journal(path, instruments_, initial, acceptor_->session_count(), engine_,
                              *order_entry_);
  for (std::size_t i = 0; i < acceptor_->session_count(); ++i) {
    fix::Session& session = acceptor_->session(i);
    session.set_muted(false);
    const journal::SessionMark& mark = recovered_->sessions[i];
    if (mark.next_sender != 0) session.rewind(mark.next_sender, mark.next_target);
  }
  if (recovered_->feed_next != 0) history_->truncate(recovered_->feed_next);
  journal_ = std::make_unique<journal::Writer>(path, recovered_->resume_at);
  std::fprintf(stderr,
               "venue: %s: restarted from the journal in %.1f ms: %llu inputs, %llu FIX messages, "
               "%llu outputs as recorded, %zu bytes after the last commit dropped; feed goes on "
               "at %llu\n",
               config_.state_dir.c_str(), static_cast<double>(monotonic_ns() - began) / 1e6,
               static_cast<unsigned long long>(recovered_->inputs),
               static_cast<unsigned long long>(recovered_->gateway_messages),
               static_cast<unsigned long long>(recovered_->outputs), recovered_->dropped_bytes,
               static_cast<unsigned long long>(history_->next_sequence()));
}

void Venue::cancel_agent_orders() {
  std::vector<std::pair<OrderId, OwnerId>> orders;  // canceling edits the book: collect first
  for (const Instrument& instrument : instruments_) {
    const OrderBook& book = engine_.book(instrument.id);
    for (const Side side : {Side::Buy, Side::Sell}) {
      for (const PriceLevel& level : book.levels(side)) {
        for (const Order* order : engine_.queue(level)) {
          const OwnerId owner = order->request.owner;
          if (owner >= kFirstAgentOwner && owner < kScriptedTradeOwner)
            orders.emplace_back(order->id, owner);
        }
      }
    }
  }
  for (const auto& [id, owner] : orders)
    engine_.cancel(id, owner);
}

void Venue::commit() {
  if (!journal_) return;
  marks_.clear();
  for (std::size_t i = 0; i < committed_marks_.size(); ++i) {
    const fix::Session& session = acceptor_->session(i);
    journal::SessionMark& last = committed_marks_[i];
    if (session.next_outbound_seq() == last.next_sender &&
        session.next_inbound_seq() == last.next_target) {
      continue;
    }
    last = {static_cast<std::uint32_t>(i), session.next_outbound_seq(), session.next_inbound_seq()};
    marks_.push_back(last);
  }
  const std::uint64_t feed_next = publisher_->next_sequence();
  if (journal_->uncommitted() || !marks_.empty() || feed_next != committed_feed_next_) {
    journal_->commit(feed_next, marks_);
    committed_feed_next_ = feed_next;
  }
  gate_->release();
}

void Venue::observe_faults() {
  if (!events_.enabled()) return;
  for (const Feed feed : {Feed::A, Feed::B}) {
    sink_->faults(feed).set_observer([this, feed](const FaultHit& hit) {
      events_.record("fault feed=%c action=%s seq=%llu count=%u", feed == Feed::A ? 'A' : 'B',
                     fault_action_name(hit.action), static_cast<unsigned long long>(hit.sequence),
                     static_cast<unsigned>(hit.count));
    });
  }
}

void Venue::on_logon(std::size_t session, Now) {
  ++logons_;
  ++session_logons_[session];
  const auto& c = acceptor_->session(session).config();
  events_.record("logon session=%s", c.target_comp_id.c_str());
  std::fprintf(stderr, "venue: %s logged on (%s)\n", c.target_comp_id.c_str(),
               c.begin_string.c_str());
}

void Venue::on_logout(std::size_t session, Now now) {
  ++session_disconnects_[session];
  events_.record("logout session=%s", acceptor_->session(session).config().target_comp_id.c_str());
  std::fprintf(stderr, "venue: %s disconnected\n",
               acceptor_->session(session).config().target_comp_id.c_str());
  order_entry_->on_logout(session, now);
  feed_after_input(now);
  commit();
}

void Venue::on_message(std::size_t session, const fix::MessageView& message, Now now) {
  order_entry_->on_message(session, message, now);
}

void Venue::after_input(Now) {
  input_this_turn_ = true;  // its packet and answers go at the end of the turn
  schedule_release();
}

void Venue::end_of_turn() {
  if (!input_this_turn_) return;
  input_this_turn_ = false;
  feed_after_input(Now::read());
  acceptor_->flush_all();
}

void Venue::schedule_release() {
  const std::optional<Nanos> due = order_entry_->next_release();
  if (!due || due == release_armed_for_) return;
  release_armed_for_ = due;
  release_timer_.expires_after(std::chrono::nanoseconds(*due - monotonic_ns()));
  release_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;  // canceled: re-armed for an earlier message, or stopping
    release_armed_for_.reset();
    const Now now = Now::read();
    order_entry_->on_clock(now);
    feed_after_input(now);
    acceptor_->flush_all();
    schedule_release();
  });
}

void Venue::feed_after_input(Now now) {
  publisher_->after_input(now);
  const std::optional<Nanos> due = publisher_->flush_deadline();
  if (!due || feed_flush_armed_) return;
  feed_flush_armed_ = true;
  feed_flush_timer_.expires_after(std::chrono::nanoseconds(*due - now.mono));
  feed_flush_timer_.async_wait([this](const boost::system::error_code& ec) {
    feed_flush_armed_ = false;
    if (ec) return;
    const Now now = Now::read();
    publisher_->flush(now);
    commit();
  });
}

// Every imbalance interval, a NOII for each instrument in an auction call.
void Venue::publish_imbalances(Now now) {
  if (config_.imbalance_interval <= 0 || now.mono - last_imbalances_ < config_.imbalance_interval) {
    return;
  }
  last_imbalances_ = now.mono;
  for (const Instrument& i : instruments_) {
    const TradingPhase phase = engine_.phase(i.id);
    if (phase != TradingPhase::PreOpen && phase != TradingPhase::PreClose &&
        phase != TradingPhase::Halted) {
      continue;
    }
    publisher_->imbalance(i.id, phase, engine_.indicative(i.id), engine_.reference_price(i.id));
  }
}

void Venue::publish_metrics(Now now) {
  if (!metrics_ || now.mono - last_metrics_ < kNanosPerSecond) return;
  VenueMetricsSnapshot& s = metrics_snapshot_;
  for (std::size_t i = 0; i < s.sessions.size(); ++i) {
    auto& out = s.sessions[i];
    const fix::Session& session = acceptor_->session(i);
    out.orders = order_entry_->session_stats(i);
    out.logged_on = session.active();
    out.logons = session_logons_[i];
    out.disconnects = session_disconnects_[i];
    out.resend_requests = session.resend_requests_received();
  }
  for (std::size_t i = 0; i < s.books.size(); ++i) {
    auto& out = s.books[i];
    const OrderBook& book = engine_.book(instruments_[i].id);
    for (const Side side : {Side::Buy, Side::Sell}) {
      const int at = side == Side::Buy ? 0 : 1;
      out.levels[at] = book.levels(side).size();
      const PriceLevel* best = book.best(side);
      out.best_price[at] = best ? best->price : 0;
      out.best_quantity[at] = best ? best->quantity : 0;
    }
  }
  for (const Feed feed : {Feed::A, Feed::B}) {
    auto& line = s.feed[static_cast<int>(feed)];
    line.packets = sink_->packets(feed);
    line.messages = sink_->messages(feed);
    line.faults = sink_->faults(feed).stats();
  }
  s.retransmission = history_->stats();
  if (snapshot_) s.snapshots = snapshot_->stats();
  s.trades = engine_.stats().trades;
  s.feed_sequence = publisher_->next_sequence();
  s.order_to_ack = order_entry_->order_to_ack();
  s.matching = order_entry_->matching();
  // A scrape holding the snapshot: the next turn's copy is as good.
  if (metrics_->try_publish(s)) last_metrics_ = now.mono;
}

void Venue::schedule_housekeeping() {
  housekeeping_timer_.expires_after(kHousekeepingPeriod);
  housekeeping_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    const Now now = Now::read();
    order_entry_->on_clock(now);  // GTD expiries
    timetable_.run_due(now.mono - started_, now.wall, [&](const PhaseChange& change) {
      const std::string problem = move_to(change.instrument, change.phase);
      if (!problem.empty()) {
        std::fprintf(stderr, "venue: %s:%d: %s\n", config_.schedule_path.c_str(), change.line,
                     problem.c_str());
      }
    });
    publish_imbalances(now);
    publish_metrics(now);
    publisher_->flush(now);
    acceptor_->flush_all();
    acceptor_->on_timer(now);
    publisher_->on_timer(now);
    commit();
    if (config_.duration_s > 0 &&
        now.mono - started_ >= static_cast<Nanos>(config_.duration_s * kNanosPerSecond)) {
      stop();
      return;
    }
    schedule_housekeeping();
  });
}

std::string Venue::move_to(InstrumentId instrument, TradingPhase phase) {
  std::string problems;
  for (const Instrument& i : instruments_) {
    if (instrument != 0 && i.id != instrument) continue;
    const TradingPhase from = engine_.phase(i.id);
    if (from == phase) continue;
    if (engine_.set_phase(i.id, phase)) {
      events_.record("phase symbol=%s phase=%s", i.symbol.c_str(), phase_name(phase));
    } else {
      problems += std::string(problems.empty() ? "" : "; ") + i.symbol + " cannot move from " +
                  phase_name(from) + " to " + phase_name(phase);
    }
  }
  const Now now = Now::read();
  publisher_->flush(now);
  acceptor_->flush_all();
  return problems;
}

void Venue::schedule_agents() {
  agent_timer_.expires_after(std::chrono::nanoseconds(config_.agent_interval));
  agent_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    step_agents();
    const Now now = Now::read();
    feed_after_input(now);
    acceptor_->flush_all();
    schedule_agents();
  });
}

void Venue::step_agents() {
  for (QuotingAgent& mm : quoting_agents_)
    mm.step();
  for (NoiseTaker& taker : noise_takers_)
    taker.step();
  ++agent_steps_;
}

void Venue::stop() {
  if (stopping_) return;
  stopping_ = true;
  housekeeping_timer_.cancel();
  agent_timer_.cancel();
  feed_flush_timer_.cancel();
  release_timer_.cancel();
}

void Venue::end_of_day() {
  const Now now = Now::read();
  acceptor_->logout_all("venue closing", now);
  publisher_->end_of_day(now);
  commit();
  // Give counterparties a moment to confirm their Logout, as the FIX logout handshake expects.
  const Nanos deadline = monotonic_ns() + kNanosPerSecond / 2;
  while (monotonic_ns() < deadline) {
    bool any_connected = false;
    for (std::size_t i = 0; i < acceptor_->session_count(); ++i) {
      any_connected = any_connected || acceptor_->connected(i);
    }
    if (!any_connected) break;
    io_.poll();
    io_.run_one_for(std::chrono::milliseconds(10));
    end_of_turn();
  }
}

void Venue::run() {
  started_ = monotonic_ns();
  asio::signal_set signals(io_, SIGINT, SIGTERM);
  signals.async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) stop();
  });
  if (!recovered_) publisher_->start_of_day(Now::read());
  commit();
  schedule_housekeeping();
  if (!quoting_agents_.empty() && !config_.agents_on_control_clock) schedule_agents();
  events_.record(
      "ready fix_port=%u control_port=%u retransmit_port=%u snapshot_port=%u "
      "metrics_port=%u next=%llu recovered=%d",
      static_cast<unsigned>(fix_port()), static_cast<unsigned>(control_port()),
      static_cast<unsigned>(retransmit_port()), static_cast<unsigned>(snapshot_port()),
      static_cast<unsigned>(metrics_port()),
      static_cast<unsigned long long>(publisher_->next_sequence()), recovered_ ? 1 : 0);
  std::fprintf(stderr, "venue: FIX on port %u, feed A %s%s%s, %zu instrument(s)\n",
               static_cast<unsigned>(acceptor_->port()), config_.feed_a.to_string().c_str(),
               config_.feed_b ? ", feed B " : "",
               config_.feed_b ? config_.feed_b->to_string().c_str() : "", instruments_.size());
  if (metrics_)
    std::fprintf(stderr, "venue: metrics on http://%s:%d/metrics\n",
                 config_.metrics_address.c_str(), metrics_->port());
  while (!stopping_) {
    // Busy-poll keeps the venue's reaction time down; blocking leaves the CPU to the engine.
    // Either way, everything ready is handled before the turn's output goes.
    if (!config_.busy_poll) io_.run_one();
    io_.poll();
    end_of_turn();
  }
  signals.cancel();
  end_of_day();
  if (!config_.state_dir.empty()) {
    // A clean end: the next start is a new day (a kill leaves no marker, and the next start
    // recovers this one).
    std::ofstream(config_.state_dir + kEndedMarker) << "day ended\n";
  }
}

VenueSummary Venue::summary() const {
  VenueSummary s;
  s.sessions_configured = acceptor_->session_count();
  s.logons = logons_;
  s.acceptor = acceptor_->stats();
  s.order_entry = order_entry_->stats();
  if (journal_)
    s.journal = {journal_->inputs(), journal_->outputs(), journal_->bytes(), journal_->error()};
  s.matching = engine_.stats();
  s.publisher = publisher_->stats();
  s.next_sequence = publisher_->next_sequence();
  s.send_errors = sink_->send_errors();
  s.retransmission = history_->stats();
  if (snapshot_) s.snapshots = snapshot_->stats();
  s.agents.steps = agent_steps_;
  s.agents.market_makers = quoting_agents_.size();
  s.agents.noise_takers = noise_takers_.size();
  for (const NoiseTaker& t : noise_takers_)
    s.agents.noise_orders += t.orders();
  return s;
}

}  // namespace vtb::sim
