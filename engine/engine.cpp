#include "engine/engine.hpp"

#include <cstdio>

#include "common/feed_handler/snapshot_client.hpp"
#include "common/fix/tags.hpp"
#include "common/fix/values.hpp"
#include "common/hot_path/hot_code.hpp"
#include "common/hot_path/page_trace.hpp"
#include "common/text/decimal.hpp"
#include "common/wire/big_endian.hpp"
#include "engine/orders/order_templates.hpp"

namespace vtb::engine {

namespace asio = boost::asio;
namespace tag = fix::tag;

Engine::Engine(const EngineConfig& config)
    : config_(config),
      order_template_(new_order_template(config.session, config.symbol)),
      resting_template_(new_order_template(config.session, config.symbol, fix::time_in_force::Day)),
      replace_template_(replace_template(config.session, config.symbol)),
      cancel_template_(cancel_template(config.session, config.symbol)),
      fix_(config.session),
      feed_(*this),
      strategy_(make_strategy(config.strategy)),
      risk_(config.risk) {
  feed_.track_only(config.symbol);  // the other instruments' messages cost a locate check
  trade_prints_ = std::visit([](const auto& s) { return s.wants_trade_prints(); }, strategy_);
  tsc_ = TscClock::calibrate();
  if (config.metrics_port) {
    metrics_ = std::make_unique<MetricsExporter>(config.metrics_address, *config.metrics_port,
                                                 tsc_.source());
  }
}

void Engine::start() {
  page_trace_announce();
  const auto interface = net::parse_ipv4(config_.feed_interface, "--feed-interface");
  feeds_.push_back(net::open_multicast_receiver(io_, config_.feed_a, interface, true));
  if (config_.feed_b) {
    feeds_.push_back(net::open_multicast_receiver(io_, *config_.feed_b, interface, true));
    feed_b_ = true;
  }
  if (config_.retransmit) {
    // Connected, so that send() needs no address and only the server's answers are received.
    asio::ip::udp::socket socket(io_, asio::ip::udp::v4());
    socket.connect({config_.retransmit->address, config_.retransmit->port});
    socket.non_blocking(true);
    feeds_.push_back(std::move(socket));
    retransmit_socket_ = true;
  }
  if (config_.rx_timestamps) {
    for (std::size_t i = 0; i < (feed_b_ ? 2u : 1u); ++i)
      net::enable_rx_timestamps(feeds_[i].native_handle(), "--rx-timestamps");
  }
  // Joined first, so that what the venue publishes during the snapshot waits in the sockets.
  if (config_.snapshot) take_snapshot();
  fix_.connect_and_logon(config_.logon_timeout);
}

void Engine::report_started(std::FILE* out) const {
  std::fprintf(out, "engine: logged on to %s:%d as %s, trading %s\n",
               config_.session.connect_host.c_str(), config_.session.connect_port,
               config_.session.sender_comp_id.c_str(), config_.symbol.c_str());
  if (metrics_port() != 0) {
    std::fprintf(out, "engine: metrics on http://%s:%d/metrics\n", config_.metrics_address.c_str(),
                 metrics_port());
  }
}

bool Engine::take_snapshot() {
  feed_.begin_snapshot();
  try {
    const auto end = feed::fetch_snapshot(
        config_.snapshot->address.to_string(), config_.snapshot->port, "", kNanosPerSecond,
        [this](std::string_view message) { feed_.apply_snapshot_message(message); });
    feed_.end_snapshot(end.next_sequence);
    return true;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "engine: no snapshot (%s); no trading until the book is whole\n",
                 e.what());
    feed_.abandon_snapshot();
    last_failed_snapshot_ = monotonic_ns();
    return false;
  }
}

VTB_HOT bool Engine::receive_feed(asio::ip::udp::socket& socket) {
  std::size_t n = 0;
  if (config_.rx_timestamps) {
    const long got = net::receive_timestamped(socket.native_handle(), datagram_.data(),
                                              datagram_.size(), packet_stamp_);
    if (got < 0) return false;  // EAGAIN: nothing there
    n = static_cast<std::size_t>(got);
  } else {
    boost::system::error_code ec;
    n = socket.receive(asio::buffer(datagram_), 0, ec);
    if (ec) return false;  // would_block: nothing there
  }
  packet_tsc_ = tsc_.read();
  page_trace_open();
  orders_in_packet_ = 0;
  feed_.on_datagram(std::string_view(datagram_.data(), n));
  if (unsent_orders_ != 0) send_orders();
  return true;
}

