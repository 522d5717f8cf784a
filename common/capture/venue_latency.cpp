#include "common/capture/venue_latency.hpp"

#include <charconv>
#include <cstring>

#include "common/fix/tags.hpp"
#include "common/wire/big_endian.hpp"

namespace vtb::capture {

namespace {

std::optional<std::uint64_t> unsigned_field(const fix::MessageView& message, int tag) {
  const auto text = message.get(tag);
  if (!text) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

// ITCH 5.0 offsets (docs/FEED.md): every message starts type(1) locate(2) tracking(2) time(6).
constexpr std::size_t kOrderReference = 11;  // A, F, E, C
constexpr std::size_t kMatchNumber = 23;     // E, C

// Feed events kept for reports that come after them: at a million a second, the last half to one
// second, far longer than any venue takes to answer.
constexpr std::size_t kMaxFeedEvents = std::size_t{1} << 20;

}  // namespace

std::string VenueLatency::key(const FlowKey& flow, std::string_view cl_ord_id) {
  std::string k(sizeof flow, '\0');
  std::memcpy(k.data(), &flow, sizeof flow);
  k.append(cl_ord_id);
  return k;
}

void VenueLatency::on_fix(const FlowKey& flow, const fix::MessageView& message, Nanos time) {
  const std::string_view type = message.msg_type();
  if (type == "D" || type == "F" || type == "G") {
    on_request(flow, message, time);
  } else if (type == "8" || type == "9") {
    on_report(flow, message, time);
  }
}

void VenueLatency::on_request(const FlowKey& flow, const fix::MessageView& message, Nanos time) {
  const auto cl_ord_id = message.get(fix::tag::ClOrdID);
  if (!cl_ord_id) return;
  const bool new_order = message.msg_type() == "D";
  ++result_.requests;
  if (new_order) ++result_.new_orders;
  by_cl_ord_id_[key(flow, *cl_ord_id)] = requests_.size();
  requests_.push_back(Request{time, 0, 0, new_order});
}

void VenueLatency::on_report(const FlowKey& flow, const fix::MessageView& message, Nanos time) {
  const auto cl_ord_id = message.get(fix::tag::ClOrdID);
  if (!cl_ord_id) return;
  const auto found = by_cl_ord_id_.find(key(flow.reversed(), *cl_ord_id));
  if (found == by_cl_ord_id_.end()) return;
  const std::size_t index = found->second;
  Request& request = requests_[index];
  if (time < request.sent) return;  // an earlier order's, with a reused ClOrdID
  if (request.ack == 0) {
    request.ack = time;
    if (listener_) listener_->on_order_to_ack(time - request.sent);
  }
  if (!request.new_order || message.msg_type() != "8") return;
  // The first report names the order; later ones (fills) name their matches.
  if (const auto order_id = unsigned_field(message, fix::tag::OrderID))
    link({*order_id, Kind::Add}, index);
  if (const auto match = unsigned_field(message, fix::tag::TrdMatchID))
    link({*match, Kind::Execution}, index);
}

void VenueLatency::link(Wanted wanted, std::size_t index) {
  const Nanos sent = requests_[index].sent;
  for (auto e = feed_events_.rbegin(); e != feed_events_.rend() && e->time >= sent; ++e) {
    if (e->id == wanted.id && e->kind == wanted.kind) return reflected(index, e->time);
  }
  waiting_.emplace(wanted, index);
}

void VenueLatency::on_feed(std::string_view itch, Nanos time) {
  if (itch.size() < kOrderReference + 8) return;
  Wanted event;
  switch (itch[0]) {
    case 'A':
    case 'F':
      event = {wire::load_u64(itch.data() + kOrderReference), Kind::Add};
      break;
    case 'E':
    case 'C':
      if (itch.size() < kMatchNumber + 8) return;
      event = {wire::load_u64(itch.data() + kMatchNumber), Kind::Execution};
      break;
    default:
      return;
  }
  if (feed_events_.size() == kMaxFeedEvents)  // keep the newer half
    feed_events_.erase(feed_events_.begin(), feed_events_.begin() + kMaxFeedEvents / 2);
  feed_events_.push_back(FeedEvent{event.id, time, event.kind});
  if (waiting_.empty()) return;
  const auto [first, last] = waiting_.equal_range(event);
  for (auto it = first; it != last; ++it)
    reflected(it->second, time);
  waiting_.erase(first, last);
}

void VenueLatency::reflected(std::size_t index, Nanos time) {
  Request& request = requests_[index];
  if (time < request.sent) return;  // the id's feed message came before this order
  if (request.market_data != 0 && request.market_data <= time) return;
  const bool first = request.market_data == 0;
  request.market_data = time;
  if (first && listener_) listener_->on_order_to_market_data(time - request.sent);
}

VenueLatencyResult VenueLatency::finish() {
  VenueLatencyResult r = result_;
  for (const Request& request : requests_) {
    if (request.ack == 0) {
      ++r.unanswered;
    } else {
      r.order_to_ack.push_back(request.ack - request.sent);
    }
    if (!request.new_order) continue;
    if (request.market_data == 0) {
      ++r.not_on_feed;
    } else {
      r.order_to_market_data.push_back(request.market_data - request.sent);
    }
  }
  r.ack = summarize(r.order_to_ack);
  r.market_data = summarize(r.order_to_market_data);
  return r;
}

}  // namespace vtb::capture
