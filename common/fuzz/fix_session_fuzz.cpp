// libFuzzer target: the acceptor's session state machine driven by a script of events. Each line
// of the input is one event:
//   '!'         the client disconnects and reconnects
//   '@' digits  that many seconds pass, then the session's timers run
//   anything else  a message body ("35=A|34=1|49=ENGINE|..."), '|' for SOH; the harness adds
//               BeginString, BodyLength and CheckSum so mutations reach the session logic rather
//               than die in framing (a line starting "8=" is sent as it is).
// Beyond "no crash", every byte the session writes must frame as a complete FIX message, and
// the queue of early messages stays bounded by what was fed.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "common/fix/data_dictionary.hpp"
#include "common/fix/message_view.hpp"
#include "common/fix/session.hpp"
#include "common/net/byte_buffer.hpp"

namespace {

using namespace vtb;

const fix::DataDictionary& dictionary() {
  static const fix::DataDictionary d =
      fix::DataDictionary::load(VTB_SOURCE_DIR "/fixtures/venue-fix44.xml");
  return d;
}

fix::SessionConfig venue_config() {
  fix::SessionConfig c;
  c.begin_string = "FIX.4.4";
  c.sender_comp_id = "VENUE";
  c.target_comp_id = "ENGINE";
  c.reset_on_logon = true;
  return c;
}

std::string framed(std::string_view line) {
  std::string body(line);
  for (char& c : body) {
    if (c == '|') c = fix::kSoh;
  }
  if (body.rfind("8=", 0) == 0) return body;
  std::string message =
      "8=FIX.4.4\x01"
      "9=" +
      std::to_string(body.size()) + '\x01' + body;
  char trailer[8];
  std::snprintf(trailer, sizeof trailer, "10=%03u\x01", fix::checksum(message));
  return message + trailer;
}

// Everything the session wrote must be whole FIX messages.
void drain(net::ByteBuffer& outbox) {
  while (!outbox.empty()) {
    const auto bytes = outbox.readable();
    const auto frame = fix::frame_message(bytes, 1 << 20);
    if (frame.status != fix::FrameStatus::Complete) __builtin_trap();
    outbox.consume(frame.length);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  net::ByteBuffer outbox(1 << 16);
  fix::Session session(venue_config(), outbox);
  session.set_dictionaries(&dictionary(), &dictionary());
  // 2026-11-22 11:32:30 UTC, the SendingTime the seed corpus uses.
  Now now{1'000 * kNanosPerSecond, 1'795'347'150LL * kNanosPerSecond};
  session.on_connect(now);

  std::string_view script(reinterpret_cast<const char*>(data), size);
  std::size_t messages = 0;
  while (!script.empty()) {
    const std::size_t end = script.find('\n');
    const std::string_view line = script.substr(0, end);
    script.remove_prefix(end == std::string_view::npos ? script.size() : end + 1);
    if (line == "!") {
      session.on_disconnect();
      drain(outbox);
      session.on_connect(now);
    } else if (!line.empty() && line[0] == '@') {
      std::int64_t seconds = 0;
      for (const char c : line.substr(1, 6)) {
        if (c >= '0' && c <= '9') seconds = seconds * 10 + (c - '0');
      }
      now.mono += seconds * kNanosPerSecond;
      now.wall += seconds * kNanosPerSecond;
      session.on_timer(now);
    } else {
      const std::string bytes = framed(line);
      const auto frame = fix::frame_message(bytes, 1 << 16);
      if (frame.status != fix::FrameStatus::Complete) continue;
      ++messages;
      const fix::MessageView message(std::string_view(bytes).substr(0, frame.length));
      (void)session.on_message(message, now);
      session.process_queue(now, [](const fix::MessageView&) {});
    }
    if (session.queued() > messages) __builtin_trap();
    drain(outbox);
    if (session.wants_disconnect()) {
      session.on_disconnect();
      session.on_connect(now);
    }
  }
  return 0;
}