void Engine::warm() {
  // What an order needs (the strategy, the template, the formatting code and tables, the book's
  // top) is evicted from the caches and the branch predictors by the system calls of an idle
  // turn; running it on a scratch buffer puts it back before the next packet needs it.
  if (locate_ == 0) return;
  const feed::InstrumentBook& book = *feed_.book().instrument(locate_);
  const MarketView view = market_view(book);
  const Actions actions = std::visit(
      [&view](const auto& strategy) { return strategy.on_book_update(view); }, strategy_);
  Action order = Action::new_order(Side::Buy, 1, 1);
  for (const Action& a : actions) {
    if (a.kind == ActionKind::New) {
      order = a;
      break;
    }
  }
  char cl_ord_id[24];
  const auto id_length =
      text::format_int(cl_ord_id, static_cast<std::int64_t>(feed_.next_sequence()));
  // The clocks as the real path reads them (decision_now), without touching its state.
  const Nanos mono = tsc_.monotonic(tsc_.read());
  encode_new_order(order.rests ? resting_template_ : order_template_, warm_buffer_.data(),
                   warm_buffer_.size(), fix_.session().next_outbound_seq(),
                   std::string_view(cl_ord_id, static_cast<std::size_t>(id_length)), order.side,
                   order.price, order.quantity, turn_now_.wall + (mono - turn_now_.mono));
}

void Engine::publish_metrics(Nanos now) {
  // One part a turn, so that no turn is long; about once a second in all.
  bool published = false;
  switch (publish_part_) {
    case 0:
      published = metrics_->try_publish(counters());
      break;
    case 1:
      published = metrics_->try_publish(MetricsExporter::TickToTrade, tick_to_trade_);
      break;
    case 2:
      published = metrics_->try_publish(MetricsExporter::TickToDecision, tick_to_decision_);
      break;
    case 3:
      published = metrics_->try_publish(MetricsExporter::DecisionToSend, decision_to_send_);
      break;
    default:
      published = metrics_->try_publish(MetricsExporter::FromRxTimestamp, tick_to_trade_rx_,
                                        net::to_string(rx_source_));
      break;
  }
  if (!published) return;  // a scrape is reading: next turn
  if (++publish_part_ > MetricsExporter::kLatencies) {
    publish_part_ = 0;
    next_publish_ = now + kNanosPerSecond;
  }
}

EngineCounters Engine::counters() const {
  const auto& f = feed_.stats();
  EngineCounters c;
  c.engine = stats_;
  c.risk = risk_.stats();
  c.killed = risk_.killed();
  c.open_orders = open_.size();
  c.feed_packets = f.packets;
  c.feed_messages = f.messages;
  c.feed_gaps = f.gaps;
  c.feed_lost_messages = f.lost_messages;
  return c;
}

VTB_HOT void Engine::send_orders() {
  // Internal tick-to-trade: recv() returned the triggering packet -> send() is called.
  const std::uint64_t now = tsc_.read();
  fix_.flush();
  // The figures are recorded after the send(): their memory is not the order's business. (Each
  // page touched before it costs a page walk here: see bench_page_refill in BENCHMARKS.md.)
  const Nanos elapsed = tsc_.to_nanos(now - packet_tsc_);
  // From the kernel's (or the NIC's) receive timestamp: includes the stack and the wake-up.
  const bool stamped = packet_stamp_.time != 0;
  const Nanos from_stamp = stamped ? wall_clock_ns() - packet_stamp_.time : 0;
  if (stamped) rx_source_ = std::max(rx_source_, packet_stamp_.source);
  for (std::uint32_t i = 0; i < unsent_orders_; ++i) {
    tick_to_trade_.record(elapsed);
    tick_to_decision_.record(tsc_.to_nanos(unsent_decided_[i] - packet_tsc_));
    decision_to_send_.record(tsc_.to_nanos(now - unsent_decided_[i]));
    if (stamped) tick_to_trade_rx_.record(from_stamp);
  }
  unsent_orders_ = 0;
}

