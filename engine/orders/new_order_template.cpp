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

bool write_new_order(fix::Session& session, const fix::MessageTemplate& order,
                     std::string_view cl_ord_id, Side side, Price price, Quantity quantity,
                     Now now) {
  constexpr std::size_t kRoom = 512;
  auto filler = order.fill(session.prepare(kRoom), kRoom);
  filler.integer(static_cast<std::int64_t>(session.next_outbound_seq()))
      .timestamp(now.wall)
      .text(cl_ord_id)
      .integer(quantity)
      .price(price)
      .character(side == Side::Buy ? '1' : '2')
      .timestamp(now.wall);
  return session.send_prepared(filler.finish(), now);
}

}  // namespace vtb::engine
