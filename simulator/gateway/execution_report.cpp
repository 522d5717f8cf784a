#include "simulator/gateway/execution_report.hpp"

#include "common/fix/tags.hpp"
#include "common/fix/values.hpp"

namespace vtb::sim {

namespace {

namespace tag = fix::tag;
namespace exec_type = fix::exec_type;

// Average price rounded half up to the price scale (4 decimals).
Price average_price(const Order& order) {
  if (order.executed == 0) return 0;
  return (order.executed_value + order.executed / 2) / order.executed;
}

// ExecType in FIX 4.2's vocabulary: fills say whether they filled the order, and a status
// report's ExecType is the order's status.
char fix42_exec_type(const ReportFields& fields) {
  if (fields.exec_type == exec_type::Trade) {
    return fields.ord_status == fix::ord_status::Filled ? exec_type::Fill : exec_type::PartialFill;
  }
  if (fields.exec_type == exec_type::OrderStatus) return fields.ord_status;
  return fields.exec_type;
}

}  // namespace

bool reported_in(ReportVersion version, const ReportFields& fields) {
  return fields.exec_type != exec_type::Triggered || !version.fix42;
}

void write_execution_report(fix::MessageWriter& w, ReportVersion version, std::uint64_t exec_id,
                            const OrderContext& context, const Order* order,
                            const OrderRequest& request, std::string_view symbol,
                            const ReportFields& fields, Nanos transact_time, bool copy) {
  const bool fix42 = version.fix42;
  int reject_reason = fields.reject_reason;
  int restatement_reason = fields.restatement_reason;
  if (fix42) {
    // Reasons FIX 4.2 does not have are its Broker option; the Text says why.
    if (reject_reason > fix::ord_rej_reason::LastInFix42) {
      reject_reason = fix::ord_rej_reason::BrokerOption;
    }
    if (restatement_reason > fix::exec_restatement_reason::LastInFix42) {
      restatement_reason = fix::exec_restatement_reason::BrokerOption;
    }
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
  if (fix42) {
    w.field_char(tag::ExecTransType, fields.exec_type == exec_type::OrderStatus
                                         ? fix::exec_trans_type::Status
                                         : fix::exec_trans_type::New);
  }
  w.field_char(tag::ExecType, fix42 ? fix42_exec_type(fields) : fields.exec_type);
  w.field_char(tag::OrdStatus, fields.ord_status);
  if (!context.account.empty()) w.field(tag::Account, context.account);
  w.field(tag::Symbol, symbol.empty() ? fields.symbol : symbol);
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
  if (fields.exec_type == exec_type::Trade) {
    w.field_int(tag::LastQty, fields.last_quantity);
    w.field_price(tag::LastPx, fields.last_price);
    // The feed's match number ties the fill to its E/C message: TrdMatchID in FIX 5.0 and
    // later; FIX 4.4's report has no TrdMatchID, and SecondaryExecID is its field for the
    // execution's id at the exchange; FIX 4.2 has neither.
    if (!fix42 && fields.match_number != 0) {
      w.field_int(version.fixt ? tag::TrdMatchID : tag::SecondaryExecID,
                  static_cast<std::int64_t>(fields.match_number));
    }
  }
  w.field_int(tag::LeavesQty, order ? order->leaves : 0);
  w.field_int(tag::CumQty, order ? order->executed : 0);
  w.field_price(tag::AvgPx, order ? average_price(*order) : 0);
  w.field_timestamp(tag::TransactTime, transact_time);
  if (reject_reason >= 0) w.field_int(tag::OrdRejReason, reject_reason);
  if (restatement_reason >= 0) w.field_int(tag::ExecRestatementReason, restatement_reason);
  if (!fields.text.empty()) w.field(tag::Text, fields.text);
  if (copy && !fix42) w.field_char(tag::CopyMsgIndicator, 'Y');
}

void write_cancel_reject(fix::MessageWriter& w, ReportVersion version, std::string_view cl_ord_id,
                         std::string_view orig_cl_ord_id, OrderId order_id, char ord_status,
                         bool replace, int reason, std::string_view text) {
  if (order_id != 0) {
    w.field_int(tag::OrderID, static_cast<std::int64_t>(order_id));
  } else {
    w.field(tag::OrderID, "NONE");
  }
  w.field(tag::ClOrdID, cl_ord_id);
  w.field(tag::OrigClOrdID, orig_cl_ord_id);
  w.field_char(tag::OrdStatus, ord_status);
  w.field_char(tag::CxlRejResponseTo, replace ? fix::cxl_rej_response_to::CancelReplaceRequest
                                              : fix::cxl_rej_response_to::CancelRequest);
  w.field_int(tag::CxlRejReason, version.fix42 && reason > fix::cxl_rej_reason::LastInFix42
                                     ? fix::cxl_rej_reason::BrokerOption
                                     : reason);
  w.field(tag::Text, text.substr(0, 256));
}

}  // namespace vtb::sim
