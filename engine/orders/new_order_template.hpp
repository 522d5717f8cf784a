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

// Encodes one order from `order` (new_order_template) into `buffer`; its length, or 0 when it did
// not fit.
std::size_t encode_new_order(const fix::MessageTemplate& order, char* buffer, std::size_t capacity,
                             std::uint64_t msg_seq_num, std::string_view cl_ord_id, Side side,
                             Price price, Quantity quantity, Nanos wall);

// Writes one order from `order` (new_order_template) into the session's send buffer; the caller
// flushes. False when the session refused it (not logged on, no room).
bool write_new_order(fix::Session& session, const fix::MessageTemplate& order,
                     std::string_view cl_ord_id, Side side, Price price, Quantity quantity,
                     Now now);

}  // namespace vtb::engine