void Engine::run(const std::atomic<bool>& stop, const std::atomic<bool>& kill) {
  const Nanos started = monotonic_ns();
  const Nanos duration = static_cast<Nanos>(config_.duration_s * kNanosPerSecond);
  const auto on_application = [this](const fix::MessageView& m) { on_application_message(m); };
  while (!stop.load(std::memory_order_relaxed)) {
    // Read before the receives: the packet path itself reads no clock but the TSC.
    turn_now_ = Now::read();
    const Now& now = turn_now_;
    bool received = receive_feed(feeds_[0]);
    if (feed_b_) received |= receive_feed(feeds_[1]);
    // The re-request socket only has answers while a gap is open: a system call less per turn.
    if (retransmit_socket_ && feed_.recovering()) received |= receive_feed(feeds_.back());
    if (!received && config_.warm) warm();
    if (!received && metrics_ && now.mono >= next_publish_) publish_metrics(now.mono);
    feed_.poll(now.mono);
    if (unsent_orders_ != 0) send_orders();  // triggered by held packets a recovery released
    // Messages were given up on: the book is wrong until a snapshot repairs it (a blocking
    // exchange of a few milliseconds while no trading happens: at once, and after a failed one
    // at most once a second).
    if (feed_.book_suspect() && config_.snapshot &&
        now.mono - last_failed_snapshot_ >= kNanosPerSecond) {
      take_snapshot();
      if (unsent_orders_ != 0) send_orders();
    }
    if (!fix_.poll(now, on_application)) {
      // Nothing can be sent and the orders in flight have an unknown fate: the kill switch trips
      // and stays tripped (only a restart trades again). A lost connection is logged on again to
      // learn that fate; a Logout, or running out of attempts, ends the run.
      if (!risk_.killed()) {
        risk_.kill((fix_.ended_by_logout() ? "FIX session ended: " : "FIX connection lost: ") +
                   fix_.close_reason());
      }
      if (fix_.reconnect(now.mono, config_.reconnect, config_.logon_timeout, on_application) ==
          fix::Initiator::Reconnect::GaveUp) {
        end_reason_ = "FIX session ended: " + fix_.close_reason();
        return;
      }
    }
    if (kill.load(std::memory_order_relaxed)) risk_.kill("operator command (SIGUSR1)");
    // A tripped kill switch pulls the quotes too (after a reconnection, as soon as logged on).
    if (fix_.reconnections() != quotes_pulled_at_) pull_quotes_after_reconnection();
    if (risk_.killed() && (resting_.side(Side::Buy).live() || resting_.side(Side::Sell).live()))
      cancel_all_resting();
    if (open_.size() != 0) stats_.orders_unanswered += open_.expire(now.mono - kOrderTimeout);
    if (duration > 0 && now.mono - started >= duration) {
      end_reason_ = "duration reached";
      return;
    }
  }
  end_reason_ = "stopped by signal";
}

void Engine::shutdown() {
  cancel_all_resting();  // resting orders do not outlive the engine
  // Fills of an order still in flight arrive before the venue's Logout: they count.
  fix_.logout("engine stopping", kNanosPerSecond,
              [this](const fix::MessageView& m) { on_application_message(m); });
}

void Engine::request_retransmission(const moldudp64::SessionId& session, std::uint64_t first,
                                    std::uint16_t count) {
  if (!retransmit_socket_) return;  // the handler then gives up after its retries
  char request[moldudp64::kHeaderSize];
  wire::BigEndianWriter(request).bytes(session.data(), session.size()).u64(first).u16(count);
  boost::system::error_code ec;
  feeds_.back().send(asio::buffer(request, sizeof request), 0, ec);
}

VTB_HOT MarketView Engine::market_view(const feed::InstrumentBook& book) const {
  return MarketView(book, stats_, open_, resting_, orders_in_packet_);
}

