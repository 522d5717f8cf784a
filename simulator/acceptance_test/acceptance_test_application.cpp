#include "simulator/acceptance_test/acceptance_test_application.hpp"

#include <algorithm>

#include "common/fix/appl_ver_id.hpp"
#include "common/fix/header_fields.hpp"
#include "common/fix/tags.hpp"
#include "common/fix/values.hpp"

namespace vtb::sim {

void AcceptanceTestApplication::attach(FixAcceptor& acceptor) {
  acceptor_ = &acceptor;
  seen_cl_ord_ids_.assign(acceptor.session_count(), {});
}

void AcceptanceTestApplication::on_logout(std::size_t session, Now) {
  seen_cl_ord_ids_[session].clear();
}

void AcceptanceTestApplication::on_message(std::size_t session, const fix::MessageView& message,
                                           Now now) {
  const std::string_view type = message.msg_type();
  if (type == fix::msg_type::NewOrderSingle) {
    const std::string cl_ord_id(message.get(fix::tag::ClOrdID).value_or(""));
    const bool poss_resend = message.get(fix::tag::PossResend) == std::string_view("Y");
    const bool seen = !seen_cl_ord_ids_[session].insert(cl_ord_id).second;
    if (poss_resend && seen) return;
    echo(session, message, now);
  } else if (type == fix::msg_type::SecurityDefinition || type == fix::msg_type::Email) {
    echo(session, message, now);
  } else if (acceptor_->session(session).config().begin_string < "FIX.4.2") {
    acceptor_->session(session).reject(message, "Unsupported message type", now);
  } else {
    fix::Session& s = acceptor_->session(session);
    fix::MessageWriter w = s.begin(fix::msg_type::BusinessMessageReject, now);
    w.field(fix::tag::RefSeqNum, message.get(fix::tag::MsgSeqNum).value_or("0"));
    w.field(fix::tag::Text, "Unsupported Message Type");
    w.field(fix::tag::RefMsgType, type);
    w.field_int(fix::tag::BusinessRejectReason,
                fix::business_reject_reason::UnsupportedMessageType);
    // FIXT.1.1 sessions say which application version the reject is in, as QuickFIX does.
    if (s.config().begin_string == "FIXT.1.1" && !s.config().default_appl_ver_id.empty()) {
      w.field(fix::tag::DefaultApplVerID, fix::appl_ver_id(s.config().default_appl_ver_id));
    }
    s.send(w, now);
  }
}

// Body fields as received, in tag order as QuickFIX writes them; the header is the session's.
void AcceptanceTestApplication::echo(std::size_t session, const fix::MessageView& message,
                                     Now now) {
  // Header fields the session does not write itself (PossResend, routing) travel with the echo,
  // as QuickFIX's send() keeps them; PossDupFlag and OrigSendingTime it drops.
  std::vector<fix::Field> header, body;
  for (const fix::Field& f : message) {
    if (fix::is_trailer_tag(f.tag)) continue;
    if (!fix::is_header_tag(f.tag)) {
      body.push_back(f);
    } else if (f.tag > fix::tag::TargetCompID && f.tag != fix::tag::OrigSendingTime) {
      header.push_back(f);
    }
  }
  const auto by_tag = [](const fix::Field& x, const fix::Field& y) { return x.tag < y.tag; };
  std::stable_sort(header.begin(), header.end(), by_tag);
  std::stable_sort(body.begin(), body.end(), by_tag);
  fix::Session& s = acceptor_->session(session);
  fix::MessageWriter w = s.begin(message.msg_type(), now);
  for (const fix::Field& f : header)
    w.field(f.tag, f.value);
  for (const fix::Field& f : body)
    w.field(f.tag, f.value);
  s.send(w, now);
}

}  // namespace vtb::sim
