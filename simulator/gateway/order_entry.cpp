#include "simulator/gateway/order_entry.hpp"

#include "common/fix/tags.hpp"
#include "common/fix/utc_timestamp.hpp"
#include "common/text/decimal.hpp"

namespace vtb::sim {

namespace {

namespace tag = fix::tag;

// SessionRejectReason (373) values.
constexpr int kRequiredTagMissing = 1;
constexpr int kValueIncorrect = 5;
constexpr int kIncorrectDataFormat = 6;
// BusinessRejectReason (380).
constexpr int kUnsupportedMessageType = 3;
constexpr std::size_t kMaxClOrdIdLength = 64;
// Account(1) and the routing fields are echoed on reports up to this length.
constexpr std::size_t kMaxEchoedLength = 64;
constexpr std::size_t kMaxSymbolLength = 32;
// OrdRejReason (103), FIX 4.4.
constexpr int kUnknownSymbol = 1;
constexpr int kIncorrectQuantity = 13;
constexpr int kUnsupportedOrderCharacteristic = 11;
constexpr int kOtherReason = 99;
constexpr int kDuplicateOrder = 6;
// CxlRejReason (102).
constexpr int kUnknownOrder = 1;
constexpr int kDuplicateClOrdId = 6;
constexpr int kCancelOther = 99;
// ThrottleMode=Queue: messages waiting for the rate, per session, before further ones are refused.
constexpr std::size_t kMaxQueuedMessages = 10'000;
// ExecRestatementReason (378): 8 = Market (Exchange) Option.
constexpr int kRestatedByVenue = 8;

// Average price rounded half up to the price scale (4 decimals).
Price average_price(const Order& order) {
  if (order.executed == 0) return 0;
  return (order.executed_value + order.executed / 2) / order.executed;
}

// The order fields NewOrderSingle, OrderCancelRequest and OrderCancelReplaceRequest carry, as
// views into the message; absent ones are nullopt.
struct OrderFields {
  std::optional<std::string_view> orig_cl_ord_id, cl_ord_id, symbol, side, quantity, ord_type,
      price, tif, transact_time, stop_px, min_qty, max_floor, expire_time, expire_date, exec_inst,
      account;

