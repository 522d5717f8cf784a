#include "tools/capture/venue_latency.hpp"

#include <charconv>

#include "common/fix/tags.hpp"
#include "common/fix/values.hpp"
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

// How long after an order its latencies are taken as final: reports and feed messages that could
// still name an earlier reflection come within microseconds to milliseconds.
constexpr Nanos kSettle = kNanosPerSecond;

}  // namespace

void VenueLatency::make_key(std::string& key, const FlowKey& flow, std::string_view cl_ord_id) {
  key.assign(reinterpret_cast<const char*>(&flow), sizeof flow);
  key.append(cl_ord_id);
}

void VenueLatency::on_fix(const FlowKey& flow, const fix::MessageView& message, Nanos time) {
  settle_until(time);
  const std::string_view type = message.msg_type();
  if (type == fix::msg_type::NewOrderSingle || type == fix::msg_type::OrderCancelRequest ||
      type == fix::msg_type::OrderCancelReplaceRequest) {
    on_request(flow, message, time);
  } else if (type == fix::msg_type::ExecutionReport || type == fix::msg_type::OrderCancelReject) {
    on_report(flow, message, time);
  }
}

void VenueLatency::on_request(const FlowKey& flow, const fix::MessageView& message, Nanos time) {
  const auto cl_ord_id = message.get(fix::tag::ClOrdID);
  if (!cl_ord_id) return;
  const bool new_order = message.msg_type() == fix::msg_type::NewOrderSingle;
  ++result_.requests;
  if (new_order) ++result_.new_orders;
  Request r{{}, time, 0, 0, new_order, {}};
  make_key(r.key, flow, *cl_ord_id);
  by_cl_ord_id_[r.key] = first_open_ + open_.size();
  open_.push_back(std::move(r));
}

VenueLatency::Request* VenueLatency::request(std::uint64_t number) {
  return number >= first_open_ && number - first_open_ < open_.size() ? &open_[number - first_open_]
                                                                      : nullptr;
}

void VenueLatency::on_report(const FlowKey& flow, const fix::MessageView& message, Nanos time) {
  const auto cl_ord_id = message.get(fix::tag::ClOrdID);
  if (!cl_ord_id) return;
  make_key(lookup_, flow.reversed(), *cl_ord_id);  // reused: no allocation per report
  const auto found = by_cl_ord_id_.find(lookup_);
  if (found == by_cl_ord_id_.end()) return;
  const std::uint64_t number = found->second;
  Request* r = request(number);
  if (r == nullptr || time < r->sent) return;  // settled, or an earlier order's (reused ClOrdID)
  if (r->ack == 0) {
    r->ack = time;
    if (listener_) listener_->on_order_to_ack(time - r->sent);
  }
  if (!r->new_order || message.msg_type() != fix::msg_type::ExecutionReport) return;
  // The first report names the order; later ones (fills) name their matches.
  if (const auto order_id = unsigned_field(message, fix::tag::OrderID))
    link({*order_id, Kind::Add}, number);
  // TrdMatchID, or SecondaryExecID where the venue puts the match number on FIX 4.4.
  auto match = unsigned_field(message, fix::tag::TrdMatchID);
  if (!match) match = unsigned_field(message, fix::tag::SecondaryExecID);
  if (match) link({*match, Kind::Execution}, number);
}

void VenueLatency::link(Wanted wanted, std::uint64_t number) {
  Request& r = *request(number);
  for (auto e = feed_events_.rbegin(); e != feed_events_.rend() && e->time >= r.sent; ++e) {
    if (e->id == wanted.id && e->kind == wanted.kind) return reflected(r, e->time);
  }
  waiting_.emplace(wanted, number);
  r.waiting.push_back(wanted);
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
  settle_until(time);
  if (feed_events_.size() == kMaxFeedEvents)  // keep the newer half
    feed_events_.erase(feed_events_.begin(), feed_events_.begin() + kMaxFeedEvents / 2);
  feed_events_.push_back(FeedEvent{event.id, time, event.kind});
  if (waiting_.empty()) return;
  const auto [first, last] = waiting_.equal_range(event);
  for (auto it = first; it != last; ++it) {
    if (Request* r = request(it->second)) reflected(*r, time);
  }
  waiting_.erase(first, last);
}

void VenueLatency::reflected(Request& r, Nanos time) {
  if (time < r.sent) return;  // the id's feed message came before this order
  if (r.market_data == 0 || time < r.market_data) r.market_data = time;
}

void VenueLatency::settle_until(Nanos time) {
  while (!open_.empty() && time - open_.front().sent > kSettle)
    settle_front();
}

void VenueLatency::settle_front() {
  Request& r = open_.front();
  if (r.ack == 0) {
    ++result_.unanswered;
  } else if (!streaming_) {
    result_.order_to_ack.push_back(r.ack - r.sent);
  }
  if (r.new_order) {
    if (r.market_data == 0) {
      ++result_.not_on_feed;
    } else {
      ++result_.on_feed;
      if (listener_) listener_->on_order_to_market_data(r.market_data - r.sent);
      if (!streaming_) result_.order_to_market_data.push_back(r.market_data - r.sent);
    }
  }
  if (r.ack != 0) ++result_.answered;
  for (const Wanted& w : r.waiting) {
    const auto [first, last] = waiting_.equal_range(w);
    for (auto it = first; it != last; ++it) {
      if (it->second == first_open_) {
        waiting_.erase(it);
        break;
      }
    }
  }
  if (const auto at = by_cl_ord_id_.find(r.key);
      at != by_cl_ord_id_.end() && at->second == first_open_)
    by_cl_ord_id_.erase(at);
  open_.pop_front();
  ++first_open_;
}

VenueLatencyResult VenueLatency::finish() {
  while (!open_.empty())
    settle_front();
  VenueLatencyResult r = result_;
  r.ack = summarize(r.order_to_ack);
  r.market_data = summarize(r.order_to_market_data);
  return r;
}

}  // namespace vtb::capture
