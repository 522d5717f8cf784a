#pragma once
// What the order entry remembers of a client's live order beyond what the core keeps: the
// values the client sent as it sent them, echoed on every report. The core's owner_tag of the
// order is the context's slot.

#include <cstddef>
#include <string>

#include "common/fix/values.hpp"
#include "simulator/gateway/reply_route.hpp"
#include "simulator/matching/order.hpp"

namespace vtb::sim {

struct OrderContext {
  std::size_t session = 0;
  std::string cl_ord_id;
  char ord_type = fix::ord_type::Limit;
  char time_in_force = fix::time_in_force::Day;
  char side = fix::side::Buy;  // Side(54) as sent: 5 and 6 (short sales) trade as sells
  OrderId order_id = 0;        // the core's id now (it changes when a replace moves the order)
  OrderId fix_order_id = 0;    // OrderID(37): the first id, kept across replaces
  std::string orig_cl_ord_id;  // OrigClOrdID(41) of the cancel or replace being reported
  std::string account;         // Account(1), echoed on every report
  ReplyRoute route;
};

}  // namespace vtb::sim
