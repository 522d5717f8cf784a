#pragma once
// The NewOrderSingle the engine (and the minimal reflector, tools/reflector) sends: a limit IOC
// built once (the template); each order writes only MsgSeqNum, SendingTime, ClOrdID, OrderQty,
// Price, Side and TransactTime, then BodyLength and CheckSum.

#include <string_view>

#include "common/fix/message_template.hpp"
#include "common/fix/session.hpp"
#include "common/market/types.hpp"

namespace vtb::engine {

fix::MessageTemplate new_order_template(const fix::SessionConfig& session, std::string_view symbol);

// Writes one order from `order` (new_order_template) into the session's send buffer; the caller
// flushes. False when the session refused it (not logged on, no room).
bool write_new_order(fix::Session& session, const fix::MessageTemplate& order,
                     std::string_view cl_ord_id, Side side, Price price, Quantity quantity,
                     Now now);

}  // namespace vtb::engine
