#pragma once
// A strategy's resting orders (the Day orders its New actions place with `rests`), one a side, and
// where each stands with the venue:
//
//   None --new sent--> PendingNew --New (0)--> Live --replace sent--> PendingReplace
//   Live --cancel sent--> PendingCancel;  Replaced (5) -> Live at the new ClOrdID and price;
//   a reject of the replace or cancel (OrderCancelReject) -> Live as it was;
//   filled, canceled, rejected or expired -> None.
//
// Only one request per side is in flight at a time: a quote that is pending is left alone until
// the venue answers, which keeps the ClOrdID chain unambiguous.

#include <cstdint>
#include <string_view>

#include "common/market/types.hpp"
#include "engine/orders/cl_ord_id.hpp"

namespace vtb::engine {

enum class QuoteState : std::uint8_t { None, PendingNew, Live, PendingReplace, PendingCancel };

struct Quote {
  QuoteState state = QuoteState::None;
  ClOrdId id;       // the order at the venue
  ClOrdId request;  // the replace or cancel in flight
  Price price = 0;
  Price request_price = 0;
  Quantity quantity = 0;  // OrderQty: a replace keeps it
  Quantity leaves = 0;
  bool live() const { return state == QuoteState::Live; }
};

// What an ExecutionReport or OrderCancelReject says, as far as quotes care.
struct QuoteReport {
  char msg_type;   // MsgType: ExecutionReport (8) or OrderCancelReject (9)
  char exec_type;  // ExecType(150) of an ExecutionReport
  char ord_status;
  std::string_view cl_ord_id;
  std::string_view orig_cl_ord_id;
  Quantity leaves;
};

class Quotes {
 public:
  Quote& side(Side s) { return s == Side::Buy ? bid_ : ask_; }
  const Quote& side(Side s) const { return s == Side::Buy ? bid_ : ask_; }

  void sent_new(Side s, std::string_view id, Price price, Quantity quantity) {
    Quote& q = side(s);
    q.state = QuoteState::PendingNew;
    q.id.assign(id);
    q.price = price;
    q.quantity = quantity;
    q.leaves = quantity;
  }
  void sent_replace(Side s, std::string_view id, Price price) {
    Quote& q = side(s);
    q.state = QuoteState::PendingReplace;
    q.request.assign(id);
    q.request_price = price;
  }
  void sent_cancel(Side s, std::string_view id) {
    Quote& q = side(s);
    q.state = QuoteState::PendingCancel;
    q.request.assign(id);
  }
  // An OrderMassCancelRequest went out for every quote: the venue's report names the order by the
  // ClOrdID it has, the quote's or (a replace it took) the request's, both of which still match.
  void sent_mass_cancel() {
    for (Quote* q : {&bid_, &ask_})
      if (q->state != QuoteState::None) q->state = QuoteState::PendingCancel;
  }

  // Applies a report to the quote it is about, if any; true when it was about one.
  bool apply(const QuoteReport& r) {
    for (Quote* q : {&bid_, &ask_}) {
      if (q->state == QuoteState::None) continue;
      const bool about_order = q->id == r.cl_ord_id || q->id == r.orig_cl_ord_id;
      const bool about_request =
          q->state >= QuoteState::PendingReplace && q->request == r.cl_ord_id;
      if (!about_order && !about_request) continue;
      apply(*q, r, about_request);
      return true;
    }
    return false;
  }

 private:
  static void apply(Quote& q, const QuoteReport& r, bool about_request) {
    if (r.msg_type == fix::msg_type::OrderCancelReject[0]) {  // the replace or cancel was refused:
                                                              // the order stands, or is gone
      q.state = ends_order(r.ord_status) ? QuoteState::None : QuoteState::Live;
      return;
    }
    if (ends_order(r.ord_status)) {
      q.state = QuoteState::None;
      return;
    }
    q.leaves = r.leaves;
    switch (r.exec_type) {
      case fix::exec_type::New:
        if (q.state == QuoteState::PendingNew) q.state = QuoteState::Live;
        break;
      case fix::exec_type::Replaced:  // the order now goes by the request's ClOrdID
        if (about_request) {
          q.id = q.request;
          q.price = q.request_price;
          q.state = QuoteState::Live;
        }
        break;
      default:  // fills keep the state: a partly filled quote stays (or stays pending)
        break;
    }
  }

  Quote bid_;
  Quote ask_;
};

}  // namespace vtb::engine