  explicit OrderFields(const fix::MessageView& message) {
    for (const fix::Field& f : message) {
      switch (f.tag) {
        case tag::OrigClOrdID:
          orig_cl_ord_id = f.value;
          break;
        case tag::ClOrdID:
          cl_ord_id = f.value;
          break;
        case tag::Symbol:
          symbol = f.value;
          break;
        case tag::Side:
          side = f.value;
          break;
        case tag::OrderQty:
          quantity = f.value;
          break;
        case tag::OrdType:
          ord_type = f.value;
          break;
        case tag::Price:
          price = f.value;
          break;
        case tag::TimeInForce:
          tif = f.value;
          break;
        case tag::TransactTime:
          transact_time = f.value;
          break;
        case tag::StopPx:
          stop_px = f.value;
          break;
        case tag::MinQty:
          min_qty = f.value;
          break;
        case tag::MaxFloor:
          max_floor = f.value;
          break;
        case tag::ExpireTime:
          expire_time = f.value;
          break;
        case tag::ExpireDate:
          expire_date = f.value;
          break;
        case tag::ExecInst:
          exec_inst = f.value;
          break;
        case tag::Account:
          account = f.value;
          break;
        default:
          break;
      }
    }
  }
};

// ExecInst(18) values that ask nothing of an exchange's matching (broker handling, what to do on
// the broker's own failure): accepted and ignored. Every other instruction would change how the
// order trades, which the venue does not do: the order is rejected rather than traded plainly.
constexpr std::string_view kIgnoredExecInst = "15HQ";

// The first ExecInst value the venue does not take, or 0.
char unsupported_exec_inst(std::string_view exec_inst) {
  for (const char c : exec_inst) {
    if (c != ' ' && kIgnoredExecInst.find(c) == std::string_view::npos) return c;
  }
  return 0;
}

// ExpireDate(432), YYYYMMDD: the order lasts to the end of that day (UTC).
std::optional<Nanos> end_of_date(std::string_view date) {
  if (date.size() != 8) return std::nullopt;
  const auto midnight = fix::parse_utc_timestamp(std::string(date) + "-00:00:00");
  if (!midnight) return std::nullopt;
  return *midnight + 86'400 * kNanosPerSecond;
}

// Side(54) as the core sees it: 1 buys; 2, 5 (sell short) and 6 (sell short exempt) sell.
std::optional<Side> core_side(char side) {
  if (side == '1') return Side::Buy;
  if (side == '2' || side == '5' || side == '6') return Side::Sell;
  return std::nullopt;
}

}  // namespace

OrderEntry::Route OrderEntry::Route::of(const fix::MessageView& request) {
  Route route;
  for (const fix::Field& f : request) {
    if (f.value.size() > kMaxEchoedLength) continue;  // not echoed: a report must stay bounded
    std::string* to = f.tag == tag::SenderSubID            ? &route.target_sub_id
                      : f.tag == tag::DeliverToCompID      ? &route.on_behalf_of_comp_id
                      : f.tag == tag::DeliverToSubID       ? &route.on_behalf_of_sub_id
                      : f.tag == tag::DeliverToLocationID  ? &route.on_behalf_of_location_id
                      : f.tag == tag::OnBehalfOfCompID     ? &route.deliver_to_comp_id
                      : f.tag == tag::OnBehalfOfSubID      ? &route.deliver_to_sub_id
                      : f.tag == tag::OnBehalfOfLocationID ? &route.deliver_to_location_id
                                                           : nullptr;
    if (to) *to = f.value;
  }
  return route;
}

void OrderEntry::Route::write(fix::MessageWriter& w) const {
  const std::pair<int, const std::string*> fields[] = {
      {tag::TargetSubID, &target_sub_id},
      {tag::OnBehalfOfCompID, &on_behalf_of_comp_id},
      {tag::OnBehalfOfSubID, &on_behalf_of_sub_id},
      {tag::DeliverToCompID, &deliver_to_comp_id},
      {tag::DeliverToSubID, &deliver_to_sub_id},
      {tag::OnBehalfOfLocationID, &on_behalf_of_location_id},
      {tag::DeliverToLocationID, &deliver_to_location_id}};
  for (const auto& [t, value] : fields) {
    if (!value->empty()) w.field(t, *value);
  }
}

struct OrderEntry::ReportFields {
  char exec_type;
  char ord_status;
  Quantity last_quantity = 0;
  Price last_price = 0;
  int reject_reason = -1;
  std::string_view text{};
  std::string_view symbol{};       // as the client sent it, for rejects of unknown symbols
  int restatement_reason = -1;     // ExecRestatementReason(378)
  std::uint64_t match_number = 0;  // fills: the feed's match number, sent as TrdMatchID(880)
  // Answers to an OrderMassStatusRequest: its MassStatusReqID, how many reports it gets, and
  // whether this is the last.
  std::string_view mass_status_req_id{};
  int total_reports = -1;
  bool last_report = false;
};

OrderEntry::OrderEntry(MatchingEngine& engine) : engine_(engine) {
  for (const Instrument& i : engine.instruments())
    instruments_by_symbol_[i.symbol] = i.id;
  contexts_.reserve(1024);
}

void OrderEntry::attach(FixAcceptor& acceptor) {
  acceptor_ = &acceptor;
  const std::size_t sessions = acceptor.session_count();
  live_by_cl_ord_id_.assign(sessions, {});
  throttles_.assign(sessions, {});
  traits_.assign(sessions, {});
  drop_copy_sessions_.clear();
  for (std::size_t i = 0; i < sessions; ++i) {
    const fix::SessionConfig& c = acceptor.session(i).config();
    const std::string& smp = c.self_match_prevention;
    traits_[i] = SessionTraits{smp == "CancelResting"    ? SelfMatchPrevention::CancelResting
                               : smp == "CancelIncoming" ? SelfMatchPrevention::CancelIncoming
                               : smp == "CancelBoth"     ? SelfMatchPrevention::CancelBoth
                               : smp == "Decrement"      ? SelfMatchPrevention::Decrement
                                                         : SelfMatchPrevention::None,
                               c.max_messages_per_second,
                               c.throttle_queue,
                               c.drop_copy,
                               c.begin_string == "FIX.4.2",
                               c.begin_string == "FIXT.1.1"};
    if (c.drop_copy) drop_copy_sessions_.push_back(i);
  }
}

bool OrderEntry::owned_by_session(const OrderRequest& request) const {
  return acceptor_ && request.owner >= 1 && request.owner <= acceptor_->session_count();
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
    auto& live = live_by_cl_ord_id_[context.session];
    const auto it = live.find(context.cl_ord_id);
    if (it != live.end() && it->second == slot) live.erase(it);
  }
  context.in_use = false;
  free_contexts_.push_back(static_cast<std::uint32_t>(slot));
}

void OrderEntry::on_message(std::size_t session, const fix::MessageView& message, Now now) {
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
  business_reject(session, message, 0,
                  queue ? "throttled: MaxMessagesPerSecond queue full"
                        : "throttled: more than MaxMessagesPerSecond",
                  now);
}

void OrderEntry::on_clock(Now now) {
  now_ = now;
  engine_.advance_time(now.wall);
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
  const std::string_view type = message.msg_type();
  if (traits_[session].drop_copy) {
    return business_reject(session, message, kUnsupportedMessageType,
                           "drop-copy session: it receives copies of ExecutionReports and cannot "
                           "send orders",
                           now);
  }
  if (type == "D") {
    new_order_single(session, message, now);
  } else if (type == "F" || type == "G") {
    cancel_or_replace(session, message, type == "G", now);
  } else if (type == "H") {
    order_status(session, message, now);
  } else if (type == "q") {
    mass_cancel(session, message, now);
  } else if (type == "AF" && !traits_[session].fix42) {  // FIX 4.2 has no such message
    mass_status(session, message, now);
  } else {
    business_reject(session, message, kUnsupportedMessageType, "Unsupported Message Type", now);
  }
}

