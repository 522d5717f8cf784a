#include "engine/orders/order_templates.hpp"

#include "common/fix/tags.hpp"
#include "common/fix/values.hpp"
#include "common/hot_path/hot_code.hpp"

namespace vtb::engine {

namespace tag = fix::tag;
using fix::side_code;

namespace {

constexpr std::size_t kRoom = 512;  // of the session's send buffer, for one message

// FIX 4.2 requires HandlInst(21) on orders and replaces (later versions made it optional): 1,
// automated execution, no broker intervention.
bool requires_handl_inst(const fix::SessionConfig& session) {
  return session.begin_string == "FIX.4.2";
}

fix::MessageTemplate with_header(const fix::SessionConfig& session, std::string_view msg_type) {
  return fix::header_template(session.begin_string, session.sender_comp_id, session.target_comp_id,
                              msg_type);
}

}  // namespace

fix::MessageTemplate new_order_template(const fix::SessionConfig& session, std::string_view symbol,
                                        char time_in_force) {
  fix::MessageTemplate t = with_header(session, fix::msg_type::NewOrderSingle);
  t.slot(tag::ClOrdID);
  if (requires_handl_inst(session)) t.field_char(tag::HandlInst, '1');
  t.slot(tag::OrderQty)
      .field_char(tag::OrdType, fix::ord_type::Limit)
      .slot(tag::Price)
      .slot(tag::Side)
      .field(tag::Symbol, symbol)
      .field_char(tag::TimeInForce, time_in_force)
      .slot(tag::TransactTime);
  return t;
}

fix::MessageTemplate replace_template(const fix::SessionConfig& session, std::string_view symbol) {
  fix::MessageTemplate t = with_header(session, fix::msg_type::OrderCancelReplaceRequest);
  t.slot(tag::OrigClOrdID).slot(tag::ClOrdID);
  if (requires_handl_inst(session)) t.field_char(tag::HandlInst, '1');
  t.slot(tag::OrderQty)
      .field_char(tag::OrdType, fix::ord_type::Limit)
      .slot(tag::Price)
      .slot(tag::Side)
      .field(tag::Symbol, symbol)
      .field_char(tag::TimeInForce, fix::time_in_force::Day)
      .slot(tag::TransactTime);
  return t;
}

fix::MessageTemplate cancel_template(const fix::SessionConfig& session, std::string_view symbol) {
  fix::MessageTemplate t = with_header(session, fix::msg_type::OrderCancelRequest);
  t.slot(tag::OrigClOrdID)
      .slot(tag::ClOrdID)
      .slot(tag::OrderQty)
      .slot(tag::Side)
      .field(tag::Symbol, symbol)
      .slot(tag::TransactTime);
  return t;
}

namespace {

// Every template here is the header's two slots (MsgSeqNum, SendingTime), the message's own
// values (`body`), then TransactTime, the same time as SendingTime.
template <class Body>
VTB_HOT std::size_t encode(const fix::MessageTemplate& t, char* buffer, std::size_t capacity,
                           std::uint64_t msg_seq_num, Nanos wall, Body&& body) {
  auto filler = t.fill(buffer, capacity);
  filler.integer(static_cast<std::int64_t>(msg_seq_num)).timestamp(wall);
  body(filler);
  return filler.timestamp(wall).finish();
}

// Into the session's send buffer, when it is logged on.
template <class Encode>
VTB_HOT bool write(fix::Session& session, Now now, Encode&& encode_into) {
  if (!session.active()) return false;
  return session.send_prepared(encode_into(session.prepare(kRoom), session.next_outbound_seq()),
                               now);
}

}  // namespace

VTB_HOT std::size_t encode_new_order(const fix::MessageTemplate& order, char* buffer,
                                     std::size_t capacity, std::uint64_t msg_seq_num,
                                     std::string_view cl_ord_id, Side side, Price price,
                                     Quantity quantity, Nanos wall) {
  return encode(order, buffer, capacity, msg_seq_num, wall, [&](auto& f) {
    f.text(cl_ord_id).integer(quantity).price(price).character(side_code(side));
  });
}

VTB_HOT bool write_new_order(fix::Session& session, const fix::MessageTemplate& order,
                             std::string_view cl_ord_id, Side side, Price price, Quantity quantity,
                             Now now) {
  return write(session, now, [&](char* buffer, std::uint64_t seq) {
    return encode_new_order(order, buffer, kRoom, seq, cl_ord_id, side, price, quantity, now.wall);
  });
}

VTB_HOT bool write_replace(fix::Session& session, const fix::MessageTemplate& replace,
                           std::string_view orig_cl_ord_id, std::string_view cl_ord_id, Side side,
                           Price price, Quantity quantity, Now now) {
  return write(session, now, [&](char* buffer, std::uint64_t seq) {
    return encode(replace, buffer, kRoom, seq, now.wall, [&](auto& f) {
      f.text(orig_cl_ord_id)
          .text(cl_ord_id)
          .integer(quantity)
          .price(price)
          .character(side_code(side));
    });
  });
}

bool write_cancel(fix::Session& session, const fix::MessageTemplate& cancel,
                  std::string_view orig_cl_ord_id, std::string_view cl_ord_id, Side side,
                  Quantity quantity, Now now) {
  return write(session, now, [&](char* buffer, std::uint64_t seq) {
    return encode(cancel, buffer, kRoom, seq, now.wall, [&](auto& f) {
      f.text(orig_cl_ord_id).text(cl_ord_id).integer(quantity).character(side_code(side));
    });
  });
}

}  // namespace vtb::engine
