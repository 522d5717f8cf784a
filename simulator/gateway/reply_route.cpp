#include "simulator/gateway/reply_route.hpp"

#include "common/fix/header_fields.hpp"
#include "simulator/gateway/order_decoding.hpp"

namespace vtb::sim {

namespace tag = fix::tag;

ReplyRoute ReplyRoute::of(const fix::MessageView& request) {
  ReplyRoute route;
  for (const fix::Field& f : request) {
    if (f.value.size() > kMaxEchoedLength) continue;
    const int to = f.tag == tag::SenderSubID ? tag::TargetSubID : fix::reversed_route(f.tag);
    if (to == 0) continue;
    for (Field& slot : route.fields) {
      if (slot.tag == to) slot.value = f.value;
    }
  }
  return route;
}

void ReplyRoute::write(fix::MessageWriter& w) const {
  for (const Field& slot : fields) {
    if (!slot.value.empty()) w.field(slot.tag, slot.value);
  }
}

}  // namespace vtb::sim
