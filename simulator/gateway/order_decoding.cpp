#include "simulator/gateway/order_decoding.hpp"

#include "common/fix/tags.hpp"
#include "common/fix/utc_timestamp.hpp"
#include "common/fix/values.hpp"
#include "common/text/decimal.hpp"

namespace vtb::sim {

namespace {

namespace tag = fix::tag;
namespace reason = fix::session_reject_reason;
namespace rejected = fix::ord_rej_reason;

constexpr SessionProblem out_of_range(int tag) {
  return {tag, reason::ValueIsIncorrect};
}
constexpr SessionProblem bad_format(int tag) {
  return {tag, reason::IncorrectDataFormat};
}

// The order fields NewOrderSingle, OrderCancelRequest and OrderCancelReplaceRequest carry, as
// views into the message; absent ones are nullopt.
struct OrderFields {
  std::optional<std::string_view> orig_cl_ord_id, cl_ord_id, symbol, side, quantity, ord_type,
      price, tif, transact_time, stop_px, min_qty, max_floor, expire_time, expire_date, exec_inst,
      account;

  explicit OrderFields(const fix::MessageView& message) {
    for (const fix::Field& f : message) {
      std::optional<std::string_view>* field = nullptr;
      switch (f.tag) {
        case tag::OrigClOrdID:
          field = &orig_cl_ord_id;
          break;
        case tag::ClOrdID:
          field = &cl_ord_id;
          break;
        case tag::Symbol:
          field = &symbol;
          break;
        case tag::Side:
          field = &side;
          break;
        case tag::OrderQty:
          field = &quantity;
          break;
        case tag::OrdType:
          field = &ord_type;
          break;
        case tag::Price:
          field = &price;
          break;
        case tag::TimeInForce:
          field = &tif;
          break;
        case tag::TransactTime:
          field = &transact_time;
          break;
        case tag::StopPx:
          field = &stop_px;
          break;
        case tag::MinQty:
          field = &min_qty;
          break;
        case tag::MaxFloor:
          field = &max_floor;
          break;
        case tag::ExpireTime:
          field = &expire_time;
          break;
        case tag::ExpireDate:
          field = &expire_date;
          break;
        case tag::ExecInst:
          field = &exec_inst;
          break;
        case tag::Account:
          field = &account;
          break;
        default:
          break;
      }
      if (field) *field = f.value;
    }
  }
};

// ExecInst(18) values that ask nothing of an exchange's matching (broker handling, what to do on
// the broker's own failure): accepted and ignored. Every other instruction would change how the
// order trades, which the venue does not do: the order is rejected rather than traded plainly.
constexpr std::string_view kIgnoredExecInst = "15HQ";

char unsupported_exec_inst(std::optional<std::string_view> exec_inst) {
  if (!exec_inst) return 0;
  for (const char c : *exec_inst) {
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

char one_char(std::string_view value) {
  return value.size() == 1 ? value[0] : '?';
}

std::optional<OrderType> core_type(char ord_type) {
  switch (ord_type) {
    case fix::ord_type::Market:
      return OrderType::Market;
    case fix::ord_type::Limit:
      return OrderType::Limit;
    case fix::ord_type::Stop:
      return OrderType::Stop;
    case fix::ord_type::StopLimit:
      return OrderType::StopLimit;
    default:
      return std::nullopt;
  }
}

std::optional<TimeInForce> core_time_in_force(char tif) {
  namespace tif_code = fix::time_in_force;
  switch (tif) {
    case tif_code::Day:
      return TimeInForce::Day;
    case tif_code::GoodTillCancel:
      return TimeInForce::GoodTillCancel;
    case tif_code::ImmediateOrCancel:
      return TimeInForce::ImmediateOrCancel;
    case tif_code::FillOrKill:
      return TimeInForce::FillOrKill;
    case tif_code::GoodTillDate:
      return TimeInForce::GoodTillDate;
    case tif_code::AtTheOpening:
      return TimeInForce::AtTheOpen;
    case tif_code::AtTheClose:
      return TimeInForce::AtTheClose;
    default:
      return std::nullopt;
  }
}

// Side(54) as the core sees it: 1 buys; 2, 5 (sell short) and 6 (sell short exempt) sell.
std::optional<Side> core_side(char side) {
  if (side == fix::side::Buy) return Side::Buy;
  if (side == fix::side::Sell || side == fix::side::SellShort ||
      side == fix::side::SellShortExempt) {
    return Side::Sell;
  }
  return std::nullopt;
}

}  // namespace

std::optional<InstrumentId> find_instrument(const InstrumentsBySymbol& instruments,
                                            std::string_view symbol) {
  const auto it = instruments.find(symbol);
  if (it == instruments.end()) return std::nullopt;
  return it->second;
}

std::variant<SessionProblem, DecodedOrder> decode_new_order(const fix::MessageView& message) {
  const OrderFields f(message);
  const std::pair<int, bool> required[] = {
      {tag::ClOrdID, f.cl_ord_id.has_value()},          {tag::Side, f.side.has_value()},
      {tag::TransactTime, f.transact_time.has_value()}, {tag::Symbol, f.symbol.has_value()},
      {tag::OrderQty, f.quantity.has_value()},          {tag::OrdType, f.ord_type.has_value()}};
  for (const auto& [field, present] : required) {
    if (!present) return missing_tag(field);
  }
  if (f.cl_ord_id->empty() || f.cl_ord_id->size() > kMaxClOrdIdLength) {
    return out_of_range(tag::ClOrdID);
  }
  if (f.symbol->size() > kMaxSymbolLength) return out_of_range(tag::Symbol);
  const auto quantity = text::parse_int(*f.quantity);
  if (!quantity) return bad_format(tag::OrderQty);
  std::optional<Price> limit, stop;
  for (const auto& [field, value, parsed] :
       {std::tuple{tag::Price, f.price, &limit}, std::tuple{tag::StopPx, f.stop_px, &stop}}) {
    if (!value) continue;
    *parsed = text::parse_price(*value);
    if (!*parsed) return bad_format(field);
  }
  std::optional<std::int64_t> minimum, floor;
  for (const auto& [field, value, parsed] : {std::tuple{tag::MinQty, f.min_qty, &minimum},
                                             std::tuple{tag::MaxFloor, f.max_floor, &floor}}) {
    if (!value) continue;
    *parsed = text::parse_int(*value);
    if (!*parsed) return bad_format(field);
  }
  std::optional<Nanos> expire, expire_at_end_of;
  if (f.expire_time) {
    expire = fix::parse_utc_timestamp(*f.expire_time);
    if (!expire) return bad_format(tag::ExpireTime);
  }
  if (f.expire_date) {
    expire_at_end_of = end_of_date(*f.expire_date);
    if (!expire_at_end_of) return bad_format(tag::ExpireDate);
  }

  DecodedOrder order;
  order.cl_ord_id = *f.cl_ord_id;
  order.symbol = *f.symbol;
  if (f.account && f.account->size() <= kMaxEchoedLength) order.account = *f.account;
  order.account_length = f.account ? f.account->size() : 0;
  order.side = one_char(*f.side);
  order.ord_type = one_char(*f.ord_type);
  if (f.tif) order.time_in_force = one_char(*f.tif);
  order.side_sent = *f.side;
  order.ord_type_sent = *f.ord_type;
  order.time_in_force_sent = f.tif.value_or("");
  order.exec_inst = f.exec_inst;
  order.has_price = limit.has_value();
  order.has_stop = stop.has_value();
  order.has_expire_time = expire.has_value();
  order.has_expire_date = expire_at_end_of.has_value();
  OrderRequest& request = order.request;
  request.side = core_side(order.side).value_or(Side::Buy);
  request.quantity = *quantity;
  request.price = limit.value_or(0);
  request.stop_price = stop.value_or(0);
  request.min_quantity = minimum.value_or(0);
  request.display_quantity = floor.value_or(0);
  request.expire_time = expire.value_or(expire_at_end_of.value_or(0));
  return order;
}

std::optional<OrderProblem> check_order(DecodedOrder& order,
                                        const InstrumentsBySymbol& instruments) {
  OrderRequest& request = order.request;
  if (!core_side(order.side)) {
    return OrderProblem{rejected::UnsupportedOrderCharacteristic,
                        "Side(54)=" + std::string(order.side_sent) +
                            " is not supported: use 1 (Buy), 2 (Sell), 5 (Sell short) or 6 "
                            "(Sell short exempt)"};
  }
  if (order.account_length > kMaxEchoedLength) {
    return OrderProblem{rejected::Other, "Account(1) is longer than 64 characters"};
  }
  if (const char unsupported = unsupported_exec_inst(order.exec_inst)) {
    return OrderProblem{rejected::UnsupportedOrderCharacteristic,
                        "ExecInst(18)=" + std::string(1, unsupported) +
                            " is not supported: the venue takes 1 (Not held), 5 (Held), H and Q "
                            "(system-failure instructions), which change nothing here"};
  }
  const auto instrument = find_instrument(instruments, order.symbol);
  if (!instrument) {
    return OrderProblem{rejected::UnknownSymbol,
                        "unknown symbol '" + std::string(order.symbol) + "'"};
  }
  request.instrument = *instrument;
  const auto type = core_type(order.ord_type);
  if (!type) {
    return OrderProblem{
        rejected::UnsupportedOrderCharacteristic,
        "OrdType(40)=" + std::string(order.ord_type_sent) +
            " is not supported: use 1 (Market), 2 (Limit), 3 (Stop) or 4 (Stop Limit)"};
  }
  request.type = *type;
  const bool limited = request.type == OrderType::Limit || request.type == OrderType::StopLimit;
  if (limited && !order.has_price) {
    return OrderProblem{rejected::Other, "Price(44) is required with OrdType(40)=2 or 4"};
  }
  if (!limited && order.has_price) {
    return OrderProblem{rejected::Other, "Price(44) is only for OrdType(40)=2 or 4"};
  }
  if (is_stop(request) != order.has_stop) {
    return OrderProblem{rejected::Other,
                        "StopPx(99) is required with OrdType(40)=3 or 4, and only there"};
  }
  const auto tif = core_time_in_force(order.time_in_force);
  if (!tif) {
    return OrderProblem{rejected::UnsupportedOrderCharacteristic,
                        "TimeInForce(59)=" + std::string(order.time_in_force_sent) +
                            " is not supported: use 0 (Day), 1 (GTC), 2 (At the Opening), 3 "
                            "(IOC), 4 (FOK), 6 (GTD) or 7 (At the Close)"};
  }
  request.time_in_force = *tif;
  if (order.has_expire_time && order.has_expire_date) {
    return OrderProblem{rejected::Other, "ExpireTime(126) and ExpireDate(432): give one of them"};
  }
  if ((request.time_in_force == TimeInForce::GoodTillDate) !=
      (order.has_expire_time || order.has_expire_date)) {
    return OrderProblem{rejected::Other,
                        "ExpireTime(126) or ExpireDate(432) is required with TimeInForce(59)=6 "
                        "(GTD), and only there"};
  }
  return std::nullopt;
}

std::variant<SessionProblem, DecodedChange> decode_change(const fix::MessageView& message,
                                                          bool replace) {
  const OrderFields f(message);
  const std::pair<int, bool> required[] = {{tag::OrigClOrdID, f.orig_cl_ord_id.has_value()},
                                           {tag::ClOrdID, f.cl_ord_id.has_value()},
                                           {tag::Side, f.side.has_value()},
                                           {tag::Symbol, f.symbol.has_value()},
                                           {tag::OrderQty, !replace || f.quantity.has_value()},
                                           {tag::OrdType, !replace || f.ord_type.has_value()}};
  for (const auto& [field, present] : required) {
    if (!present) return missing_tag(field);
  }
  if (f.cl_ord_id->empty() || f.cl_ord_id->size() > kMaxClOrdIdLength ||
      f.orig_cl_ord_id->size() > kMaxClOrdIdLength) {
    return out_of_range(f.cl_ord_id->empty() ? tag::ClOrdID : tag::OrigClOrdID);
  }
  DecodedChange change;
  change.orig_cl_ord_id = *f.orig_cl_ord_id;
  change.cl_ord_id = *f.cl_ord_id;
  change.symbol = *f.symbol;
  change.side = *f.side;
  change.ord_type = f.ord_type;
  change.time_in_force = f.tif;
  if (!replace) return change;
  change.unsupported_exec_inst = unsupported_exec_inst(f.exec_inst);
  if (const auto quantity = text::parse_int(*f.quantity)) {
    change.quantity = *quantity;
  } else {
    change.quantity_problem = bad_format(tag::OrderQty);
  }
  for (const auto& [field, value, parsed] : {std::tuple{tag::Price, f.price, &change.price},
                                             std::tuple{tag::StopPx, f.stop_px, &change.stop}}) {
    if (!value || change.price_problem) continue;
    *parsed = text::parse_price(*value);
    if (!*parsed) change.price_problem = bad_format(field);
  }
  return change;
}

}  // namespace vtb::sim
