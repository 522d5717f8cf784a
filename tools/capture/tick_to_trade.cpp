#include "tools/capture/tick_to_trade.hpp"

#include "common/fix/values.hpp"
#include "common/itch/messages.hpp"
#include "common/wire/big_endian.hpp"
#include "tools/capture/packet_decode.hpp"

namespace vtb::capture {

std::string describe_fix_time(FixTime time) {
  return time == FixTime::FirstByte ? "the first byte of each FIX message on the wire"
                                    : "the last byte of each FIX message on the wire";
}

std::string describe_tick_to_trade(FixTime time) {
  return time == FixTime::FirstByte
             ? "from the first arrival (feed A or B) of the triggering market-data message to the "
               "first byte of the order on the wire (STAC's tick-to-trade)"
             : "from the first arrival (feed A or B) of the triggering market-data message to the "
               "last byte of the order on the wire (--order-time last-byte)";
}

TickToTradeAnalyzer::TickToTradeAnalyzer(CorrelationOptions options, FixTime order_time)
    : options_(std::move(options)),
      tag_(options_),
      fix_([this](const FlowKey& flow, const fix::MessageView& message,
                  Nanos time) { on_fix(flow, message, time); },
           order_time) {
  result_.order_time = order_time;
  if (options_.tag <= 0) throw std::invalid_argument("--tag must be a FIX tag number");
  if (options_.window < 0) throw std::invalid_argument("--window-us must not be negative");
  if (options_.window > 0) {
    window_.emplace(options_.window);
    result_.correlation =
        "the first order at most " + std::to_string(options_.window) +
        " ns after a trigger (message types " + options_.trigger_types +
        (options_.trigger_symbol.empty() ? "" : ", symbol " + options_.trigger_symbol) + ")";
  } else {
    result_.correlation = tag_.describe();
  }
}

void TickToTradeAnalyzer::set_listener(Listener* listener) {
  listener_ = listener;
  venue_.set_listener(listener);
}

void TickToTradeAnalyzer::set_streaming() {
  streaming_ = true;
  feed_.bound(std::size_t{1} << 24);
  venue_.set_streaming(true);
}

void TickToTradeAnalyzer::on_frame(int link_type, const Frame& frame) {
  ++result_.frames;
  const Packet packet = decode_packet(link_type, frame.bytes);
  if (packet.transport == Transport::Udp) {
    feed_.on_datagram(
        packet.payload, frame.timestamp,
        [this](std::uint64_t, std::string_view itch, Nanos time) { on_feed_message(itch, time); });
  } else if (packet.transport == Transport::Tcp) {
    fix_.on_segment(packet, frame.timestamp);
  }
}

void TickToTradeAnalyzer::on_feed_message(std::string_view itch, Nanos time) {
  venue_.on_feed(itch, time);
  if (!window_ || itch.size() < 3) return;
  const std::uint16_t locate = wire::load_u16(itch.data() + 1);
  if (!options_.trigger_symbol.empty()) {
    itch::StockDirectory directory;
    if (itch[0] == itch::StockDirectory::kType && itch::decode(itch, directory) &&
        itch::symbol_text(directory.stock) == options_.trigger_symbol) {
      trigger_locate_ = locate;
    }
    if (trigger_locate_ != locate) return;
  }
  if (options_.trigger_types.find(itch[0]) != std::string::npos) window_->add(time);
}

void TickToTradeAnalyzer::on_fix(const FlowKey& flow, const fix::MessageView& message, Nanos time) {
  venue_.on_fix(flow, message, time);
  if (message.msg_type() == fix::msg_type::NewOrderSingle) on_order(message, time);
}

void TickToTradeAnalyzer::on_order(const fix::MessageView& message, Nanos time) {
  ++result_.orders;
  if (window_) {
    const auto trigger = window_->take(time);
    trigger ? matched(time - *trigger) : unmatched();
    return;
  }
  const auto trigger = tag_.sequence(message.get(options_.tag).value_or(std::string_view{}));
  if (!trigger) return unmatched();
  if (const auto arrival = feed_.arrival(*trigger)) {
    *arrival <= time ? matched(time - *arrival) : unmatched();
  } else if (streaming_) {
    unmatched();
  } else {
    pending_.push_back(PendingOrder{*trigger, time});  // its trigger may come later in the file
  }
}

void TickToTradeAnalyzer::matched(Nanos latency) {
  ++result_.matched;
  if (!streaming_) result_.latencies.push_back(latency);
  if (listener_) listener_->on_tick_to_trade(latency);
}

void TickToTradeAnalyzer::unmatched() {
  ++result_.unmatched;
  if (listener_) listener_->on_unmatched_order();
}

TickToTradeResult TickToTradeAnalyzer::finish() {
  for (const PendingOrder& order : pending_) {
    const auto arrival = feed_.arrival(order.trigger);
    arrival&&* arrival <= order.time ? matched(order.time - *arrival) : unmatched();
  }
  pending_.clear();
  TickToTradeResult r = result_;
  r.feed_packets = feed_.packets();
  r.feed_messages = feed_.messages();
  r.fix_messages = fix_.stats().messages;
  r.garbled_fix = fix_.stats().garbled;
  r.other_tcp_flows = fix_.stats().other_flows;
  r.summary = summarize(r.latencies);
  r.venue = venue_.finish();
  return r;
}

}  // namespace vtb::capture
