// bench_feed: both ends of the market-data feed.
//  - BM_FeedHandler: the feed handler (MoldUDP64 sequencing, in-place ITCH decode, order-level
//    book with price levels) on a synthetic ITCH 5.0 stream: 10 M order messages over 4,000
//    instruments (tests/support/synthetic_feed.hpp has the mix). One iteration applies the whole
//    stream to a fresh handler; `ns_per_msg` is the mean per message and `allocs` the heap
//    allocations during it.
//  - BM_PublisherLoopback: the venue's publisher (matching core events -> ITCH -> MoldUDP64 ->
//    multicast on loopback, pinned to CPU 0) and a busy-polling subscriber on CPU 1 that checks
//    every sequence number: `msgs_per_s` from the first send to the last message received, and
//    `lost` messages (must be 0). Argument: the flush interval in µs (0: a packet per input).
//
//   build/bin/bench_feed [--benchmark_repetitions=5 ...]

#include <benchmark/benchmark.h>

#include "tests/support/allocation_counter.hpp"

#include <atomic>
#include <chrono>
#include <memory>

#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <thread>
#include <vector>

#include "common/feed_handler/feed_handler.hpp"
#include "tests/support/synthetic_feed.hpp"
#include "common/moldudp64/packet.hpp"
#include "common/net/cpu_affinity.hpp"
#include "common/net/multicast.hpp"
#include "simulator/feed_publisher/itch_publisher.hpp"
#include "simulator/feed_publisher/multicast_sink.hpp"
#include "simulator/matching/matching_engine.hpp"

namespace {

using vtb::feed::FeedHandler;
using vtb::feed::SyntheticFeed;
using vtb::feed::SyntheticFeedConfig;

struct Strategy {  // what a strategy would do with each update, minus the strategy
  std::uint64_t updates = 0;
  std::uint64_t last_sequence = 0;
  void on_book_update(std::uint64_t sequence, std::uint16_t) {
    ++updates;
    last_sequence = sequence;
  }
};

const SyntheticFeed& stream(std::uint64_t messages) {
  static std::unique_ptr<SyntheticFeed> feed;
  if (!feed || feed->message_count() < messages) {
    SyntheticFeedConfig config;
    config.messages = messages;
    feed = std::make_unique<SyntheticFeed>(config);
  }
  return *feed;
}

void BM_FeedHandler(benchmark::State& state) {
  const SyntheticFeed& feed = stream(static_cast<std::uint64_t>(state.range(0)));
  // The start of day (one Stock Directory per instrument, which sizes each book) is not timed.
  std::size_t start_of_day = 0;
  while (feed.packet(start_of_day).data()[vtb::moldudp64::kHeaderSize + 2] ==
         vtb::itch::StockDirectory::kType)
    ++start_of_day;
  std::uint64_t allocations = 0;
  double seconds = 0;
  double live_orders = 0;
  for (auto _ : state) {
    Strategy strategy;
    auto handler = std::make_unique<FeedHandler<Strategy>>(strategy, 1u << 20);
    for (std::size_t i = 0; i < start_of_day; ++i)
      handler->on_datagram(feed.packet(i));
    const std::uint64_t allocations_before = vtb::testing::allocations();
    // Timed from the start of day to the last message received.
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = start_of_day; i < feed.packet_count(); ++i)
      handler->on_datagram(feed.packet(i));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    allocations += vtb::testing::allocations() - allocations_before;
    state.SetIterationTime(std::chrono::duration<double>(elapsed).count());
    seconds += std::chrono::duration<double>(elapsed).count();
    benchmark::DoNotOptimize(strategy.last_sequence);
    if (handler->stats().messages != feed.message_count()) state.SkipWithError("messages lost");
    const vtb::feed::BookStats& book = handler->book().stats();
    if (book.unknown_references + book.duplicate_references + book.dropped_orders +
            book.invalid_messages !=
        0) {
      state.SkipWithError("the book disagrees with the stream");
    }
    live_orders = static_cast<double>(handler->book().live_orders());
  }
  const auto messages = static_cast<double>(feed.message_count());
  state.SetItemsProcessed(static_cast<std::int64_t>(feed.message_count() * state.iterations()));
  // Directory messages are few (one per instrument) and counted with the rest.
  state.counters["ns_per_msg"] =
      seconds * 1e9 / (messages * static_cast<double>(state.iterations()));
  state.counters["allocs"] =
      static_cast<double>(allocations) / static_cast<double>(state.iterations());
  state.counters["live_orders"] = live_orders;
  state.counters["msgs_per_packet"] = messages / static_cast<double>(feed.packet_count());
}
BENCHMARK(BM_FeedHandler)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// Subscriber: every datagram of the group, busy-polled; counts messages and sequence holes.
struct Subscriber {
  std::atomic<bool> done{false};
  std::uint64_t messages = 0;
  std::uint64_t packets = 0;
  std::uint64_t lost = 0;
  std::chrono::steady_clock::time_point last;

