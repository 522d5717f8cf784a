#include "tools/capture/fix_flows.hpp"

namespace vtb::capture {

namespace {
constexpr std::size_t kMaxFixMessage = 64 * 1024;
constexpr std::size_t kRecognitionBytes = 256;
}  // namespace

const char* fix_time_name(FixTime time) {
  return time == FixTime::FirstByte ? "first-byte" : "last-byte";
}

void FixFlows::on_segment(const Packet& packet, Nanos time) {
  const FlowKey key = FlowKey::of(packet);
  Flow& flow = flows_[key];
  flow.stream.segment(packet.tcp_sequence, packet.tcp_flags & tcp_flag::kSyn, packet.payload, time,
                      [&](std::string_view bytes, Nanos t) { on_bytes(key, flow, bytes, t); });
}

bool FixFlows::recognize(Flow& flow, std::string_view bytes, Nanos time) {
  if (flow.buffer.empty()) flow.buffer_since = time;
  flow.buffer.append(bytes);
  const std::size_t start = flow.buffer.find("8=FIX");
  if (start != std::string::npos) {
    flow.kind = Flow::Kind::Fix;
    flow.buffer.erase(0, start);
    return true;
  }
  if (flow.buffer.size() >= kRecognitionBytes) {
    flow.kind = Flow::Kind::Other;
    ++stats_.other_flows;
    flow.buffer = std::string();
  }
  return false;
}

void FixFlows::on_bytes(const FlowKey& key, Flow& flow, std::string_view bytes, Nanos time) {
  if (flow.kind == Flow::Kind::Other) return;
  if (flow.kind == Flow::Kind::Unknown) {
    if (!recognize(flow, bytes, time)) return;
    bytes = {};  // now in the buffer
  }
  // Parse in place when nothing is pending (the usual case: whole messages per segment); copy
  // only what a split leaves over. What the buffer holds began earlier: at buffer_since.
  std::string_view data = bytes;
  const bool continued = !flow.buffer.empty();
  if (continued) {
    flow.buffer.append(bytes);
    data = flow.buffer;
  }
  const auto started_at = [&](std::size_t offset) {
    return offset == 0 && continued ? flow.buffer_since : time;
  };
  std::size_t consumed = 0;
  while (consumed < data.size()) {
    const std::string_view rest = data.substr(consumed);
    const fix::FrameResult frame = fix::frame_message(rest, kMaxFixMessage);
    if (frame.status == fix::FrameStatus::Incomplete) break;
    if (frame.status != fix::FrameStatus::Complete) {
      ++stats_.garbled;
      if (frame.length > rest.size()) {  // an oversized message: drop what is buffered
        consumed = data.size();
        break;
      }
      consumed += frame.length;
      continue;
    }
    ++stats_.messages;
    on_message_(key, fix::MessageView(rest.substr(0, frame.length)),
                time_ == FixTime::FirstByte ? started_at(consumed) : time);
    consumed += frame.length;
  }
  if (consumed < data.size()) flow.buffer_since = started_at(consumed);
  if (data.data() == flow.buffer.data()) {
    flow.buffer.erase(0, consumed);
  } else {
    flow.buffer.assign(data.substr(consumed));
  }
}

}  // namespace vtb::capture
