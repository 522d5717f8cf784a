// The feed handler allocates nothing in steady state: once the start of day has listed the
// instruments, a long synthetic stream (adds, deletes, replaces, executions, cancels, orders
// moving to the overflow) goes through without one call to operator new.

#include <gtest/gtest.h>

#include <memory>

#include "common/feed_handler/feed_handler.hpp"
#include "tests/support/synthetic_feed.hpp"
#include "tests/support/allocation_counter.hpp"

namespace vtb::feed {
namespace {

struct Listener {
  std::uint64_t updates = 0;
  void on_book_update(std::uint64_t, std::uint16_t) { ++updates; }
};

TEST(FeedAllocation, NoHeapAllocationAfterTheStartOfDay) {
  SyntheticFeedConfig config;
  config.messages = 1'000'000;
  config.instruments = 1000;
  const SyntheticFeed feed(config);
  Listener listener;
  auto handler = std::make_unique<FeedHandler<Listener>>(listener, 200'000);
  std::size_t i = 0;
  // The start of day: one Stock Directory per instrument.
  for (; handler->book().instrument(config.instruments) == nullptr; ++i)
    handler->on_datagram(feed.packet(i));
  const std::uint64_t before = vtb::testing::allocations();
  for (; i < feed.packet_count(); ++i)
    handler->on_datagram(feed.packet(i));
  EXPECT_EQ(vtb::testing::allocations() - before, 0u);
  EXPECT_EQ(handler->stats().messages, feed.message_count());
  EXPECT_GT(listener.updates, 900'000u);

  // The counter itself works: a vector allocates.
  const std::uint64_t probe = vtb::testing::allocations();
  auto v = std::make_unique<std::vector<int>>(10);
  EXPECT_GT(vtb::testing::allocations(), probe);
}

}  // namespace
}  // namespace vtb::feed