// Inlined into the feed handler, as it was before strategies decided through one interface: most
// book updates decide nothing, and then cost a few instructions. Each strategy's view is made
// inside its own branch, so that one that is inlined and decides nothing stores none of it.
[[gnu::always_inline]] inline void Engine::on_book_update(std::uint64_t sequence,
                                                          std::uint16_t locate) {
  // The book tracks config_.symbol only (track_only): every update is about it.
  locate_ = locate;
  const feed::InstrumentBook& book = *feed_.book().instrument(locate);
  const Actions actions = std::visit(
      [&](const auto& strategy) { return strategy.on_book_update(market_view(book)); }, strategy_);
  if (!actions.empty()) act(actions, sequence, book);
}

VTB_HOT void Engine::on_trade_print(std::uint64_t sequence, const feed::TradePrint& print) {
  const feed::InstrumentBook& book = *feed_.book().instrument(print.locate);
  const Actions actions = std::visit(
      [&](const auto& strategy) { return strategy.on_trade_print(market_view(book), print); },
      strategy_);
  if (!actions.empty()) act(actions, sequence, book);
}

VTB_HOT void Engine::act(const Actions& actions, std::uint64_t trigger_sequence,
                         const feed::InstrumentBook& book) {
  if (feed_.gap_open()) {
    ++stats_.skipped_gap;  // the book may be wrong: do not trade on it
    return;
  }
  // A halted instrument takes no new order and no replace; pulling a quote is still right.
  const bool halted = book.halted();
  for (const Action& action : actions) {
    if (halted && action.kind != ActionKind::Cancel) [[unlikely]] {
      ++stats_.skipped_halted;
      continue;
    }
    switch (action.kind) {
      case ActionKind::New:
        place(action, trigger_sequence, book);
        break;
      case ActionKind::Replace:
        replace_resting(action, trigger_sequence, book);
        break;
      case ActionKind::Cancel:
        cancel_resting(action.side);
        break;
    }
  }
}

VTB_HOT void Engine::place(const Action& order, std::uint64_t trigger_sequence,
                           const feed::InstrumentBook& book) {
  if (!risk_accepts(order.side, order.price, order.quantity, open_.size(), book)) return;
  decided();
  char buffer[24];
  const auto id = send_order(order.rests ? resting_template_ : order_template_, order,
                             trigger_sequence, buffer);
  if (id && order.rests) resting_.sent_new(order.side, *id, order.price, order.quantity);
}

VTB_HOT bool Engine::risk_accepts(Side side, Price price, Quantity quantity, std::size_t open,
                                  const feed::InstrumentBook& book) {
  const auto bid = book.bids.best();
  const auto ask = book.asks.best();
  const Price mid = bid && ask ? (bid->price + ask->price) / 2 : 0;
  // The time recv() returned is recent enough for the rate limit.
  return risk_.check(side, price, quantity, stats_.position, open_.pending(side), open, mid,
                     tsc_.monotonic(packet_tsc_)) == RiskVerdict::Accept;
}

VTB_HOT void Engine::decided() {
  decided_tsc_ = tsc_.read();
}

VTB_HOT void Engine::written() {
  unsent_decided_[unsent_orders_++] = decided_tsc_;
  // The first order a packet triggers leaves at once; any later ones wait for the end of the
  // packet and share one send().
  if (++orders_in_packet_ == 1 || unsent_orders_ == unsent_decided_.size()) send_orders();
}

VTB_HOT std::string_view Engine::trigger_id(std::uint64_t trigger_sequence, char (&buffer)[24]) {
  trigger_orders_ = trigger_sequence == last_trigger_ ? trigger_orders_ + 1 : 1;
  last_trigger_ = trigger_sequence;
  int n = text::format_int(buffer, static_cast<std::int64_t>(trigger_sequence));
  if (trigger_orders_ > 1) {
    buffer[n++] = '-';
    n += text::format_int(buffer + n, trigger_orders_);
  }
  return {buffer, static_cast<std::size_t>(n)};
}

void Engine::replace_resting(const Action& replace, std::uint64_t trigger_sequence,
                             const feed::InstrumentBook& book) {
  const Quote& q = resting_.side(replace.side);
  if (!q.live()) return;
  // A replace adds no quantity and no open order.
  if (!risk_accepts(replace.side, replace.price, 0, open_.size() == 0 ? 0 : open_.size() - 1,
                    book)) {
    return;
  }
  decided();
  char buffer[24];
  const std::string_view id = trigger_id(trigger_sequence, buffer);
  const Now now = decision_now();
  if (!write_replace(fix_.session(), replace_template_, q.id.view(), id, replace.side,
                     replace.price, q.quantity, now)) {
    return;
  }
  resting_.sent_replace(replace.side, id, replace.price);
  ++stats_.replaces_sent;
  written();
}

