#include "simulator/feed_publisher/itch_publisher.hpp"

#include "common/itch/messages.hpp"

namespace vtb::sim {

ItchPublisher::ItchPublisher(const PublisherConfig& config, std::vector<Instrument> instruments,
                             DatagramSink& sink, FeedHistory* history)
    : config_(config),
      instruments_(std::move(instruments)),
      sink_(sink),
      history_(history),
      buffer_(config.max_payload),
      packet_(buffer_.data(), buffer_.size(), moldudp64::make_session(config.session)) {
  for (const Instrument& i : instruments_)
    symbols_.push_back(itch::make_symbol(i.symbol));
  packet_.start(next_sequence_);
  event_wall_ = wall_clock_ns();
}

namespace {

// ITCH 5.0's Price Variation Indicator: how far the near price is from the reference, in percent.
char price_variation(Price near, Price reference) {
  if (reference <= 0) return ' ';
  const double percent =
      100.0 * static_cast<double>(near > reference ? near - reference : reference - near) /
      static_cast<double>(reference);
  if (percent < 1) return 'L';
  if (percent < 10) return static_cast<char>('0' + static_cast<int>(percent));  // 1..9
  if (percent < 20) return 'A';
  if (percent < 30) return 'B';
  return 'C';
}

}  // namespace

itch::Header ItchPublisher::header(InstrumentId locate) const {
  itch::Header h;
  h.stock_locate = locate;
  h.timestamp = static_cast<std::uint64_t>(nanos_since_midnight(event_wall_));
  return h;
}

template <class Message>
void ItchPublisher::publish(const Message& message) {
  char* out = packet_.add_message(Message::kSize);
  if (!out) {
    flush(Now{monotonic_ns(), event_wall_});
    out = packet_.add_message(Message::kSize);
  }
  // Only a hold time needs to know when a packet opened: no clock read otherwise.
  if (packet_.count() == 1 && config_.flush_interval > 0) packet_opened_ = monotonic_ns();
  itch::encode(message, out);
  if (history_) history_->record(next_sequence_, std::string_view(out, Message::kSize));
  ++next_sequence_;
  ++stats_.messages;
}

void ItchPublisher::resume(std::uint64_t next_sequence) {
  next_sequence_ = next_sequence;
  packet_.start(next_sequence_);
}

void ItchPublisher::flush(Now now) {
  if (packet_.count() == 0) return;
  sink_.send(packet_.finish());
  ++stats_.packets;
  last_sent_ = now.mono;
  packet_.start(next_sequence_);
}

void ItchPublisher::after_input(Now now) {
  if (packet_.count() == 0) return;
  if (config_.flush_interval == 0 || now.mono - packet_opened_ >= config_.flush_interval) {
    flush(now);
  }
}

std::optional<Nanos> ItchPublisher::flush_deadline() const {
  if (packet_.count() == 0 || config_.flush_interval == 0) return std::nullopt;
  return packet_opened_ + config_.flush_interval;
}

void ItchPublisher::on_timer(Now now) {
  if (packet_.count() > 0) {
    flush(now);
  } else if (now.mono - last_sent_ >= config_.heartbeat_interval) {
    // The heartbeat's own buffer use is safe: the packet under construction is empty.
    sink_.send(packet_.heartbeat(next_sequence_));
    ++stats_.heartbeats;
    last_sent_ = now.mono;
  }
}

void ItchPublisher::system_event(char code, Nanos wall) {
  event_wall_ = wall;
  itch::SystemEvent m;
  m.header = header(0);
  m.event_code = code;
  publish(m);
}

void ItchPublisher::start_of_day(Now now) {
  system_event('O', now.wall);
  for (const Instrument& instrument : instruments_) {
    itch::StockDirectory m;
    m.header = header(instrument.id);
    m.stock = symbols_[instrument.id - 1];
    m.round_lot_size = static_cast<std::uint32_t>(instrument.lot_size);
    publish(m);
  }
  system_event('S', now.wall);
  system_event('Q', now.wall);
  flush(now);
}

void ItchPublisher::end_of_day(Now now) {
  system_event('M', now.wall);
  system_event('E', now.wall);
  system_event('C', now.wall);
  flush(now);
  sink_.send(packet_.end_of_session(next_sequence_));
  packet_.start(next_sequence_);
}

void ItchPublisher::on_booked(const Order& order) {
  event_wall_ = wall_clock_ns();
  add_order(order);
}

// The previous peak was executed away (and so removed) on the feed; the next one is a new order.
void ItchPublisher::on_replenished(const Order& order, OrderId) {
  event_wall_ = wall_clock_ns();
  add_order(order);
}

void ItchPublisher::add_order(const Order& order) {
  itch::AddOrder m;
  m.header = header(order.request.instrument);
  m.order_reference = order.id;
  m.side = order.request.side == Side::Buy ? 'B' : 'S';
  m.shares = static_cast<std::uint32_t>(order.displayed);
  m.stock = symbols_[order.request.instrument - 1];
  m.price = static_cast<std::uint32_t>(order.request.price);
  if (const Mpid* mpid = attributions_ ? attributions_->find(order.request.owner) : nullptr) {
    publish(itch::attributed(m, *mpid));
  } else {
    publish(m);
  }
}

// Executions are of what the feed showed: an iceberg's hidden part never appeared there.
void ItchPublisher::on_trade(const Trade& trade) {
  event_wall_ = wall_clock_ns();
  if (!trade.auction) {
    itch::OrderExecuted m;
    m.header = header(trade.resting.request.instrument);
    m.order_reference = trade.resting.id;
    m.executed_shares = static_cast<std::uint32_t>(trade.resting_shown);
    m.match_number = trade.match_number;
    publish(m);
    return;
  }
  // Both orders were on the book. Non-printable: the Cross Trade carries the volume.
  if (auction_match_ == 0) auction_match_ = trade.match_number;
  for (const auto& [order, shown] : {std::pair{&trade.aggressor, trade.aggressor_shown},
                                     std::pair{&trade.resting, trade.resting_shown}}) {
    if (shown <= 0) continue;
    itch::OrderExecutedWithPrice m;
    m.header = header(order->request.instrument);
    m.order_reference = order->id;
    m.executed_shares = static_cast<std::uint32_t>(shown);
    m.match_number = trade.match_number;
    m.printable = 'N';
    m.execution_price = static_cast<std::uint32_t>(trade.price);
    publish(m);
  }
}

void ItchPublisher::on_auction(InstrumentId instrument, AuctionKind kind, Price price,
                               Quantity volume) {
  event_wall_ = wall_clock_ns();
  itch::CrossTrade m;
  m.header = header(instrument);
  m.shares = static_cast<std::uint64_t>(volume);
  m.stock = symbols_[instrument - 1];
  m.cross_price = static_cast<std::uint32_t>(price);
  m.match_number = auction_match_;
  m.cross_type = kind == AuctionKind::Opening ? 'O' : kind == AuctionKind::Closing ? 'C' : 'H';
  publish(m);
  auction_match_ = 0;
}

// Far and near price are the same: the venue has one book, with no imbalance-only orders. The
// price variation compares the near price with the reference, in the specification's bands.
void ItchPublisher::imbalance(InstrumentId instrument, TradingPhase phase,
                              const AuctionQuote& auction, Price reference) {
  event_wall_ = wall_clock_ns();
  itch::NetOrderImbalance m;
  m.header = header(instrument);
  m.stock = symbols_[instrument - 1];
  m.cross_type = phase == TradingPhase::PreClose ? 'C' : phase == TradingPhase::Halted ? 'H' : 'O';
  m.current_reference_price = static_cast<std::uint32_t>(reference);
  if (auction.volume == 0) {
    m.imbalance_direction = 'O';  // nothing would cross: insufficient orders
  } else {
    m.paired_shares = static_cast<std::uint64_t>(auction.volume);
    m.imbalance_shares =
        static_cast<std::uint64_t>(auction.surplus < 0 ? -auction.surplus : auction.surplus);
    m.imbalance_direction = auction.surplus > 0 ? 'B' : auction.surplus < 0 ? 'S' : 'N';
    m.far_price = m.near_price = static_cast<std::uint32_t>(auction.price);
    m.price_variation_indicator = price_variation(auction.price, reference);
  }
  publish(m);
  ++stats_.imbalances;
}

void ItchPublisher::on_phase(InstrumentId instrument, TradingPhase phase) {
  if (phase == TradingPhase::Closed) return;  // the day's end is a System Event
  event_wall_ = wall_clock_ns();
  itch::StockTradingAction m;
  m.header = header(instrument);
  m.stock = symbols_[instrument - 1];
  m.trading_state = phase == TradingPhase::Continuous ? 'T'
                    : phase == TradingPhase::Halted   ? 'H'
                                                      : 'Q';  // a call: quotation only
  publish(m);
}

// A quantity decrease that keeps priority: Order Cancel ('X') of the shown shares taken off
// (none when only an iceberg's hidden part shrank, or the order is a pending stop).
void ItchPublisher::on_reduced(const Order& order, Quantity, Quantity shown_reduced_by) {
  cancel_shares(order, shown_reduced_by);
}

void ItchPublisher::on_decremented(const Order& order, Quantity, Quantity shown_reduced_by,
                                   bool was_booked) {
  if (was_booked) cancel_shares(order, shown_reduced_by);
}

void ItchPublisher::cancel_shares(const Order& order, Quantity shares) {
  if (shares <= 0) return;
  event_wall_ = wall_clock_ns();
  itch::OrderCancel m;
  m.header = header(order.request.instrument);
  m.order_reference = order.id;
  m.cancelled_shares = static_cast<std::uint32_t>(shares);
  publish(m);
}

// A replace that loses priority and rests: Order Replace ('U') to the new reference. One that
// crosses trades as an aggressor, which the feed never shows on the book: the old order is
// deleted, and whatever remains is added (on_booked) after the executions.
void ItchPublisher::on_replaced(const Order& order, OrderId old_id, bool will_trade) {
  event_wall_ = wall_clock_ns();
  if (will_trade) {
    itch::OrderDelete m;
    m.header = header(order.request.instrument);
    m.order_reference = old_id;
    publish(m);
    return;
  }
  itch::OrderReplace m;
  m.header = header(order.request.instrument);
  m.original_order_reference = old_id;
  m.new_order_reference = order.id;
  m.shares = static_cast<std::uint32_t>(order.displayed);
  m.price = static_cast<std::uint32_t>(order.request.price);
  publish(m);
}

void ItchPublisher::on_canceled(const Order& order, Quantity, CancelReason, bool was_booked) {
  if (!was_booked) return;  // never shown on the feed
  event_wall_ = wall_clock_ns();
  itch::OrderDelete m;
  m.header = header(order.request.instrument);
  m.order_reference = order.id;
  publish(m);
}

}  // namespace vtb::sim
