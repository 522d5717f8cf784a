#include "simulator/gateway/reply_route.hpp"

#include <utility>

#include "common/fix/tags.hpp"
#include "simulator/gateway/order_decoding.hpp"

namespace vtb::sim {

namespace tag = fix::tag;

ReplyRoute ReplyRoute::of(const fix::MessageView& request) {
  ReplyRoute route;
  for (const fix::Field& f : request) {
    if (f.value.size() > kMaxEchoedLength) continue;
    std::string* to = f.tag == tag::SenderSubID            ? &route.target_sub_id
                      : f.tag == tag::DeliverToCompID      ? &route.on_behalf_of_comp_id
                      : f.tag == tag::DeliverToSubID       ? &route.on_behalf_of_sub_id
                      : f.tag == tag::DeliverToLocationID  ? &route.on_behalf_of_location_id
                      : f.tag == tag::OnBehalfOfCompID     ? &route.deliver_to_comp_id
                      : f.tag == tag::OnBehalfOfSubID      ? &route.deliver_to_sub_id
                      : f.tag == tag::OnBehalfOfLocationID ? &route.deliver_to_location_id
                                                           : nullptr;
    if (to) *to = f.value;
  }
  return route;
}

void ReplyRoute::write(fix::MessageWriter& w) const {
  const std::pair<int, const std::string*> fields[] = {
      {tag::TargetSubID, &target_sub_id},
      {tag::OnBehalfOfCompID, &on_behalf_of_comp_id},
      {tag::OnBehalfOfSubID, &on_behalf_of_sub_id},
      {tag::DeliverToCompID, &deliver_to_comp_id},
      {tag::DeliverToSubID, &deliver_to_sub_id},
      {tag::OnBehalfOfLocationID, &on_behalf_of_location_id},
      {tag::DeliverToLocationID, &deliver_to_location_id}};
  for (const auto& [t, value] : fields) {
    if (!value->empty()) w.field(t, *value);
  }
}

}  // namespace vtb::sim
