#include "common/capture/tick_to_trade.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include "common/capture/packet_decode.hpp"
#include "common/fix/message_view.hpp"
#include "common/moldudp64/packet.hpp"

namespace vtb::capture {

namespace {

constexpr std::size_t kMaxFixMessage = 64 * 1024;

// The trigger's sequence number from a ClOrdID of the convention: digits, then '-' or the end.
std::optional<std::uint64_t> trigger_of(std::string_view cl_ord_id) {
  std::uint64_t sequence = 0;
  const auto [end, error] =
      std::from_chars(cl_ord_id.data(), cl_ord_id.data() + cl_ord_id.size(), sequence);
  if (error != std::errc() || end == cl_ord_id.data()) return std::nullopt;
  if (end != cl_ord_id.data() + cl_ord_id.size() && *end != '-') return std::nullopt;
  return sequence;
}

// `per_100k`: the percentile in thousandths of a percent (99.9 % is 99,900), so that the rank,
// ceil(p * n / 100), is computed exactly.
Nanos nearest_rank(const std::vector<Nanos>& sorted, std::uint64_t per_100k) {
  const std::uint64_t n = sorted.size();
  const std::uint64_t rank = std::max<std::uint64_t>(1, (per_100k * n + 99'999) / 100'000);
  return sorted[rank - 1];
}

}  // namespace

LatencySummary summarize(std::vector<Nanos> latencies) {
  LatencySummary s;
  s.count = latencies.size();
  if (latencies.empty()) return s;
  std::sort(latencies.begin(), latencies.end());
  s.min = latencies.front();
  s.max = latencies.back();
  s.p50 = nearest_rank(latencies, 50'000);
  s.p90 = nearest_rank(latencies, 90'000);
  s.p99 = nearest_rank(latencies, 99'000);
  s.p999 = nearest_rank(latencies, 99'900);
  return s;
}

void TickToTradeAnalyzer::on_frame(int link_type, const Frame& frame) {
  ++result_.frames;
  const Packet packet = decode_packet(link_type, frame.bytes);
  if (packet.transport == Transport::Udp) {
    on_feed(packet.payload, frame.timestamp);
  } else if (packet.transport == Transport::Tcp) {
    Flow& flow = flows_[{packet.source_ip, packet.source_port, packet.destination_ip,
                         packet.destination_port}];
    flow.stream.segment(packet.tcp_sequence, packet.tcp_flags & tcp_flag::kSyn, packet.payload,
                        frame.timestamp,
                        [&](std::string_view bytes, Nanos time) { on_fix(flow, bytes, time); });
  }
}

void TickToTradeAnalyzer::on_feed(std::string_view payload, Nanos time) {
  auto packet = moldudp64::PacketReader::parse(payload);
  if (!packet || packet->is_heartbeat() || packet->is_end_of_session()) return;
  ++result_.feed_packets;
  const std::uint64_t first = packet->header().sequence;
  if (first_arrival_.empty()) first_sequence_ = first;
  if (first < first_sequence_) return;  // before the first packet seen: not kept
  const std::uint64_t end = first + packet->header().count - first_sequence_;
  if (end > first_arrival_.size()) first_arrival_.resize(end, 0);
  for (std::uint64_t i = first - first_sequence_; i < end; ++i) {
    if (first_arrival_[i] == 0) {
      first_arrival_[i] = time;
      ++result_.feed_messages;
    }
  }
}

void TickToTradeAnalyzer::on_fix(Flow& flow, std::string_view bytes, Nanos time) {
  flow.buffer.append(bytes);
  std::size_t consumed = 0;
  for (;;) {
    const std::string_view rest = std::string_view(flow.buffer).substr(consumed);
    if (rest.empty()) break;
    const fix::FrameResult frame = fix::frame_message(rest, kMaxFixMessage);
    if (frame.status == fix::FrameStatus::Incomplete) break;
    if (frame.status != fix::FrameStatus::Complete) {
      ++result_.garbled_fix;
      if (frame.length > rest.size()) {  // an oversized message: give up on this flow's buffer
        consumed = flow.buffer.size();
        break;
      }
      consumed += frame.length;
      continue;
    }
    ++result_.fix_messages;
    const fix::MessageView message(rest.substr(0, frame.length));
    consumed += frame.length;
    if (message.msg_type() != "D") continue;
    ++result_.orders;
    const auto trigger = trigger_of(message.get(11).value_or(std::string_view{}));
    orders_.push_back(Order{trigger.value_or(0), trigger.has_value(), time});
  }
  flow.buffer.erase(0, consumed);
}

TickToTradeResult TickToTradeAnalyzer::finish() {
  for (const Order& order : orders_) {
    const bool known = order.tagged && order.trigger >= first_sequence_ &&
                       order.trigger - first_sequence_ < first_arrival_.size() &&
                       first_arrival_[order.trigger - first_sequence_] != 0;
    const Nanos trigger_time = known ? first_arrival_[order.trigger - first_sequence_] : 0;
    if (!known || trigger_time > order.time) {
      ++result_.unmatched;
      continue;
    }
    ++result_.matched;
    result_.latencies.push_back(order.time - trigger_time);
  }
  result_.summary = summarize(result_.latencies);
  return result_;
}

}  // namespace vtb::capture
