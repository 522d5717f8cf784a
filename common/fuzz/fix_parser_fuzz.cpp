// libFuzzer target: arbitrary bytes through everything that reads FIX off the wire — framing,
// the in-place field iterator, typed getters and dictionary validation. Beyond "no crash" (ASan
// and UBSan watch every access), it checks the framer's contract: every result it gives makes
// progress and stays inside the buffer, so a receive loop can never spin or overrun.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/fix/data_dictionary.hpp"
#include "common/fix/message_view.hpp"
#include "common/fix/tags.hpp"
#include "common/fix/utc_timestamp.hpp"
#include "common/text/decimal.hpp"

namespace {

using namespace vtb;

const fix::DataDictionary& dictionary() {
  static const fix::DataDictionary d =
      fix::DataDictionary::load(VTB_SOURCE_DIR "/fixtures/venue-fix44.xml");
  return d;
}

void read_fields(std::string_view bytes) {
  const fix::MessageView message(bytes);
  for (const fix::Field& f : message) {
    // Every value is a view inside the message.
    if (f.value.data() < bytes.data() ||
        f.value.data() + f.value.size() > bytes.data() + bytes.size())
      __builtin_trap();
    (void)text::parse_price(f.value);
    (void)fix::parse_utc_timestamp(f.value);
  }
  (void)message.msg_type();
  (void)message.get_int(fix::tag::MsgSeqNum);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  read_fields(input);  // the iterator must cope with unframed bytes too

  constexpr std::size_t kMaxMessage = 4096;
  std::string_view rest = input;
  while (!rest.empty()) {
    const fix::FrameResult frame = fix::frame_message(rest, kMaxMessage);
    if (frame.status == fix::FrameStatus::Incomplete) break;
    if (frame.status == fix::FrameStatus::Oversized) {
      if (frame.length <= kMaxMessage) __builtin_trap();
      break;  // a receiver discards that many bytes, arrived or not
    }
    if (frame.length == 0 || frame.length > rest.size()) __builtin_trap();
    if (frame.status == fix::FrameStatus::Complete) {
      const std::string_view bytes = rest.substr(0, frame.length);
      read_fields(bytes);
      (void)fix::validate_message(fix::MessageView(bytes), dictionary(), dictionary());
    }
    rest.remove_prefix(frame.length);
  }
  return 0;
}
