// bench_feed: the feed handler (MoldUDP64 sequencing, in-place ITCH decode, order-level book with
// price levels) on a synthetic ITCH 5.0 stream: 10 M order messages over 4,000 instruments
// (common/feed/synthetic_feed.hpp has the mix). One iteration applies the whole stream to a fresh
// handler; `ns_per_msg` is the mean per message and `allocs` the heap allocations during it.
//
//   build/bin/bench_feed [--benchmark_repetitions=5 ...]

#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <new>

#include "common/feed/feed_handler.hpp"
#include "common/feed/synthetic_feed.hpp"

// The replaced operator new/delete below are a malloc/free pair; GCC 12 still flags free() on
// memory it saw come from operator new once both are inlined.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace {
std::atomic<std::uint64_t> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

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
    const std::uint64_t allocations_before = g_allocations.load(std::memory_order_relaxed);
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = start_of_day; i < feed.packet_count(); ++i)
      handler->on_datagram(feed.packet(i));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    allocations += g_allocations.load(std::memory_order_relaxed) - allocations_before;
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

}  // namespace

BENCHMARK_MAIN();
