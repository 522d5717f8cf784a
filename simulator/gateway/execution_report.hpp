#pragma once
// The bodies of the venue's answers about orders: ExecutionReport (8) and OrderCancelReject (9),
// in the vocabulary of the session's FIX version. The order entry decides what to say; this
// says it.

#include <cstdint>
#include <string_view>

#include "common/fix/message_writer.hpp"
#include "common/time/clock.hpp"
#include "simulator/gateway/order_context.hpp"
#include "simulator/matching/order.hpp"

namespace vtb::sim {

// What a session's FIX version changes in what it is sent.
struct ReportVersion {
  // FIX 4.2 says the same things with other values: fills are ExecType 1/2, a status report is
  // ExecTransType 3 with the order's status as ExecType, several reason codes came later, and
  // there is no Triggered report, no CopyMsgIndicator and no field for the match number.
  bool fix42 = false;
  bool fixt = false;  // FIX 5.0 and later over FIXT.1.1: the match number is TrdMatchID
};

// One ExecutionReport's varying fields (FIX 4.4 and later values; mapped for FIX 4.2).
struct ReportFields {
  char exec_type;
  char ord_status;
  Quantity last_quantity = 0;
  Price last_price = 0;
  int reject_reason = -1;  // OrdRejReason(103)
  std::string_view text{};
  std::string_view symbol{};       // as the client sent it, for rejects of unknown symbols
  int restatement_reason = -1;     // ExecRestatementReason(378)
  std::uint64_t match_number = 0;  // fills: the feed's match number
  // Answers to an OrderMassStatusRequest: its MassStatusReqID, how many reports it gets, and
  // whether this is the last.
  std::string_view mass_status_req_id{};
  int total_reports = -1;
  bool last_report = false;
};

// Whether a session of `version` is sent the report at all: FIX 4.2 has no Triggered report
// (the stop's fills follow).
bool reported_in(ReportVersion version, const ReportFields& fields);

// An ExecutionReport's body, after its header fields. `order` is null when the report is about
// no live order (OrderID NONE); `symbol` is the instrument's, or empty for none; `copy` marks a
// drop copy.
void write_execution_report(fix::MessageWriter& w, ReportVersion version, std::uint64_t exec_id,
                            const OrderContext& context, const Order* order,
                            const OrderRequest& request, std::string_view symbol,
                            const ReportFields& fields, Nanos transact_time, bool copy);

// An OrderCancelReject's body, after its header fields. `order_id` 0 is OrderID NONE (no such
// order); CxlRejReason values FIX 4.2 does not have are sent as Broker option, the text says why.
void write_cancel_reject(fix::MessageWriter& w, ReportVersion version, std::string_view cl_ord_id,
                         std::string_view orig_cl_ord_id, OrderId order_id, char ord_status,
                         bool replace, int reason, std::string_view text);

}  // namespace vtb::sim