void Engine::cancel_resting(Side side) {
  const Quote& q = resting_.side(side);
  fix::Session& session = fix_.session();
  if (!q.live()) return;
  // Not a tick-to-trade order: its ClOrdID says so ("C" and the message's MsgSeqNum).
  char buffer[24];
  buffer[0] = 'C';
  const int n =
      1 + text::format_int(buffer + 1, static_cast<std::int64_t>(session.next_outbound_seq()));
  const std::string_view id(buffer, static_cast<std::size_t>(n));
  const Now now = Now::read();
  if (!write_cancel(session, cancel_template_, q.id.view(), id, side, q.quantity, now)) return;
  resting_.sent_cancel(side, id);
  ++stats_.cancels_sent;
  fix_.flush();
}

// A replace or cancel in flight when the link went may or may not have reached the venue, so the
// quotes' ClOrdIDs there are not known for sure: one OrderMassCancelRequest for the symbol pulls
// whatever of ours rests, by whatever ClOrdID, and its reports end the quotes.
void Engine::pull_quotes_after_reconnection() {
  fix::Session& session = fix_.session();
  if (!session.active()) return;
  quotes_pulled_at_ = fix_.reconnections();
  if (resting_.side(Side::Buy).state == QuoteState::None &&
      resting_.side(Side::Sell).state == QuoteState::None)
    return;
  char buffer[24];
  buffer[0] = 'M';
  const int n =
      1 + text::format_int(buffer + 1, static_cast<std::int64_t>(session.next_outbound_seq()));
  const std::string_view id(buffer, static_cast<std::size_t>(n));
  const Now now = Now::read();
  fix::MessageWriter w = session.begin(fix::msg_type::OrderMassCancelRequest, now);
  w.field(fix::tag::ClOrdID, id);
  w.field(fix::tag::MassCancelRequestType, "1");  // the orders in Symbol(55)
  w.field(fix::tag::Symbol, config_.symbol);
  w.field_timestamp(fix::tag::TransactTime, now.wall, fix::TimestampPrecision::Millis);
  if (!session.send(w, now)) return;
  resting_.sent_mass_cancel();
  ++stats_.mass_cancels_sent;
  fix_.flush();
}

void Engine::cancel_all_resting() {
  cancel_resting(Side::Buy);
  cancel_resting(Side::Sell);
}

VTB_HOT std::optional<std::string_view> Engine::send_order(const fix::MessageTemplate& order,
                                                           const Action& action,
                                                           std::uint64_t trigger_sequence,
                                                           char (&id_buffer)[24]) {
  const std::string_view id = trigger_id(trigger_sequence, id_buffer);
  const Now now = decision_now();
  fix::Session& session = fix_.session();
  if (!write_new_order(session, order, id, action.side, action.price, action.quantity, now)) {
    ++stats_.not_sent;
    return std::nullopt;
  }
  const std::uint64_t msg_seq_num = session.next_outbound_seq() - 1;
  written();  // sends the packet's first order: the bookkeeping below can wait for that
  open_.add(id, action.side, action.quantity, now.mono, msg_seq_num);
  ++stats_.orders_sent;
  return id;
}

VTB_HOT Now Engine::decision_now() const {
  // SendingTime from the turn's wall clock, moved on by the TSC: no clock call.
  const Nanos mono = tsc_.monotonic(decided_tsc_);
  return {mono, turn_now_.wall + (mono - turn_now_.mono)};
}

