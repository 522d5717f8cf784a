#pragma once
// The NewOrderSingle the engine (and the minimal reflector, tools/reflector) sends: a limit IOC
// built once; each order writes only MsgSeqNum, SendingTime, ClOrdID, OrderQty, Price, Side and
// TransactTime, then BodyLength and CheckSum.

#include <string_view>

#include "common/fix/message_template.hpp"
#include "common/fix/session_config.hpp"

namespace vtb::engine {

fix::MessageTemplate new_order_template(const fix::SessionConfig& session, std::string_view symbol);

}  // namespace vtb::engine
