#pragma once
// Where the venue's answers to a request go back to: the request's third-party routing fields
// reversed, as FIX has it (OnBehalfOf* <-> DeliverTo*), and its SenderSubID as the answer's
// TargetSubID.

#include <array>
#include <string>

#include "common/fix/tags.hpp"

#include "common/fix/message_view.hpp"
#include "common/fix/message_writer.hpp"

namespace vtb::sim {

struct ReplyRoute {
  struct Field {
    int tag;
    std::string value;  // empty: not sent
  };
  // The answer's routing fields, in the order they are written.
  std::array<Field, 7> fields{{{fix::tag::TargetSubID, {}},
                               {fix::tag::OnBehalfOfCompID, {}},
                               {fix::tag::OnBehalfOfSubID, {}},
                               {fix::tag::DeliverToCompID, {}},
                               {fix::tag::DeliverToSubID, {}},
                               {fix::tag::OnBehalfOfLocationID, {}},
                               {fix::tag::DeliverToLocationID, {}}}};

  // Fields longer than kMaxEchoedLength are not echoed: every answer must fit a message.
  static ReplyRoute of(const fix::MessageView& request);
  // Right after Session::begin: these are header fields.
  void write(fix::MessageWriter& w) const;
};

}  // namespace vtb::sim