void Engine::on_application_message(const fix::MessageView& message) {
  const std::string_view type = message.msg_type();
  if (type == fix::msg_type::Reject || type == fix::msg_type::BusinessMessageReject) {
    // The venue refused our message, at the session level or before it was an order (its rate
    // limit, for one); if it was an order in flight, that order is dead.
    ++(type == fix::msg_type::Reject ? stats_.session_rejects : stats_.business_rejects);
    if (message.get(tag::RefMsgType) == fix::msg_type::NewOrderSingle) {
      const auto seq = text::parse_int(message.get(tag::RefSeqNum).value_or(""));
      if (seq) open_.close_by_msg_seq(static_cast<std::uint64_t>(*seq));
    }
    return;
  }
  const bool report = message.msg_type() == fix::msg_type::ExecutionReport;
  if (!report && message.msg_type() != fix::msg_type::OrderCancelReject) return;
  std::string_view exec_type, ord_status, cl_ord_id, orig_cl_ord_id, side;
  std::int64_t last_qty = 0, leaves = 0;
  for (const fix::Field& f : message) {
    switch (f.tag) {
      case tag::ExecType:
        exec_type = f.value;
        break;
      case tag::OrdStatus:
        ord_status = f.value;
        break;
      case tag::ClOrdID:
        cl_ord_id = f.value;
        break;
      case tag::OrigClOrdID:
        orig_cl_ord_id = f.value;
        break;
      case tag::Side:
        side = f.value;
        break;
      case tag::LastQty:
        last_qty = text::parse_int(f.value).value_or(0);
        break;
      case tag::LeavesQty:
        leaves = text::parse_int(f.value).value_or(0);
        break;
      default:
        break;
    }
  }
  const char status = ord_status.size() == 1 ? ord_status[0] : '\0';
  const bool final_state = ends_order(status);
  resting_.apply(QuoteReport{message.msg_type()[0], exec_type.size() == 1 ? exec_type[0] : '\0',
                             status, cl_ord_id, orig_cl_ord_id, leaves});
  if (!report) {
    if (final_state) open_.close(orig_cl_ord_id);  // the order was gone already
    return;
  }
  if (exec_type.size() != 1) return;
  namespace exec = fix::exec_type;
  switch (exec_type[0]) {
    case exec::New:
      ++stats_.acknowledged;
      open_.acknowledge(cl_ord_id);  // resting now: no longer at risk of going unanswered
      break;
    case exec::Replaced:
      open_.rename(orig_cl_ord_id, cl_ord_id);  // it goes by the new ClOrdID
      break;
    case exec::Trade:
    case exec::PartialFill:  // FIX 4.2's
    case exec::Fill:
      ++stats_.fills;
      stats_.filled_quantity += last_qty;
      stats_.position += side.size() == 1 && side[0] == fix::side::Buy ? last_qty : -last_qty;
      open_.fill(cl_ord_id, last_qty);
      break;
    case exec::Canceled:
      ++stats_.canceled;
      break;
    case exec::Rejected:
      ++stats_.rejected;
      break;
    default:
      break;
  }
  if (final_state) {
    open_.close(cl_ord_id);
    // A requested cancel's report names the cancel; the order is OrigClOrdID.
    if (!orig_cl_ord_id.empty()) open_.close(orig_cl_ord_id);
  }
}

EngineSummary Engine::summary() const {
  EngineSummary s;
  s.engine = stats_;
  s.strategy = strategy_name(config_.strategy);
  s.bid_live = resting_.side(Side::Buy).live();
  s.ask_live = resting_.side(Side::Sell).live();
  s.open_orders_at_end = open_.size();
  s.risk = risk_.stats();
  s.killed = risk_.killed();
  s.kill_reason = risk_.kill_reason();
  s.end_reason = end_reason_;
  s.fix_reconnections = fix_.reconnections();
  s.feed = feed_.stats();
  s.unknown_order_references = feed_.book().unknown_order_references();
  s.tick_to_trade = LatencySummary::of(
      tick_to_trade_, "recv() returned the triggering packet -> send() of the order is called",
      "clock", tsc_.source());
  s.tick_to_decision = LatencySummary::of(
      tick_to_decision_,
      "recv() returned the triggering packet -> the order is decided and passed risk", "clock",
      tsc_.source());
  s.decision_to_send = LatencySummary::of(
      decision_to_send_,
      "the order is decided -> send() is called (encoding; for the second and later orders of a "
      "packet, the rest of the packet)",
      "clock", tsc_.source());
  s.tick_to_trade_rx = LatencySummary::of(
      tick_to_trade_rx_,
      "the kernel's receive timestamp of the triggering packet -> send() of the order is called "
      "(--rx-timestamps)",
      "source", net::to_string(rx_source_));
  return s;
}

}  // namespace vtb::engine
