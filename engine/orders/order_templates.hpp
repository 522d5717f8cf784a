#pragma once
// The engine's order messages as pre-built templates (fix::MessageTemplate): each message writes
// only MsgSeqNum, SendingTime, the ClOrdIDs, OrderQty, Price, Side and TransactTime, then
// BodyLength and CheckSum. Shared with the minimal reflector (tools/reflector).
//   NewOrderSingle (D): a limit order, IOC for the taker and reflector, Day for quotes.
//   OrderCancelReplaceRequest (G): a Day limit order's new price and quantity.
//   OrderCancelRequest (F).

#include <string_view>

#include "common/fix/message_template.hpp"
#include "common/fix/session.hpp"
#include "common/fix/values.hpp"
#include "common/market/types.hpp"

namespace vtb::engine {

fix::MessageTemplate new_order_template(const fix::SessionConfig& session, std::string_view symbol,
                                        char time_in_force = fix::time_in_force::ImmediateOrCancel);
fix::MessageTemplate replace_template(const fix::SessionConfig& session, std::string_view symbol);
fix::MessageTemplate cancel_template(const fix::SessionConfig& session, std::string_view symbol);

// Encodes one order from `order` (new_order_template) into `buffer`; its length, or 0 when it did
// not fit.
std::size_t encode_new_order(const fix::MessageTemplate& order, char* buffer, std::size_t capacity,
                             std::uint64_t msg_seq_num, std::string_view cl_ord_id, Side side,
                             Price price, Quantity quantity, Nanos wall);

// Each writes one message into the session's send buffer; the caller flushes. False when the
// session refused it (not logged on, no room).
bool write_new_order(fix::Session& session, const fix::MessageTemplate& order,
                     std::string_view cl_ord_id, Side side, Price price, Quantity quantity,
                     Now now);
bool write_replace(fix::Session& session, const fix::MessageTemplate& replace,
                   std::string_view orig_cl_ord_id, std::string_view cl_ord_id, Side side,
                   Price price, Quantity quantity, Now now);
bool write_cancel(fix::Session& session, const fix::MessageTemplate& cancel,
                  std::string_view orig_cl_ord_id, std::string_view cl_ord_id, Side side,
                  Quantity quantity, Now now);

}  // namespace vtb::engine
