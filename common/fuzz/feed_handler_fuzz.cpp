// libFuzzer target: the feed handler against arbitrary datagrams and snapshot traffic, with gap
// recovery on (re-requests go nowhere) and a book small enough to hit its limits. Whatever a
// network delivers must never crash it or break its book.
//
// Input: a sequence of operations, each a byte then its data: 0 datagram (2-byte length, bytes),
// 1 poll 30 ms later, 2 begin_snapshot, 3 a snapshot message (2-byte length, bytes),
// 4 end_snapshot (8-byte sequence), 5 abandon_snapshot.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "common/feed_handler/feed_handler.hpp"

namespace {

struct Listener {
  std::uint64_t requests = 0;
  void on_book_update(std::uint64_t, std::uint16_t) {}
  void request_retransmission(const vtb::moldudp64::SessionId&, std::uint64_t, std::uint16_t) {
    ++requests;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Listener listener;
  vtb::feed::RecoveryConfig recovery;
  recovery.hold_bytes = 1 << 14;
  vtb::feed::FeedHandler<Listener> handler(listener, 64, recovery);
  const char* p = reinterpret_cast<const char*>(data);
  const char* const end = p + size;
  vtb::Nanos now = 1'000'000'000;
  const auto chunk = [&](std::string_view& out) {
    if (end - p < 2) return false;
    const std::size_t length =
        static_cast<std::uint8_t>(p[0]) << 8 | static_cast<std::uint8_t>(p[1]);
    p += 2;
    if (static_cast<std::size_t>(end - p) < length) return false;
    out = {p, length};
    p += length;
    return true;
  };
  while (p < end) {
    const auto op = static_cast<std::uint8_t>(*p++) % 6;
    std::string_view bytes;
    switch (op) {
      case 0:
        if (!chunk(bytes)) return 0;
        handler.on_datagram(bytes);
        break;
      case 1:
        handler.poll(now += 30'000'000);
        break;
      case 2:
        handler.begin_snapshot();
        break;
      case 3:
        if (!chunk(bytes)) return 0;
        handler.apply_snapshot_message(bytes);
        break;
      case 4: {
        if (end - p < 8) return 0;
        std::uint64_t sequence;
        std::memcpy(&sequence, p, 8);
        p += 8;
        handler.end_snapshot(sequence % 100'000);
        break;
      }
      case 5:
        handler.abandon_snapshot();
        break;
    }
  }
  // The book is consistent: every level's count matches the orders in it.
  std::size_t orders = 0;
  for (std::uint16_t locate = 1; locate != 0; ++locate) {
    const vtb::feed::InstrumentBook* book = handler.book().instrument(locate);
    if (!book) continue;
    for (const auto* side : {&book->bids, &book->asks})
      for (std::size_t i = 0; i < side->depth(); ++i)
        orders += side->level(i).orders;
  }
  if (orders != handler.book().live_orders()) __builtin_trap();
  return 0;
}
