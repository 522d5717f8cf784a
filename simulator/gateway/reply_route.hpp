#pragma once
// Where the venue's answers to a request go back to: the request's third-party routing fields
// reversed, as FIX has it (OnBehalfOf* <-> DeliverTo*), and its SenderSubID as the answer's
// TargetSubID.

#include <string>

#include "common/fix/message_view.hpp"
#include "common/fix/message_writer.hpp"

namespace vtb::sim {

struct ReplyRoute {
  std::string target_sub_id;
  std::string on_behalf_of_comp_id, on_behalf_of_sub_id, on_behalf_of_location_id;
  std::string deliver_to_comp_id, deliver_to_sub_id, deliver_to_location_id;

  // Fields longer than kMaxEchoedLength are not echoed: every answer must fit a message.
  static ReplyRoute of(const fix::MessageView& request);
  // Right after Session::begin: these are header fields.
  void write(fix::MessageWriter& w) const;
};

}  // namespace vtb::sim