void OrderEntry::new_order_single(std::size_t session, const fix::MessageView& message, Now now) {
  ++stats_.orders_received;
  const OrderFields fields(message);
  const auto& [unused_orig, cl_ord_id, symbol, side, quantity, ord_type, price, tif, transact_time,
               stop_px, min_qty, max_floor, expire_time, expire_date, exec_inst, account] = fields;
  // Malformed messages get a session-level Reject, as a dictionary-validating FIX engine does.
  const std::pair<int, bool> required[] = {
      {tag::ClOrdID, cl_ord_id.has_value()},          {tag::Side, side.has_value()},
      {tag::TransactTime, transact_time.has_value()}, {tag::Symbol, symbol.has_value()},
      {tag::OrderQty, quantity.has_value()},          {tag::OrdType, ord_type.has_value()}};
  for (const auto& [field, present] : required) {
    if (!present)
      return session_reject(session, message, field, kRequiredTagMissing, "Required tag missing",
                            now);
  }
  // Bounded lengths: every ExecutionReport echoes these, and must fit a message.
  if (cl_ord_id->empty() || cl_ord_id->size() > kMaxClOrdIdLength) {
    return session_reject(session, message, tag::ClOrdID, kValueIncorrect,
                          "Value is incorrect (out of range) for this tag", now);
  }
  if (symbol->size() > kMaxSymbolLength) {
    return session_reject(session, message, tag::Symbol, kValueIncorrect,
                          "Value is incorrect (out of range) for this tag", now);
  }
  const auto qty = text::parse_int(*quantity);
  if (!qty) {
    return session_reject(session, message, tag::OrderQty, kIncorrectDataFormat,
                          "Incorrect data format for value", now);
  }
  std::optional<Price> limit;
  if (price) {
    limit = text::parse_price(*price);
    if (!limit) {
      return session_reject(session, message, tag::Price, kIncorrectDataFormat,
                            "Incorrect data format for value", now);
    }
  }
  std::optional<Price> stop;
  if (stop_px) {
    stop = text::parse_price(*stop_px);
    if (!stop) {
      return session_reject(session, message, tag::StopPx, kIncorrectDataFormat,
                            "Incorrect data format for value", now);
    }
  }
  std::optional<std::int64_t> minimum, floor;
  for (const auto& [field, value, parsed] :
       {std::tuple{tag::MinQty, min_qty, &minimum}, std::tuple{tag::MaxFloor, max_floor, &floor}}) {
    if (!value) continue;
    *parsed = text::parse_int(*value);
    if (!*parsed) {
      return session_reject(session, message, field, kIncorrectDataFormat,
                            "Incorrect data format for value", now);
    }
  }
  std::optional<Nanos> expire;
  if (expire_time) {
    expire = fix::parse_utc_timestamp(*expire_time);
    if (!expire) {
      return session_reject(session, message, tag::ExpireTime, kIncorrectDataFormat,
                            "Incorrect data format for value", now);
    }
  }
  std::optional<Nanos> expire_at_end_of;
  if (expire_date) {
    expire_at_end_of = end_of_date(*expire_date);
    if (!expire_at_end_of) {
      return session_reject(session, message, tag::ExpireDate, kIncorrectDataFormat,
                            "Incorrect data format for value", now);
    }
  }

  const std::uint32_t slot = allocate_context();
  OrderContext& context = contexts_[slot];
  context = OrderContext{
      session,
      std::string(*cl_ord_id),
      ord_type->size() == 1 ? (*ord_type)[0] : '?',
      tif && tif->size() == 1 ? (*tif)[0] : (tif ? '?' : '0'),
      side->size() == 1 ? (*side)[0] : '?',
      true,
      0,
      0,
      {},
      account && account->size() <= kMaxEchoedLength ? std::string(*account) : std::string(),
      Route::of(message)};
  // A ClOrdID names one live order of the session: cancels and replaces find it by that.
  const bool duplicate = live_by_cl_ord_id_[session].contains(context.cl_ord_id);

  OrderRequest request;
  request.side = core_side(context.side).value_or(Side::Buy);
  request.quantity = *qty;
  request.price = limit.value_or(0);
  request.stop_price = stop.value_or(0);
  request.min_quantity = minimum.value_or(0);
  request.display_quantity = floor.value_or(0);
  request.expire_time = expire.value_or(expire_at_end_of.value_or(0));
  request.owner = owner_of(session);
  request.owner_tag = slot;
  request.self_match = traits_[session].self_match;

  // Business-level problems: an ExecutionReport with ExecType=Rejected and a text saying why.
  const auto reject = [&](int reason, std::string text) {
    ++stats_.orders_rejected;
    send_report(context, nullptr, request, ReportFields{'8', '8', 0, 0, reason, text, *symbol});
    release_context(slot);
  };
  if (duplicate) {
    return reject(kDuplicateOrder,
                  "ClOrdID '" + context.cl_ord_id + "' is already used by a live order");
  }
  if (!core_side(context.side)) {
    return reject(kUnsupportedOrderCharacteristic,
                  "Side(54)=" + std::string(*side) +
                      " is not supported: use 1 (Buy), 2 (Sell), 5 (Sell short) or 6 (Sell short "
                      "exempt)");
  }
  if (account && account->size() > kMaxEchoedLength) {
    return reject(kOtherReason, "Account(1) is longer than 64 characters");
  }
  if (exec_inst) {
    if (const char unsupported = unsupported_exec_inst(*exec_inst)) {
      return reject(kUnsupportedOrderCharacteristic,
                    "ExecInst(18)=" + std::string(1, unsupported) +
                        " is not supported: the venue takes 1 (Not held), 5 (Held), H and Q "
                        "(system-failure instructions), which change nothing here");
    }
  }
  const auto instrument = instruments_by_symbol_.find(std::string(*symbol));
  if (instrument == instruments_by_symbol_.end()) {
    return reject(kUnknownSymbol, "unknown symbol '" + std::string(*symbol) + "'");
  }
  request.instrument = instrument->second;
  switch (context.ord_type) {
    case '1':
      request.type = OrderType::Market;
      break;
    case '2':
      request.type = OrderType::Limit;
      break;
    case '3':
      request.type = OrderType::Stop;
      break;
    case '4':
      request.type = OrderType::StopLimit;
      break;
    default:
      return reject(kUnsupportedOrderCharacteristic,
                    "OrdType(40)=" + std::string(*ord_type) +
                        " is not supported: use 1 (Market), 2 (Limit), 3 (Stop) or 4 (Stop Limit)");
  }
  const bool limited = request.type == OrderType::Limit || request.type == OrderType::StopLimit;
  if (limited && !limit)
    return reject(kOtherReason, "Price(44) is required with OrdType(40)=2 or 4");
  if (!limited && limit) return reject(kOtherReason, "Price(44) is only for OrdType(40)=2 or 4");
  if (is_stop(request) != stop.has_value()) {
    return reject(kOtherReason, "StopPx(99) is required with OrdType(40)=3 or 4, and only there");
  }
  switch (context.time_in_force) {
    case '0':
      request.time_in_force = TimeInForce::Day;
      break;
    case '1':
      request.time_in_force = TimeInForce::GoodTillCancel;
      break;
    case '3':
      request.time_in_force = TimeInForce::ImmediateOrCancel;
      break;
    case '4':
      request.time_in_force = TimeInForce::FillOrKill;
      break;
    case '6':
      request.time_in_force = TimeInForce::GoodTillDate;
      break;
    case '2':
      request.time_in_force = TimeInForce::AtTheOpen;
      break;
    case '7':
      request.time_in_force = TimeInForce::AtTheClose;
      break;
    default:
      return reject(kUnsupportedOrderCharacteristic,
                    "TimeInForce(59)=" + std::string(*tif) +
                        " is not supported: use 0 (Day), 1 (GTC), 2 (At the Opening), 3 (IOC), "
                        "4 (FOK), 6 (GTD) or 7 (At the Close)");
  }
  if (expire && expire_at_end_of) {
    return reject(kOtherReason, "ExpireTime(126) and ExpireDate(432): give one of them");
  }
  if ((request.time_in_force == TimeInForce::GoodTillDate) !=
      (expire.has_value() || expire_at_end_of.has_value())) {
    return reject(kOtherReason,
                  "ExpireTime(126) or ExpireDate(432) is required with TimeInForce(59)=6 (GTD), "
                  "and only there");
  }
  engine_.submit(request);  // the listener callbacks send the reports
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
  if (!cl_ord_id) {
    return session_reject(session, message, tag::ClOrdID, kRequiredTagMissing,
                          "Required tag missing", now);
  }
  const auto& live = live_by_cl_ord_id_[session];
  const auto found = live.find(std::string(*cl_ord_id));
  const Order* order =
      found == live.end() ? nullptr : engine_.find(contexts_[found->second].order_id);
  if (!order) {
    // Unknown (or no longer live): OrdStatus=8 with OrdRejReason 5, as FIX 4.4 answers.
    OrderContext unknown;
    unknown.session = session;
    unknown.cl_ord_id = std::string(cl_ord_id->substr(0, kMaxClOrdIdLength));
    unknown.route = Route::of(message);
    const auto side = message.get(tag::Side);
    unknown.side = side && side->size() == 1 ? (*side)[0] : '7';  // 7: undisclosed
    OrderRequest request;
    const auto symbol = message.get(tag::Symbol).value_or("").substr(0, kMaxSymbolLength);
    return send_report(unknown, nullptr, request,
                       ReportFields{'I', '8', 0, 0, 5, "no live order with that ClOrdID", symbol});
  }
  const char status = order->executed > 0 ? '1' : '0';
  send_report(contexts_[found->second], order, order->request, ReportFields{'I', status});
}