  void run(boost::asio::ip::udp::socket& socket) {
    vtb::net::pin_current_thread(1);
    char datagram[65536];
    std::uint64_t expected = 1;
    for (;;) {
      boost::system::error_code ec;
      const std::size_t n = socket.receive(boost::asio::buffer(datagram), 0, ec);
      if (ec) continue;  // would block: spin
      auto packet = vtb::moldudp64::PacketReader::parse({datagram, n});
      if (!packet) continue;
      const vtb::moldudp64::Header& h = packet->header();
      if (packet->is_end_of_session()) {
        if (h.sequence > expected) lost += h.sequence - expected;
        break;
      }
      if (h.count == 0) continue;
      if (h.sequence > expected) lost += h.sequence - expected;
      expected = h.sequence + h.count;
      messages += h.count;
      ++packets;
      last = std::chrono::steady_clock::now();
    }
    done = true;
  }
};

void BM_PublisherLoopback(benchmark::State& state) {
  using namespace vtb;
  using namespace vtb::sim;
  const int pid = static_cast<int>(::getpid());
  const net::UdpEndpoint group = net::UdpEndpoint::parse_group(
      "239.254." + std::to_string(pid % 250) + ".9:" + std::to_string(47000 + pid % 1000), "group");
  const auto loopback = net::parse_ipv4("127.0.0.1", "interface");
  constexpr int kInputs = 2'000'000;
  std::vector<Instrument> instruments;
  for (InstrumentId i = 1; i <= 8; ++i)
    instruments.push_back(Instrument{i, "SYM" + std::to_string(i), 100, 1, 1'000'000});
  double seconds = 0, messages = 0, packets = 0, lost = 0;
  for (auto _ : state) {
    boost::asio::io_context io;
    auto receiver = net::open_multicast_receiver(io, group, loopback, true);
    const int size = 64 << 20;  // as root, past net.core.rmem_max
    ::setsockopt(receiver.native_handle(), SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size);
    MulticastSink sink(io, loopback, 1, group, std::nullopt);
    PublisherConfig config;
    config.flush_interval = state.range(0) * 1000;
    MatchingEngine engine(instruments);
    ItchPublisher publisher(config, instruments, sink);
    engine.add_listener(&publisher);
    Subscriber subscriber;
    std::thread thread([&] { subscriber.run(receiver); });
    net::pin_current_thread(0);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));

    // Resting orders that never cross (bids below, offers above the reference), each cancelled
    // later: an Add Order and an Order Delete per order.
    std::vector<OrderId> live(1024, 0);
    // Timed from the start of day to the last message received.
    const auto start = std::chrono::steady_clock::now();
    publisher.start_of_day(Now::read());
    for (int i = 0; i < kInputs; ++i) {
      OrderId& slot = live[static_cast<std::size_t>(i) % live.size()];
      if (slot != 0 && i % 2 == 1) {
        engine.cancel(slot, 1);
        slot = 0;
      } else {
        OrderRequest r;
        r.instrument = static_cast<InstrumentId>(1 + i % 8);
        r.side = i % 4 < 2 ? Side::Buy : Side::Sell;
        r.price = 1'000'000 + (r.side == Side::Buy ? -1 : 1) * (100 + 100 * (i % 7));
        r.quantity = 100;
        r.owner = 1;
        if (slot == 0) slot = engine.submit(r);
      }
      publisher.after_input(Now{monotonic_ns(), 0});
    }
    publisher.end_of_day(Now::read());
    thread.join();
    const double elapsed = std::chrono::duration<double>(subscriber.last - start).count();
    state.SetIterationTime(elapsed);
    seconds += elapsed;
    messages += static_cast<double>(subscriber.messages);
    packets += static_cast<double>(subscriber.packets);
    lost += static_cast<double>(subscriber.lost);
    if (subscriber.messages + subscriber.lost != publisher.next_sequence() - 1) {
      state.SkipWithError("the subscriber's count disagrees with the publisher's");
    }
  }
  state.counters["msgs_per_s"] = messages / seconds;
  state.counters["msgs_per_packet"] = messages / packets;
  state.counters["lost"] = lost;
}
BENCHMARK(BM_PublisherLoopback)
    ->Arg(0)
    ->Arg(20)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
