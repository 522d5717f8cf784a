#include "simulator/gateway/order_entry.hpp"

#include <algorithm>
#include <limits>

#include "common/fix/tags.hpp"
#include "common/fix/values.hpp"

namespace vtb::sim {

namespace {

namespace tag = fix::tag;
namespace exec_type = fix::exec_type;
namespace ord_status = fix::ord_status;
namespace msg_type = fix::msg_type;

// ThrottleMode=Queue: messages waiting for the rate, per session, before further ones are refused.
constexpr std::size_t kMaxQueuedMessages = 10'000;

// OrdStatus of a live order that is not done: partially filled or new.
char working_status(const Order& order) {
  return order.executed > 0 ? ord_status::PartiallyFilled : ord_status::New;
}

// Side(54) of a request that names no live order, echoed when it is one character; 7 (Undisclosed)
// when it is absent or not.
char echoed_side(std::optional<std::string_view> side) {
  return side && side->size() == 1 ? (*side)[0] : fix::side::Undisclosed;
}

// A one-character field's value is `code`.
bool is(std::string_view value, char code) {
  return value.size() == 1 && value[0] == code;
}

SelfMatchPrevention self_match_prevention(const std::string& setting) {
  return setting == "CancelResting"    ? SelfMatchPrevention::CancelResting
         : setting == "CancelIncoming" ? SelfMatchPrevention::CancelIncoming
         : setting == "CancelBoth"     ? SelfMatchPrevention::CancelBoth
         : setting == "Decrement"      ? SelfMatchPrevention::Decrement
                                       : SelfMatchPrevention::None;
}

}  // namespace

const char* reject_cause_name(std::size_t cause) {
  static constexpr const char* kNames[kRejectCauses] = {"unknown_instrument",
                                                        "invalid_quantity",
                                                        "quantity_not_lot_multiple",
                                                        "quantity_too_large",
                                                        "invalid_price",
                                                        "price_too_high",
                                                        "price_not_tick_multiple",
                                                        "invalid_stop_price",
                                                        "stop_price_not_tick_multiple",
                                                        "stop_price_through_last_trade",
                                                        "invalid_display_quantity",
                                                        "invalid_min_quantity",
                                                        "expire_time_not_in_future",
                                                        "market_closed",
                                                        "needs_continuous_trading",
                                                        "at_the_open_not_now",
                                                        "at_the_close_not_now",
                                                        "market_order_in_auction",
                                                        "price_outside_collar",
                                                        "order_capacity",
                                                        "duplicate_cl_ord_id",
                                                        "unsupported",
                                                        "scenario"};
  static_assert(kCoreRejectReasons == 20, "a name for every RejectReason, in its order");
  return cause < kRejectCauses ? kNames[cause] : "other";
}

OrderEntry::OrderEntry(MatchingEngine& engine, FixAcceptor& acceptor)
    : engine_(engine), acceptor_(acceptor) {
  for (const Instrument& i : engine.instruments())
    instruments_by_symbol_[i.symbol] = i.id;
  const std::size_t sessions = acceptor.session_count();
  live_by_cl_ord_id_.assign(sessions, ClOrdIdIndex());
  throttles_.assign(sessions, {});
  ack_delays_.resize(sessions);
  by_session_.resize(sessions);
  traits_.assign(sessions, {});
  for (std::size_t i = 0; i < sessions; ++i) {
    const fix::SessionConfig& c = acceptor.session(i).config();
    traits_[i] = SessionTraits{self_match_prevention(c.self_match_prevention),
                               c.max_messages_per_second,
                               c.throttle_queue,
                               c.drop_copy,
                               c.cancel_on_disconnect,
                               {c.begin_string == "FIX.4.2", c.begin_string == "FIXT.1.1"}};
    if (c.drop_copy) drop_copy_sessions_.push_back(i);
  }
}

bool OrderEntry::owned_by_session(const OrderRequest& request) const {
  return request.owner >= 1 && request.owner <= acceptor_.session_count();
}

std::uint32_t OrderEntry::allocate_context() {
  if (!free_contexts_.empty()) {
    const std::uint32_t slot = free_contexts_.back();
    free_contexts_.pop_back();
    return slot;
  }
  contexts_.emplace_back();
  return static_cast<std::uint32_t>(contexts_.size() - 1);
}

void OrderEntry::release_context(std::uint64_t slot) {
  OrderContext& context = contexts_[slot];
  if (context.session < live_by_cl_ord_id_.size()) {
    live_by_cl_ord_id_[context.session].erase(context.cl_ord_id, static_cast<std::uint32_t>(slot),
                                              cl_ord_id_of());
  }
  free_contexts_.push_back(static_cast<std::uint32_t>(slot));
}

void OrderEntry::on_message(std::size_t session, const fix::MessageView& message, Now now) {
  AckDelay& delay = ack_delays_[session];
  if (delay.delay > 0 || !delay.held.empty()) [[unlikely]] {
    Nanos due = now.mono + delay.delay;
    if (delay.jitter > 0) {
      const auto span = static_cast<std::uint64_t>(2 * delay.jitter + 1);
      due += static_cast<Nanos>(delay.random() % span) - delay.jitter;
    }
    if (!delay.held.empty()) due = std::max(due, delay.held.back().first);  // no overtaking
    delay.held.emplace_back(std::max(due, now.mono), std::string(message.bytes()));
    return;
  }
  admit(session, message, now);
}

void OrderEntry::admit(std::size_t session, const fix::MessageView& message, Now now) {
  now_ = now;
  engine_.advance_time(now.wall);  // GTD expiries due before this message happen first
  Throttle& throttle = throttles_[session];
  const bool queue = traits_[session].throttle_queue;
  // In queue mode a message waits behind those already waiting, to keep the session's order.
  if (!(queue && !throttle.waiting.empty()) && within_rate(session, now)) {
    return handle(session, message, now);
  }
  if (queue && throttle.waiting.size() < kMaxQueuedMessages) {
    ++stats_.queued;
    throttle.waiting.emplace_back(message.bytes());
    return;
  }
  ++stats_.throttled;
  ++by_session_[session].throttled;
  business_reject(session, message, fix::business_reject_reason::Other,
                  queue ? "throttled: MaxMessagesPerSecond queue full"
                        : "throttled: more than MaxMessagesPerSecond",
                  now);
}

void OrderEntry::on_clock(Now now) {
  now_ = now;
  engine_.advance_time(now.wall);
  for (std::size_t session = 0; session < ack_delays_.size(); ++session)
    release_held(session, now.mono, now);
  for (std::size_t session = 0; session < throttles_.size(); ++session) {
    auto& waiting = throttles_[session].waiting;
    while (!waiting.empty() && within_rate(session, now)) {
      const std::string message = std::move(waiting.front());
      waiting.pop_front();
      handle(session, fix::MessageView(message), now);
    }
  }
}

void OrderEntry::handle(std::size_t session, const fix::MessageView& message, Now now) {
  if (input_listener_) input_listener_->on_message_begin(session, now, message.bytes());
  handle_message(session, message, now);
  if (input_listener_) input_listener_->on_message_end();
  if (message.msg_type() == msg_type::NewOrderSingle && !traits_[session].drop_copy)
    order_to_ack_.record(monotonic_ns() - now.mono);
}

void OrderEntry::replay(std::size_t session, std::string_view message, Now now) {
  replaying_ = true;
  now_ = now;
  handle_message(session, fix::MessageView(message), now);
  replaying_ = false;
}

void OrderEntry::handle_message(std::size_t session, const fix::MessageView& message, Now now) {
  const std::string_view type = message.msg_type();
  if (traits_[session].drop_copy) {
    return business_reject(session, message, fix::business_reject_reason::UnsupportedMessageType,
                           "drop-copy session: it receives copies of ExecutionReports and cannot "
                           "send orders",
                           now);
  }
  if (type == msg_type::NewOrderSingle) {
    new_order_single(session, message, now);
  } else if (type == msg_type::OrderCancelRequest || type == msg_type::OrderCancelReplaceRequest) {
    cancel_or_replace(session, message, type == msg_type::OrderCancelReplaceRequest, now);
  } else if (type == msg_type::OrderStatusRequest) {
    order_status(session, message, now);
  } else if (type == msg_type::OrderMassCancelRequest) {
    mass_cancel(session, message, now);
  } else if (type == msg_type::OrderMassStatusRequest && !traits_[session].version.fix42) {
    mass_status(session, message, now);  // FIX 4.2 has no such message
  } else {
    business_reject(session, message, fix::business_reject_reason::UnsupportedMessageType,
                    "Unsupported Message Type", now);
  }
}

void OrderEntry::new_order_single(std::size_t session, const fix::MessageView& message, Now now) {
  ++stats_.orders_received;
  ++by_session_[session].orders;
  auto decoded = decode_new_order(message);
  if (const auto* problem = std::get_if<SessionProblem>(&decoded)) {
    return session_reject(session, message, *problem, now);
  }
  DecodedOrder& order = std::get<DecodedOrder>(decoded);
  const std::uint32_t slot = allocate_context();
  OrderContext& context = contexts_[slot];
  context = OrderContext{session,
                         std::string(order.cl_ord_id),
                         order.ord_type,
                         order.time_in_force,
                         order.side,
                         0,
                         0,
                         {},
                         std::string(order.account),
                         ReplyRoute::of(message)};
  OrderRequest& request = order.request;
  request.owner = owner_of(session);
  request.owner_tag = slot;
  request.self_match = traits_[session].self_match;

  // Business-level problems: an ExecutionReport with ExecType=Rejected and a text saying why.
  const auto reject = [&](GatewayReject cause, int reason, const std::string& text) {
    ++stats_.orders_rejected;
    ++by_session_[session].rejects[static_cast<std::size_t>(cause)];
    send_report(
        context, nullptr, request,
        ReportFields{exec_type::Rejected, ord_status::Rejected, 0, 0, reason, text, order.symbol});
    release_context(slot);
  };
  // A ClOrdID names one live order of the session: cancels and replaces find it by that.
  if (reject_next_ != 0) [[unlikely]] {
    --reject_next_;
    return reject(GatewayReject::Scenario, fix::ord_rej_reason::Other, reject_text_);
  }
  if (live_by_cl_ord_id_[session].contains(context.cl_ord_id, cl_ord_id_of())) {
    return reject(GatewayReject::DuplicateClOrdId, fix::ord_rej_reason::DuplicateOrder,
                  "ClOrdID '" + context.cl_ord_id + "' is already used by a live order");
  }
  if (const auto problem = check_order(order, instruments_by_symbol_)) {
    return reject(GatewayReject::Unsupported, problem->reason, problem->text);
  }
  if (replaying_) {
    engine_.submit(request);
    return;
  }
  const Nanos submitted = monotonic_ns();
  engine_.submit(request);  // the listener callbacks send the reports
  matching_.record(monotonic_ns() - submitted);
}

void OrderEntry::release_held(std::size_t session, Nanos until, Now now) {
  auto& held = ack_delays_[session].held;
  while (!held.empty() && held.front().first <= until) {
    const std::string message = std::move(held.front().second);
    held.pop_front();
    admit(session, fix::MessageView(message), now);
  }
}

std::optional<Nanos> OrderEntry::next_release() const {
  std::optional<Nanos> earliest;
  for (const AckDelay& d : ack_delays_)
    if (!d.held.empty() && (!earliest || d.held.front().first < *earliest))
      earliest = d.held.front().first;
  return earliest;
}

void OrderEntry::set_throttle(std::size_t session, int per_second, bool queue) {
  traits_[session].max_messages_per_second = std::max(per_second, 0);
  traits_[session].throttle_queue = queue;
  throttles_[session].refilled_at = 0;  // a new limit starts with a full bucket
}

void OrderEntry::set_cancel_on_disconnect(std::size_t session, bool on) {
  traits_[session].cancel_on_disconnect = on;
}

void OrderEntry::set_ack_delay(std::size_t session, Nanos delay, Nanos jitter, std::uint64_t seed) {
  AckDelay& d = ack_delays_[session];
  d.delay = std::max<Nanos>(delay, 0);
  d.jitter = std::max<Nanos>(jitter, 0);
  d.random.seed(seed);
}

bool OrderEntry::within_rate(std::size_t session, Now now) {
  const int limit = traits_[session].max_messages_per_second;
  if (limit <= 0 || session >= throttles_.size()) return true;
  Throttle& t = throttles_[session];
  if (t.refilled_at == 0) t.tokens = limit;
  const double elapsed_s = static_cast<double>(now.mono - t.refilled_at) / kNanosPerSecond;
  t.tokens = std::min<double>(limit, t.tokens + elapsed_s * limit);
  t.refilled_at = now.mono;
  if (t.tokens < 1) return false;
  t.tokens -= 1;
  return true;
}

void OrderEntry::order_status(std::size_t session, const fix::MessageView& message, Now now) {
  ++stats_.status_requests;
  const auto cl_ord_id = message.get(tag::ClOrdID);
  if (!cl_ord_id) return session_reject(session, message, missing_tag(tag::ClOrdID), now);
  const auto found = live_by_cl_ord_id_[session].find(*cl_ord_id, cl_ord_id_of());
  const Order* order = found ? engine_.find(contexts_[*found].order_id) : nullptr;
  if (!order) {
    // Unknown (or no longer live): OrdStatus=8 with OrdRejReason 5, as FIX 4.4 answers.
    OrderContext unknown;
    unknown.session = session;
    unknown.cl_ord_id = std::string(cl_ord_id->substr(0, kMaxClOrdIdLength));
    unknown.route = ReplyRoute::of(message);
    unknown.side = echoed_side(message.get(tag::Side));
    const auto symbol = message.get(tag::Symbol).value_or("").substr(0, kMaxSymbolLength);
    return send_report(
        unknown, nullptr, OrderRequest{},
        ReportFields{exec_type::OrderStatus, ord_status::Rejected, 0, 0,
                     fix::ord_rej_reason::UnknownOrder, "no live order with that ClOrdID", symbol});
  }
  send_report(contexts_[*found], order, order->request,
              ReportFields{exec_type::OrderStatus, working_status(*order)});
}

// MassCancelRequestType(530): 1 every live order of the session in Symbol(55), 7 every live order
// of the session; Side(54) narrows either. Each canceled order gets its ExecutionReport.
void OrderEntry::mass_cancel(std::size_t session, const fix::MessageView& message, Now now) {
  namespace request_type = fix::mass_cancel_request_type;
  ++stats_.mass_cancels;
  const auto cl_ord_id = message.get(tag::ClOrdID);
  const auto type = message.get(tag::MassCancelRequestType);
  if (!cl_ord_id || !type) {
    return session_reject(session, message,
                          missing_tag(!cl_ord_id ? tag::ClOrdID : tag::MassCancelRequestType), now);
  }
  const auto symbol = message.get(tag::Symbol);
  const auto side = message.get(tag::Side);
  int reject_reason = -1;  // MassCancelRejectReason(532)
  const char* reject_text = "";
  InstrumentId instrument = 0;
  const bool by_security = is(*type, request_type::CancelOrdersForASecurity);
  if (!by_security && !is(*type, request_type::CancelAllOrders)) {
    reject_reason = fix::mass_cancel_reject_reason::MassCancelNotSupported;
    reject_text = "MassCancelRequestType(530) must be 1 (by symbol) or 7 (all orders)";
  } else if (by_security) {
    if (const auto known = instrument_of(symbol)) {
      instrument = *known;
    } else {
      reject_reason = fix::mass_cancel_reject_reason::InvalidOrUnknownSecurity;
      reject_text = "MassCancelRequestType(530)=1 needs a known Symbol(55)";
    }
  }
  std::vector<OrderId> orders;  // canceling edits the live orders: collect first
  if (reject_reason < 0) {
    for (const std::uint32_t slot : live_orders(session, instrument, side))
      orders.push_back(contexts_[slot].order_id);
  }
  std::size_t canceled = 0;
  for (const OrderId id : orders)
    canceled += engine_.cancel(id, owner_of(session)) == CancelResult::Canceled;
  fix::Session& s = acceptor_.session(session);
  fix::MessageWriter w = s.begin(msg_type::OrderMassCancelReport, now);
  ReplyRoute::of(message).write(w);
  w.field(tag::ClOrdID, cl_ord_id->substr(0, kMaxClOrdIdLength));
  const auto report_id = static_cast<std::int64_t>(next_exec_id_++);
  w.field_int(tag::OrderID, report_id);
  w.field(tag::MassCancelRequestType, type->substr(0, 1));
  // MassCancelResponse echoes the request type when accepted.
  if (reject_reason < 0) {
    w.field(tag::MassCancelResponse, type->substr(0, 1));
  } else {
    w.field_char(tag::MassCancelResponse, fix::mass_cancel_response::CancelRequestRejected);
  }
  // FIX 5.0SP2 names the report with MassActionReportID, required there.
  if (traits_[session].version.fixt) w.field_int(tag::MassActionReportID, report_id);
  if (reject_reason >= 0) w.field_int(tag::MassCancelRejectReason, reject_reason);
  w.field_int(tag::TotalAffectedOrders, static_cast<std::int64_t>(canceled));
  if (reject_reason >= 0) w.field(tag::Text, reject_text);
  s.send(w, now);
}

// MassStatusReqType(585): 1 the session's live orders in Symbol(55), 7 all of them; Side(54)
// narrows either. One ExecutionReport (ExecType=I) per order, oldest first, each with the
// MassStatusReqID and TotNumReports, the last with LastRptRequested=Y; with none to report, one
// report that says so (OrderID NONE, OrdStatus 8, as for an unknown order's status).
void OrderEntry::mass_status(std::size_t session, const fix::MessageView& message, Now now) {
  namespace request_type = fix::mass_status_req_type;
  ++stats_.mass_status_requests;
  const auto id = message.get(tag::MassStatusReqID);
  const auto type = message.get(tag::MassStatusReqType);
  if (!id || !type) {
    return session_reject(session, message,
                          missing_tag(!id ? tag::MassStatusReqID : tag::MassStatusReqType), now);
  }
  const auto symbol = message.get(tag::Symbol);
  const auto side = message.get(tag::Side);
  const bool by_security = *type == request_type::StatusForOrdersForASecurity;
  if (!by_security && *type != request_type::StatusForAllOrders) {
    return business_reject(session, message, fix::business_reject_reason::Other,
                           "MassStatusReqType(585)=" + std::string(type->substr(0, 8)) +
                               " is not supported: use 1 (by symbol) or 7 (all orders)",
                           now);
  }
  InstrumentId instrument = 0;
  if (by_security) {
    const auto known = instrument_of(symbol);
    if (!known) {
      return business_reject(session, message, fix::business_reject_reason::Other,
                             "MassStatusReqType(585)=1 needs a known Symbol(55)", now);
    }
    instrument = *known;
  }
  const std::vector<std::uint32_t> live = live_orders(session, instrument, side);
  const std::string_view req_id = id->substr(0, kMaxClOrdIdLength);
  const int total = static_cast<int>(live.size());
  for (int i = 0; i < total; ++i) {
    const OrderContext& context = contexts_[live[static_cast<std::size_t>(i)]];
    const Order* order = engine_.find(context.order_id);
    ReportFields fields{exec_type::OrderStatus, working_status(*order)};
    fields.mass_status_req_id = req_id;
    fields.total_reports = total;
    fields.last_report = i + 1 == total;
    send_report(context, order, order->request, fields);
  }
  if (total == 0) {
    OrderContext none;
    none.session = session;
    none.route = ReplyRoute::of(message);
    none.side = echoed_side(side);
    ReportFields fields{exec_type::OrderStatus,
                        ord_status::Rejected,
                        0,
                        0,
                        fix::ord_rej_reason::UnknownOrder,
                        "no live order matches the request"};
    fields.symbol = symbol ? symbol->substr(0, kMaxSymbolLength) : std::string_view("[N/A]");
    fields.mass_status_req_id = req_id;
    fields.total_reports = 0;
    fields.last_report = true;
    send_report(none, nullptr, OrderRequest{}, fields);
  }
}

std::optional<InstrumentId> OrderEntry::instrument_of(
    std::optional<std::string_view> symbol) const {
  if (!symbol) return std::nullopt;
  return find_instrument(instruments_by_symbol_, *symbol);
}

std::vector<std::uint32_t> OrderEntry::live_orders(std::size_t session, InstrumentId instrument,
                                                   std::optional<std::string_view> side) const {
  std::vector<std::pair<OrderId, std::uint32_t>> found;  // by OrderID: oldest first
  live_by_cl_ord_id_[session].for_each([&](std::uint32_t slot) {
    const OrderContext& context = contexts_[slot];
    const Order* order = engine_.find(context.order_id);
    if (!order || (instrument != 0 && order->request.instrument != instrument)) return;
    if (side && !is(*side, context.side)) return;
    found.emplace_back(context.fix_order_id, slot);
  });
  std::sort(found.begin(), found.end());
  std::vector<std::uint32_t> slots;
  for (const auto& [unused, slot] : found)
    slots.push_back(slot);
  return slots;
}

void OrderEntry::on_logout(std::size_t session, Now now) {
  // What the venue received before the connection went is taken now, before any cancel: held
  // orders must not reach the book after cancel-on-disconnect swept it.
  release_held(session, std::numeric_limits<Nanos>::max(), now);
  now_ = now;
  if (!traits_[session].cancel_on_disconnect) return;
  std::vector<OrderId> orders;  // canceling edits the map: collect first
  live_by_cl_ord_id_[session].for_each(
      [&](std::uint32_t slot) { orders.push_back(contexts_[slot].order_id); });
  for (const OrderId id : orders) {
    if (engine_.cancel(id, owner_of(session)) == CancelResult::Canceled) {
      ++stats_.canceled_on_disconnect;
      ++by_session_[session].canceled_on_disconnect;
    }
  }
}

void OrderEntry::cancel_or_replace(std::size_t session, const fix::MessageView& message,
                                   bool replace, Now now) {
  namespace reason = fix::cxl_rej_reason;
  ++(replace ? stats_.replace_requests : stats_.cancel_requests);
  ++(replace ? by_session_[session].replaces : by_session_[session].cancels);
  auto decoded = decode_change(message, replace);
  if (const auto* problem = std::get_if<SessionProblem>(&decoded)) {
    return session_reject(session, message, *problem, now);
  }
  const DecodedChange& change = std::get<DecodedChange>(decoded);
  const std::string_view cl_ord_id = change.cl_ord_id, orig = change.orig_cl_ord_id;
  auto& live = live_by_cl_ord_id_[session];
  const auto found = live.find(orig, cl_ord_id_of());
  if (!found) {
    return cancel_reject(session, message, cl_ord_id, orig, nullptr, replace, reason::UnknownOrder,
                         "no live order with ClOrdID '" + std::string(orig) + "'", now);
  }
  const std::uint32_t slot = *found;
  OrderContext& context = contexts_[slot];
  const Order* order = engine_.find(context.order_id);
  const Instrument* instrument = order ? engine_.instrument(order->request.instrument) : nullptr;
  if (!order || !instrument) {
    return cancel_reject(session, message, cl_ord_id, orig, &context, replace, reason::UnknownOrder,
                         "the order is no longer live", now);
  }
  if (cl_ord_id != orig && live.contains(cl_ord_id, cl_ord_id_of())) {
    return cancel_reject(
        session, message, cl_ord_id, orig, &context, replace, reason::DuplicateClOrdId,
        "ClOrdID '" + std::string(cl_ord_id) + "' is already used by a live order", now);
  }
  if (!is(change.side, context.side) || change.symbol != std::string_view(instrument->symbol)) {
    return cancel_reject(session, message, cl_ord_id, orig, &context, replace, reason::Other,
                         "Side(54) and Symbol(55) must be the order's", now);
  }
  Price new_price = order->request.price;
  Price new_stop = 0;  // unchanged
  if (replace) {
    // A bad OrderQty is reported once the order is found; a bad Price or StopPx after what
    // cannot change is checked.
    if (change.quantity_problem)
      return session_reject(session, message, *change.quantity_problem, now);
    if (!is(*change.ord_type, context.ord_type)) {
      return cancel_reject(session, message, cl_ord_id, orig, &context, replace, reason::Other,
                           "OrdType(40) cannot change", now);
    }
    const auto& tif = change.time_in_force;
    if (tif && !is(*tif, context.time_in_force)) {
      return cancel_reject(session, message, cl_ord_id, orig, &context, replace, reason::Other,
                           "TimeInForce(59) cannot change", now);
    }
    if (const char unsupported = change.unsupported_exec_inst) {
      return cancel_reject(session, message, cl_ord_id, orig, &context, replace, reason::Other,
                           "ExecInst(18)=" + std::string(1, unsupported) + " is not supported",
                           now);
    }
    if (change.price_problem) return session_reject(session, message, *change.price_problem, now);
    if (change.price) new_price = *change.price;
    if (change.stop) new_stop = *change.stop;
  }
  // The reports the core's callbacks send carry the new ClOrdID and this OrigClOrdID.
  const std::string previous = context.cl_ord_id;
  live.erase(orig, slot, cl_ord_id_of());
  context.orig_cl_ord_id = std::string(orig);
  context.cl_ord_id = std::string(cl_ord_id);
  live.insert(context.cl_ord_id, slot, cl_ord_id_of());
  if (!replace) {
    engine_.cancel(context.order_id, owner_of(session));
    return;
  }
  RejectReason why{};
  const ReplaceResult result = engine_.replace(context.order_id, owner_of(session), new_price,
                                               change.quantity, &why, new_stop);
  if (result == ReplaceResult::Rejected) {
    live.erase(context.cl_ord_id, slot, cl_ord_id_of());
    context.cl_ord_id = previous;
    context.orig_cl_ord_id.clear();
    live.insert(context.cl_ord_id, slot, cl_ord_id_of());
    cancel_reject(session, message, cl_ord_id, orig, &context, replace, reason::Other,
                  describe(why), now);
  }
}

void OrderEntry::cancel_reject(std::size_t session, const fix::MessageView& request,
                               std::string_view cl_ord_id, std::string_view orig_cl_ord_id,
                               const OrderContext* context, bool replace, int reason,
                               std::string_view text, Now now) {
  ++stats_.cancel_rejects;
  ++by_session_[session].cancel_rejects;
  const Order* order = context ? engine_.find(context->order_id) : nullptr;
  fix::Session& s = acceptor_.session(session);
  fix::MessageWriter w = s.begin(msg_type::OrderCancelReject, now);
  ReplyRoute::of(request).write(w);
  write_cancel_reject(w, traits_[session].version, cl_ord_id, orig_cl_ord_id,
                      context ? context->fix_order_id : 0,
                      order ? working_status(*order) : ord_status::Rejected, replace, reason, text);
  s.send(w, now);
}

void OrderEntry::session_reject(std::size_t session, const fix::MessageView& message,
                                const SessionProblem& problem, Now now) {
  ++stats_.session_rejects;
  ++by_session_[session].session_rejects;
  fix::Session& s = acceptor_.session(session);
  fix::MessageWriter w = s.begin(msg_type::Reject, now);
  ReplyRoute::of(message).write(w);
  w.field(tag::RefSeqNum, message.get(tag::MsgSeqNum).value_or("0"));
  w.field(tag::Text, fix::session_reject_text(problem.reason));
  w.field_int(tag::RefTagID, problem.ref_tag);
  w.field(tag::RefMsgType, message.msg_type());
  w.field_int(tag::SessionRejectReason, problem.reason);
  s.send(w, now);
}

void OrderEntry::business_reject(std::size_t session, const fix::MessageView& message, int reason,
                                 std::string_view text, Now now) {
  ++stats_.business_rejects;
  ++by_session_[session].business_rejects;
  fix::Session& s = acceptor_.session(session);
  fix::MessageWriter w = s.begin(msg_type::BusinessMessageReject, now);
  ReplyRoute::of(message).write(w);
  w.field(tag::RefSeqNum, message.get(tag::MsgSeqNum).value_or("0"));
  w.field(tag::Text, text);
  w.field(tag::RefMsgType, message.msg_type());
  // The business-level id of what was refused: its ClOrdID, when it has one.
  if (const auto id = message.get(tag::ClOrdID); id && !id->empty() && id->size() <= 64)
    w.field(tag::BusinessRejectRefID, *id);
  w.field_int(tag::BusinessRejectReason, reason);
  s.send(w, now);
}

void OrderEntry::send_report(const OrderContext& context, const Order* order,
                             const OrderRequest& request, const ReportFields& fields) {
  const std::uint64_t exec_id = next_exec_id_++;
  fix::Session& owner = acceptor_.session(context.session);
  if (reported_in(traits_[context.session].version, fields)) {
    // To a session that has gone (cancel-on-disconnect), stored for its next Logon's resend.
    ++stats_.execution_reports;
    ++by_session_[context.session].execution_reports;
    if (fields.exec_type == exec_type::Trade) {
      ++stats_.fills;
      ++by_session_[context.session].fills;
    }
    write_report(context.session, nullptr, exec_id, context, order, request, fields);
  }
  // Drop copies: the same report, marked as a copy and naming whose order it is. They go out
  // even when the owner's session has gone (cancel-on-disconnect).
  for (const std::size_t copy : drop_copy_sessions_) {
    if (copy == context.session || !acceptor_.session(copy).active() ||
        !reported_in(traits_[copy].version, fields)) {
      continue;
    }
    ++stats_.drop_copies;
    write_report(copy, &owner.config().target_comp_id, exec_id, context, order, request, fields);
  }
}

void OrderEntry::write_report(std::size_t session, const std::string* on_behalf_of,
                              std::uint64_t exec_id, const OrderContext& context,
                              const Order* order, const OrderRequest& request,
                              const ReportFields& fields) {
  fix::Session& s = acceptor_.session(session);
  const Instrument* instrument = engine_.instrument(request.instrument);
  fix::MessageWriter w = s.begin(msg_type::ExecutionReport, now_);
  // Header fields first: a drop copy names the order's session; the owner's copy goes back
  // where the order came from.
  if (on_behalf_of) {
    w.field(tag::OnBehalfOfCompID, *on_behalf_of);
  } else {
    context.route.write(w);
  }
  write_execution_report(w, traits_[session].version, exec_id, context, order, request,
                         instrument ? std::string_view(instrument->symbol) : std::string_view(),
                         fields, now_.wall, on_behalf_of != nullptr);
  const bool sent = s.active() ? s.send(w, now_) : s.store_for_resend(w, now_);
  if (!sent) ++stats_.reports_not_sent;  // bounded fields make this unreachable while logged on
}

void OrderEntry::on_accepted(const Order& order) {
  if (!owned_by_session(order.request)) return;
  OrderContext& context = contexts_[order.request.owner_tag];
  context.order_id = context.fix_order_id = order.id;
  live_by_cl_ord_id_[context.session].insert(
      context.cl_ord_id, static_cast<std::uint32_t>(order.request.owner_tag), cl_ord_id_of());
  send_report(context, &order, order.request, ReportFields{exec_type::New, ord_status::New});
}

// A replace the core applied: ExecType=5 (Replaced) with the new ClOrdID, quantity and price.
void OrderEntry::on_reduced(const Order& order, Quantity, Quantity) {
  on_amended(order);
}

void OrderEntry::on_amended(const Order& order) {
  if (!owned_by_session(order.request)) return;
  OrderContext& context = contexts_[order.request.owner_tag];
  send_report(context, &order, order.request,
              ReportFields{exec_type::Replaced, working_status(order)});
  context.orig_cl_ord_id.clear();
}

void OrderEntry::on_replaced(const Order& order, OrderId, bool) {
  if (!owned_by_session(order.request)) return;
  OrderContext& context = contexts_[order.request.owner_tag];
  context.order_id = order.id;
  send_report(context, &order, order.request,
              ReportFields{exec_type::Replaced, working_status(order)});
  context.orig_cl_ord_id.clear();
}

// Self-match Decrement: ExecType=D (Restated) with the smaller OrderQty and LeavesQty.
void OrderEntry::on_decremented(const Order& order, Quantity, Quantity, bool) {
  if (!owned_by_session(order.request)) return;
  ReportFields fields{exec_type::Restated, working_status(order)};
  fields.text = "self-match prevention: quantity decremented";
  fields.restatement_reason = fix::exec_restatement_reason::MarketOption;
  send_report(contexts_[order.request.owner_tag], &order, order.request, fields);
}

// The core moved an iceberg's next peak under a new id; the client's OrderID stays the first.
void OrderEntry::on_replenished(const Order& order, OrderId) {
  if (!owned_by_session(order.request)) return;
  contexts_[order.request.owner_tag].order_id = order.id;
}

// A stop order's trigger was reached: ExecType=L (Triggered or Activated by System).
void OrderEntry::on_triggered(const Order& order) {
  if (!owned_by_session(order.request)) return;
  send_report(contexts_[order.request.owner_tag], &order, order.request,
              ReportFields{exec_type::Triggered, working_status(order)});
}

void OrderEntry::on_rejected(const OrderRequest& request, RejectReason reason) {
  if (!owned_by_session(request)) return;
  ++stats_.orders_rejected;
  ++by_session_[contexts_[request.owner_tag].session].rejects[static_cast<std::size_t>(reason)];
  namespace rejected = fix::ord_rej_reason;
  const int code =
      reason == RejectReason::UnknownInstrument ? rejected::UnknownSymbol
      : (reason == RejectReason::InvalidQuantity ||
         reason == RejectReason::QuantityNotLotMultiple || reason == RejectReason::QuantityTooLarge)
          ? rejected::IncorrectQuantity
          : rejected::Other;
  send_report(
      contexts_[request.owner_tag], nullptr, request,
      ReportFields{exec_type::Rejected, ord_status::Rejected, 0, 0, code, describe(reason)});
  release_context(request.owner_tag);
}

void OrderEntry::on_trade(const Trade& trade) {
  for (const Order* order : {&trade.aggressor, &trade.resting}) {
    if (!owned_by_session(order->request)) continue;
    const char status = order->leaves == 0 ? ord_status::Filled : ord_status::PartiallyFilled;
    send_report(contexts_[order->request.owner_tag], order, order->request,
                ReportFields{.exec_type = exec_type::Trade,
                             .ord_status = status,
                             .last_quantity = trade.quantity,
                             .last_price = trade.price,
                             .match_number = trade.match_number});
    if (order->leaves == 0) release_context(order->request.owner_tag);
  }
}

void OrderEntry::on_canceled(const Order& order, Quantity, CancelReason reason, bool) {
  if (!owned_by_session(order.request)) return;
  if (reason == CancelReason::ReplacedToExecuted) {
    // A replace to no more than CumQty ends the order. FIX's order state matrices report it as
    // Replaced with OrdStatus Filled and OrderQty = CumQty: "filled" takes precedence over
    // "canceled".
    OrderRequest done = order.request;
    done.quantity = order.executed;
    send_report(contexts_[order.request.owner_tag], &order, done,
                ReportFields{exec_type::Replaced, ord_status::Filled, 0, 0, -1,
                             "replaced to no more than CumQty: order done"});
    release_context(order.request.owner_tag);
    return;
  }
  const char* text =
      reason == CancelReason::ImmediateOrCancel ? "IOC remainder canceled"
      : reason == CancelReason::FillOrKill      ? "FOK order could not be filled whole"
      : reason == CancelReason::SelfMatch       ? "self-match prevention"
      : reason == CancelReason::NoLiquidity     ? "no liquidity for market order"
      : reason == CancelReason::MinQuantity     ? "minimum quantity not available on arrival"
      : reason == CancelReason::Expired         ? "expire time reached"
      : reason == CancelReason::AuctionEnded ? "auction-only order: what its auction did not fill"
      : reason == CancelReason::DayEnded     ? "day order: the market closed"
      : reason == CancelReason::PriceCollar
          ? "price collar: the rest would trade too far from the reference price"
          : "";
  // Ends by time in force are Expired (C); every other end before a fill is Canceled.
  const bool expired = reason == CancelReason::Expired || reason == CancelReason::AuctionEnded ||
                       reason == CancelReason::DayEnded;
  static_assert(exec_type::Expired == ord_status::Expired &&
                exec_type::Canceled == ord_status::Canceled);
  const char code = expired ? exec_type::Expired : exec_type::Canceled;
  send_report(contexts_[order.request.owner_tag], &order, order.request,
              ReportFields{code, code, 0, 0, -1, text});
  release_context(order.request.owner_tag);
}

}  // namespace vtb::sim
