#pragma once
// What an order-entry request asks, decoded from the message alone: pure functions, no session
// and no book, so that every rule can be tested on a message. A malformed message gets a
// session-level Reject (as a dictionary-validating FIX engine answers); a well-formed one the
// venue does not trade, an application-level reject with the reason.

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "common/fix/message_view.hpp"
#include "common/fix/values.hpp"
#include "common/text/string_map.hpp"
#include "simulator/matching/order.hpp"

namespace vtb::sim {

// Echoed fields are bounded so that every report fits a message.
inline constexpr std::size_t kMaxClOrdIdLength = 64;
inline constexpr std::size_t kMaxEchoedLength = 64;  // Account(1) and the routing fields
inline constexpr std::size_t kMaxSymbolLength = 32;

// A session-level Reject: RefTagID and SessionRejectReason (its text is the standard one,
// fix::session_reject_text).
struct SessionProblem {
  int ref_tag;
  int reason;
};

constexpr SessionProblem missing_tag(int tag) {
  return {tag, fix::session_reject_reason::RequiredTagMissing};
}

// An ExecutionReport with ExecType=Rejected: OrdRejReason and a Text saying why.
struct OrderProblem {
  int reason;
  std::string text;
};

using InstrumentsBySymbol = text::StringMap<InstrumentId>;
std::optional<InstrumentId> find_instrument(const InstrumentsBySymbol& instruments,
                                            std::string_view symbol);

// A NewOrderSingle whose fields all read: the core's request as far as the message alone says
// it (owner, owner_tag and self-match are the caller's), and what its reports echo (views into
// the message).
struct DecodedOrder {
  OrderRequest request;  // instrument, type and time in force: set by check_order
  std::string_view cl_ord_id, symbol, account;  // account: empty when too long to echo
  char side = '?', ord_type = '?', time_in_force = fix::time_in_force::Day;
  // As sent, for check_order's texts.
  std::string_view side_sent, ord_type_sent, time_in_force_sent;
  std::optional<std::string_view> exec_inst;
  std::size_t account_length = 0;
  bool has_price = false, has_stop = false, has_expire_time = false, has_expire_date = false;
};
// A session-level problem (a malformed message), or the order.
std::variant<SessionProblem, DecodedOrder> decode_new_order(const fix::MessageView& message);

// Whether the venue trades the order: the first problem, in the order the venue reports them,
// or none, and then the request is complete (instrument, type, time in force).
std::optional<OrderProblem> check_order(DecodedOrder& order,
                                        const InstrumentsBySymbol& instruments);

// An OrderCancelRequest or OrderCancelReplaceRequest, before the order it names is looked up.
// A replace's numbers are read here; the order entry reports a bad one where it always has: a bad
// OrderQty once the order is found, a bad Price or StopPx after its OrdType, TimeInForce and
// ExecInst are checked against the order's.
struct DecodedChange {
  std::string_view orig_cl_ord_id, cl_ord_id, symbol, side;
  std::optional<std::string_view> ord_type, time_in_force;
  char unsupported_exec_inst = 0;  // replace: the first ExecInst(18) value the venue does not take
  Quantity quantity = 0;           // replace: OrderQty
  std::optional<Price> price;      // replace: the new Price, when given
  std::optional<Price> stop;       // replace: the new StopPx, when given
  std::optional<SessionProblem> quantity_problem, price_problem;
};
std::variant<SessionProblem, DecodedChange> decode_change(const fix::MessageView& message,
                                                          bool replace);

}  // namespace vtb::sim
