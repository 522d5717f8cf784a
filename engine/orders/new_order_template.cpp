#include "engine/orders/new_order_template.hpp"

#include "common/memory/hot_code.hpp"

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

VTB_HOT std::size_t encode_new_order(const fix::MessageTemplate& order, char* buffer,
                                     std::size_t capacity, std::uint64_t msg_seq_num,
                                     std::string_view cl_ord_id, Side side, Price price,
                                     Quantity quantity, Nanos wall) {
  auto filler = order.fill(buffer, capacity);
  filler.integer(static_cast<std::int64_t>(msg_seq_num))
      .timestamp(wall)
      .text(cl_ord_id)
      .integer(quantity)
      .price(price)
      .character(side == Side::Buy ? '1' : '2')
      .timestamp(wall);
  return filler.finish();
}

VTB_HOT bool write_new_order(fix::Session& session, const fix::MessageTemplate& order,
                             std::string_view cl_ord_id, Side side, Price price, Quantity quantity,
                             Now now) {
  constexpr std::size_t kRoom = 512;
  return session.send_prepared(
      encode_new_order(order, session.prepare(kRoom), kRoom, session.next_outbound_seq(), cl_ord_id,
                       side, price, quantity, now.wall),
      now);
}

}  // namespace vtb::engine