// MassCancelRequestType(530): 1 every live order of the session in Symbol(55), 7 every live order
// of the session; Side(54) narrows either. Each canceled order gets its ExecutionReport.
void OrderEntry::mass_cancel(std::size_t session, const fix::MessageView& message, Now now) {
  ++stats_.mass_cancels;
  const auto cl_ord_id = message.get(tag::ClOrdID);
  const auto type = message.get(tag::MassCancelRequestType);
  if (!cl_ord_id || !type) {
    return session_reject(session, message, !cl_ord_id ? tag::ClOrdID : tag::MassCancelRequestType,
                          kRequiredTagMissing, "Required tag missing", now);
  }
  const auto symbol = message.get(tag::Symbol);
  const auto side = message.get(tag::Side);
  int reject_reason = -1;  // MassCancelRejectReason(532)
  const char* reject_text = "";
  InstrumentId instrument = 0;
  if (*type != "1" && *type != "7") {
    reject_reason = 1;  // mass cancel not supported
    reject_text = "MassCancelRequestType(530) must be 1 (by symbol) or 7 (all orders)";
  } else if (*type == "1") {
    if (const auto known = instrument_of(symbol)) {
      instrument = *known;
    } else {
      reject_reason = 2;  // invalid or unknown security
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
  fix::Session& s = acceptor_->session(session);
  fix::MessageWriter w = s.begin("r", now);
  Route::of(message).write(w);
  w.field(tag::ClOrdID, cl_ord_id->substr(0, kMaxClOrdIdLength));
  const auto report_id = static_cast<std::int64_t>(next_exec_id_++);
  w.field_int(tag::OrderID, report_id);
  w.field(tag::MassCancelRequestType, type->substr(0, 1));
  w.field(tag::MassCancelResponse, reject_reason < 0 ? type->substr(0, 1) : "0");
  // FIX 5.0SP2 names the report with MassActionReportID, required there.
  if (traits_[session].fixt) w.field_int(tag::MassActionReportID, report_id);
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
  ++stats_.mass_status_requests;
  const auto id = message.get(tag::MassStatusReqID);
  const auto type = message.get(tag::MassStatusReqType);
  if (!id || !type) {
    return session_reject(session, message, !id ? tag::MassStatusReqID : tag::MassStatusReqType,
                          kRequiredTagMissing, "Required tag missing", now);
  }
  const auto symbol = message.get(tag::Symbol);
  const auto side = message.get(tag::Side);
  if (*type != "1" && *type != "7") {
    return business_reject(session, message, 0,
                           "MassStatusReqType(585)=" + std::string(type->substr(0, 8)) +
                               " is not supported: use 1 (by symbol) or 7 (all orders)",
                           now);
  }
  InstrumentId instrument = 0;
  if (*type == "1") {
    const auto known = instrument_of(symbol);
    if (!known) {
      return business_reject(session, message, 0,
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
    ReportFields fields{'I', order->executed > 0 ? '1' : '0'};
    fields.mass_status_req_id = req_id;
    fields.total_reports = total;
    fields.last_report = i + 1 == total;
    send_report(context, order, order->request, fields);
  }
  if (total == 0) {
    OrderContext none;
    none.session = session;
    none.route = Route::of(message);
    none.side = side && side->size() == 1 ? (*side)[0] : '7';  // 7: undisclosed
    ReportFields fields{'I', '8', 0, 0, 5, "no live order matches the request"};
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
  const auto it = instruments_by_symbol_.find(std::string(*symbol));
  if (it == instruments_by_symbol_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::uint32_t> OrderEntry::live_orders(std::size_t session, InstrumentId instrument,
                                                   std::optional<std::string_view> side) const {
  std::vector<std::pair<OrderId, std::uint32_t>> found;  // by OrderID: oldest first
  for (const auto& [unused, slot] : live_by_cl_ord_id_[session]) {
    const OrderContext& context = contexts_[slot];
    const Order* order = engine_.find(context.order_id);
    if (!order || (instrument != 0 && order->request.instrument != instrument)) continue;
    if (side && (side->size() != 1 || context.side != (*side)[0])) continue;
    found.emplace_back(context.fix_order_id, slot);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::uint32_t> slots;
  for (const auto& [unused, slot] : found)
    slots.push_back(slot);
  return slots;
}

void OrderEntry::on_logout(std::size_t session, Now now) {
  now_ = now;
  if (!acceptor_ || session >= live_by_cl_ord_id_.size() ||
      !acceptor_->session(session).config().cancel_on_disconnect) {
    return;
  }
  std::vector<OrderId> orders;  // canceling edits the map: collect first
  for (const auto& [cl_ord_id, slot] : live_by_cl_ord_id_[session])
    orders.push_back(contexts_[slot].order_id);
  for (const OrderId id : orders) {
    if (engine_.cancel(id, owner_of(session)) == CancelResult::Canceled) {
      ++stats_.canceled_on_disconnect;
    }
  }
}

void OrderEntry::cancel_or_replace(std::size_t session, const fix::MessageView& message,
                                   bool replace, Now now) {
  ++(replace ? stats_.replace_requests : stats_.cancel_requests);
  const OrderFields fields(message);
  const auto& [orig, cl_ord_id, symbol, side, quantity, ord_type, price, tif, unused_time, stop_px,
               unused_min, unused_floor, unused_expire, unused_date, exec_inst, unused_account] =
      fields;
  const std::pair<int, bool> required[] = {{tag::OrigClOrdID, orig.has_value()},
                                           {tag::ClOrdID, cl_ord_id.has_value()},
                                           {tag::Side, side.has_value()},
                                           {tag::Symbol, symbol.has_value()},
                                           {tag::OrderQty, !replace || quantity.has_value()},
                                           {tag::OrdType, !replace || ord_type.has_value()}};
  for (const auto& [field, present] : required) {
    if (!present)
      return session_reject(session, message, field, kRequiredTagMissing, "Required tag missing",
                            now);
  }
  if (cl_ord_id->empty() || cl_ord_id->size() > kMaxClOrdIdLength ||
      orig->size() > kMaxClOrdIdLength) {
    return session_reject(session, message, cl_ord_id->empty() ? tag::ClOrdID : tag::OrigClOrdID,
                          kValueIncorrect, "Value is incorrect (out of range) for this tag", now);
  }
  auto& live = live_by_cl_ord_id_[session];
  const auto found = live.find(std::string(*orig));
  if (found == live.end()) {
    return cancel_reject(session, message, *cl_ord_id, *orig, nullptr, replace, kUnknownOrder,
                         "no live order with ClOrdID '" + std::string(*orig) + "'", now);
  }
  const std::uint32_t slot = found->second;
  OrderContext& context = contexts_[slot];
  const Order* order = engine_.find(context.order_id);
  const Instrument* instrument = order ? engine_.instrument(order->request.instrument) : nullptr;
  if (!order || !instrument) {
    return cancel_reject(session, message, *cl_ord_id, *orig, &context, replace, kUnknownOrder,
                         "the order is no longer live", now);
  }
  if (*cl_ord_id != *orig && live.contains(std::string(*cl_ord_id))) {
    return cancel_reject(
        session, message, *cl_ord_id, *orig, &context, replace, kDuplicateClOrdId,
        "ClOrdID '" + std::string(*cl_ord_id) + "' is already used by a live order", now);
  }
  if (side->size() != 1 || (*side)[0] != context.side ||
      *symbol != std::string_view(instrument->symbol)) {
    return cancel_reject(session, message, *cl_ord_id, *orig, &context, replace, kCancelOther,
                         "Side(54) and Symbol(55) must be the order's", now);
  }
  Quantity new_quantity = 0;
  Price new_price = order->request.price;
  Price new_stop = 0;  // unchanged
  if (replace) {
    const auto qty = text::parse_int(*quantity);
    if (!qty) {
      return session_reject(session, message, tag::OrderQty, kIncorrectDataFormat,
                            "Incorrect data format for value", now);
    }
    new_quantity = *qty;
    if (ord_type->size() != 1 || (*ord_type)[0] != context.ord_type) {
      return cancel_reject(session, message, *cl_ord_id, *orig, &context, replace, kCancelOther,
                           "OrdType(40) cannot change", now);
    }
    if (tif && (tif->size() != 1 || (*tif)[0] != context.time_in_force)) {
      return cancel_reject(session, message, *cl_ord_id, *orig, &context, replace, kCancelOther,
                           "TimeInForce(59) cannot change", now);
    }
    if (const char unsupported = exec_inst ? unsupported_exec_inst(*exec_inst) : 0) {
      return cancel_reject(session, message, *cl_ord_id, *orig, &context, replace, kCancelOther,
                           "ExecInst(18)=" + std::string(1, unsupported) + " is not supported",
                           now);
    }
    if (price) {
      const auto parsed = text::parse_price(*price);
      if (!parsed) {
        return session_reject(session, message, tag::Price, kIncorrectDataFormat,
                              "Incorrect data format for value", now);
      }
      new_price = *parsed;
    }
    if (stop_px) {
      const auto parsed = text::parse_price(*stop_px);
      if (!parsed) {
        return session_reject(session, message, tag::StopPx, kIncorrectDataFormat,
                              "Incorrect data format for value", now);
      }
      new_stop = *parsed;
    }
  }
  // The reports the core's callbacks send carry the new ClOrdID and this OrigClOrdID.
  const std::string previous = context.cl_ord_id;
  live.erase(found);
  context.orig_cl_ord_id = std::string(*orig);
  context.cl_ord_id = std::string(*cl_ord_id);
  live[context.cl_ord_id] = slot;
  if (!replace) {
    engine_.cancel(context.order_id, owner_of(session));
    return;
  }
  RejectReason why{};
  const ReplaceResult result =
      engine_.replace(context.order_id, owner_of(session), new_price, new_quantity, &why, new_stop);
  if (result == ReplaceResult::Rejected) {
    live.erase(context.cl_ord_id);
    context.cl_ord_id = previous;
    context.orig_cl_ord_id.clear();
    live[previous] = slot;
    cancel_reject(session, message, *cl_ord_id, *orig, &context, replace, kCancelOther,
                  describe(why), now);
  }
}

void OrderEntry::cancel_reject(std::size_t session, const fix::MessageView& request,
                               std::string_view cl_ord_id, std::string_view orig_cl_ord_id,
                               const OrderContext* context, bool replace, int reason,
                               std::string_view text, Now now) {
  ++stats_.cancel_rejects;
  const Order* order = context ? engine_.find(context->order_id) : nullptr;
  fix::Session& s = acceptor_->session(session);
  fix::MessageWriter w = s.begin("9", now);
  Route::of(request).write(w);
  if (context) {
    w.field_int(tag::OrderID, static_cast<std::int64_t>(context->fix_order_id));
  } else {
    w.field(tag::OrderID, "NONE");
  }
  w.field(tag::ClOrdID, cl_ord_id);
  w.field(tag::OrigClOrdID, orig_cl_ord_id);
  w.field_char(tag::OrdStatus, !order ? '8' : order->executed > 0 ? '1' : '0');
  w.field_char(tag::CxlRejResponseTo, replace ? '2' : '1');
  // FIX 4.2 has reasons 0 to 3: what came later is Broker option (2) there; the Text says why.
  w.field_int(tag::CxlRejReason, traits_[session].fix42 && reason > 3 ? 2 : reason);
  w.field(tag::Text, text.substr(0, 256));
  s.send(w, now);
}

void OrderEntry::session_reject(std::size_t session, const fix::MessageView& message, int ref_tag,
                                int reason, std::string_view text, Now now) {
  ++stats_.session_rejects;
  fix::Session& s = acceptor_->session(session);
  fix::MessageWriter w = s.begin("3", now);
  Route::of(message).write(w);
  w.field(tag::RefSeqNum, message.get(tag::MsgSeqNum).value_or("0"));
  w.field(tag::Text, text);
  w.field_int(tag::RefTagID, ref_tag);
  w.field(tag::RefMsgType, message.msg_type());
  w.field_int(tag::SessionRejectReason, reason);
  s.send(w, now);
}

void OrderEntry::business_reject(std::size_t session, const fix::MessageView& message, int reason,
                                 std::string_view text, Now now) {
  ++stats_.business_rejects;
  fix::Session& s = acceptor_->session(session);
  fix::MessageWriter w = s.begin("j", now);
  Route::of(message).write(w);
  w.field(tag::RefSeqNum, message.get(tag::MsgSeqNum).value_or("0"));
  w.field(tag::Text, text);
  w.field(tag::RefMsgType, message.msg_type());
  w.field_int(tag::BusinessRejectReason, reason);
  s.send(w, now);
}

void OrderEntry::send_report(const OrderContext& context, const Order* order,
                             const OrderRequest& request, const ReportFields& fields) {
  const std::uint64_t exec_id = next_exec_id_++;
  fix::Session& owner = acceptor_->session(context.session);
  // No Triggered report in FIX 4.2: the stop's fills follow.
  const auto wanted = [&](std::size_t session) {
    return fields.exec_type != 'L' || !traits_[session].fix42;
  };
  if (owner.active() && wanted(context.session)) {
    ++stats_.execution_reports;
    if (fields.exec_type == 'F') ++stats_.fills;
    write_report(context.session, nullptr, exec_id, context, order, request, fields);
  }
  // Drop copies: the same report, marked as a copy and naming whose order it is. They go out
  // even when the owner's session has gone (cancel-on-disconnect).
  for (const std::size_t copy : drop_copy_sessions_) {
    if (copy == context.session || !acceptor_->session(copy).active() || !wanted(copy)) continue;
    ++stats_.drop_copies;
    write_report(copy, &owner.config().target_comp_id, exec_id, context, order, request, fields);
  }
}

void OrderEntry::write_report(std::size_t session, const std::string* on_behalf_of,
                              std::uint64_t exec_id, const OrderContext& context,
                              const Order* order, const OrderRequest& request,
                              const ReportFields& fields) {
  fix::Session& s = acceptor_->session(session);
  const Instrument* instrument = engine_.instrument(request.instrument);
  // FIX 4.2 says the same things with other values: fills are ExecType 1/2, a status report is
  // ExecTransType 3 with the order's status as ExecType, and several reason codes came later.
  const bool fix42 = traits_[session].fix42;
  char exec_type = fields.exec_type;
  int reject_reason = fields.reject_reason;
  int restatement_reason = fields.restatement_reason;
  if (fix42) {
    if (exec_type == 'F') exec_type = fields.ord_status == '2' ? '2' : '1';
    if (exec_type == 'I') exec_type = fields.ord_status;
    if (reject_reason > 8) reject_reason = 0;  // Broker / Exchange option; the Text says why
    if (restatement_reason > 5) restatement_reason = 4;  // Broker option
  }
  fix::MessageWriter w = s.begin("8", now_);
  // Header fields first: a drop copy names the order's session; the owner's copy goes back
  // where the order came from.
  if (on_behalf_of) {
    w.field(tag::OnBehalfOfCompID, *on_behalf_of);
  } else {
    context.route.write(w);
  }
  if (order) {
    w.field_int(tag::OrderID, static_cast<std::int64_t>(context.fix_order_id));
  } else {
    w.field(tag::OrderID, "NONE");
  }
  w.field(tag::ClOrdID, context.cl_ord_id);
  if (!context.orig_cl_ord_id.empty()) w.field(tag::OrigClOrdID, context.orig_cl_ord_id);
  if (!fields.mass_status_req_id.empty()) {
    w.field(tag::MassStatusReqID, fields.mass_status_req_id);
    w.field_int(tag::TotNumReports, fields.total_reports);
    if (fields.last_report) w.field_char(tag::LastRptRequested, 'Y');
  }
  w.field_int(tag::ExecID, static_cast<std::int64_t>(exec_id));
  if (fix42) w.field_char(tag::ExecTransType, fields.exec_type == 'I' ? '3' : '0');
  w.field_char(tag::ExecType, exec_type);
  w.field_char(tag::OrdStatus, fields.ord_status);
  if (!context.account.empty()) w.field(tag::Account, context.account);
  w.field(tag::Symbol, instrument ? std::string_view(instrument->symbol) : fields.symbol);
  w.field_char(tag::Side, context.side);
  w.field_int(tag::OrderQty, request.quantity);
  w.field_char(tag::OrdType, context.ord_type);
  if ((request.type == OrderType::Limit || request.type == OrderType::StopLimit) &&
      request.price > 0)
    w.field_price(tag::Price, request.price);
  if (is_stop(request) && request.stop_price > 0) w.field_price(tag::StopPx, request.stop_price);
  w.field_char(tag::TimeInForce, context.time_in_force);
  if (request.time_in_force == TimeInForce::GoodTillDate && request.expire_time > 0)
    w.field_timestamp(tag::ExpireTime, request.expire_time);
  if (fields.exec_type == 'F') {
    w.field_int(tag::LastQty, fields.last_quantity);
    w.field_price(tag::LastPx, fields.last_price);
    // The feed's match number ties the fill to its E/C message: TrdMatchID in FIX 5.0 and
    // later; FIX 4.4's report has no TrdMatchID, and SecondaryExecID is its field for the
    // execution's id at the exchange; FIX 4.2 has neither.
    if (!fix42 && fields.match_number != 0) {
      w.field_int(traits_[session].fixt ? tag::TrdMatchID : tag::SecondaryExecID,
                  static_cast<std::int64_t>(fields.match_number));
    }
  }
  w.field_int(tag::LeavesQty, order ? order->leaves : 0);
  w.field_int(tag::CumQty, order ? order->executed : 0);
  w.field_price(tag::AvgPx, order ? average_price(*order) : 0);
  w.field_timestamp(tag::TransactTime, now_.wall);
  if (reject_reason >= 0) w.field_int(tag::OrdRejReason, reject_reason);
  if (restatement_reason >= 0) w.field_int(tag::ExecRestatementReason, restatement_reason);
  if (!fields.text.empty()) w.field(tag::Text, fields.text);
  if (on_behalf_of && !fix42) w.field_char(tag::CopyMsgIndicator, 'Y');
  if (!s.send(w, now_)) ++stats_.reports_not_sent;  // bounded fields make this unreachable
}

void OrderEntry::on_accepted(const Order& order) {
  if (!owned_by_session(order.request)) return;
  OrderContext& context = contexts_[order.request.owner_tag];
  context.order_id = context.fix_order_id = order.id;
  live_by_cl_ord_id_[context.session][context.cl_ord_id] =
      static_cast<std::uint32_t>(order.request.owner_tag);
  send_report(context, &order, order.request, ReportFields{'0', '0'});
}

// A replace the core applied: ExecType=5 (Replaced) with the new ClOrdID, quantity and price.
void OrderEntry::on_reduced(const Order& order, Quantity, Quantity) {
  on_amended(order);
}

void OrderEntry::on_amended(const Order& order) {
  if (!owned_by_session(order.request)) return;
  OrderContext& context = contexts_[order.request.owner_tag];
  send_report(context, &order, order.request, ReportFields{'5', order.executed > 0 ? '1' : '0'});
  context.orig_cl_ord_id.clear();
}

void OrderEntry::on_replaced(const Order& order, OrderId, bool) {
  if (!owned_by_session(order.request)) return;
  OrderContext& context = contexts_[order.request.owner_tag];
  context.order_id = order.id;
  send_report(context, &order, order.request, ReportFields{'5', order.executed > 0 ? '1' : '0'});
  context.orig_cl_ord_id.clear();
}

// Self-match Decrement: ExecType=D (Restated) with the smaller OrderQty and LeavesQty.
void OrderEntry::on_decremented(const Order& order, Quantity, Quantity, bool) {
  if (!owned_by_session(order.request)) return;
  ReportFields fields{'D', order.executed > 0 ? '1' : '0'};
  fields.text = "self-match prevention: quantity decremented";
  fields.restatement_reason = kRestatedByVenue;
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
              ReportFields{'L', order.executed > 0 ? '1' : '0'});
}

void OrderEntry::on_rejected(const OrderRequest& request, RejectReason reason) {
  if (!owned_by_session(request)) return;
  ++stats_.orders_rejected;
  const int code =
      reason == RejectReason::UnknownInstrument ? kUnknownSymbol
      : (reason == RejectReason::InvalidQuantity ||
         reason == RejectReason::QuantityNotLotMultiple || reason == RejectReason::QuantityTooLarge)
          ? kIncorrectQuantity
          : kOtherReason;
  send_report(contexts_[request.owner_tag], nullptr, request,
              ReportFields{'8', '8', 0, 0, code, describe(reason)});
  release_context(request.owner_tag);
}

void OrderEntry::on_trade(const Trade& trade) {
  for (const Order* order : {&trade.aggressor, &trade.resting}) {
    if (!owned_by_session(order->request)) continue;
    const char status = order->leaves == 0 ? '2' : '1';
    send_report(contexts_[order->request.owner_tag], order, order->request,
                ReportFields{.exec_type = 'F',
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
                ReportFields{'5', '2', 0, 0, -1, "replaced to no more than CumQty: order done"});
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
  const char code = expired ? 'C' : '4';
  send_report(contexts_[order.request.owner_tag], &order, order.request,
              ReportFields{code, code, 0, 0, -1, text});
  release_context(order.request.owner_tag);
}

}  // namespace vtb::sim
