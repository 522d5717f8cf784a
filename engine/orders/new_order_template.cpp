#include "engine/orders/new_order_template.hpp"

#include "common/fix/tags.hpp"

namespace vtb::engine {

fix::MessageTemplate new_order_template(const fix::SessionConfig& session,
                                        std::string_view symbol) {
  namespace tag = fix::tag;
  fix::MessageTemplate t(session.begin_string, "D");
  t.slot(tag::MsgSeqNum)
      .field(tag::SenderCompID, session.sender_comp_id)
      .slot(tag::SendingTime)
      .field(tag::TargetCompID, session.target_comp_id)
      .slot(tag::ClOrdID)
      .slot(tag::OrderQty)
      .field(tag::OrdType, "2")
      .slot(tag::Price)
      .slot(tag::Side)
      .field(tag::Symbol, symbol)
      .field(tag::TimeInForce, "3")
      .slot(tag::TransactTime);
  return t;
}

}  // namespace vtb::engine
