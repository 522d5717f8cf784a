#include "simulator/feed_publisher/itch_publisher.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "common/feed_handler/feed_handler.hpp"
#include "common/moldudp64/packet.hpp"
#include "common/soupbintcp/packet.hpp"
#include "simulator/feed_publisher/snapshot.hpp"
#include "simulator/matching/matching_engine.hpp"
#include "simulator/tests/feed_book_check.hpp"

namespace vtb::sim {
namespace {

struct CollectingSink : DatagramSink {
  std::vector<std::string> datagrams;
  void send(std::string_view d) override { datagrams.emplace_back(d); }
};

struct NoOp {
  void on_book_update(std::uint64_t, std::uint16_t) {}
};

std::vector<Instrument> instruments() {
  return {Instrument{1, "ACME", 100, 1, 1'000'000}};
}

// A Day buy of 100 on ACME that rests (nothing to trade with).
OrderRequest resting_buy(Price price = 1'000'000, OwnerId owner = 1) {
  OrderRequest r;
  r.instrument = 1;
  r.price = price;
  r.quantity = 100;
  r.owner = owner;
  return r;
}

std::vector<char> message_types(const std::vector<std::string>& datagrams) {
  std::vector<char> types;
  for (const auto& d : datagrams) {
    auto p = moldudp64::PacketReader::parse(d);
    EXPECT_TRUE(p);
    if (!p || p->is_heartbeat() || p->is_end_of_session()) continue;
    for (int i = 0; i < p->header().count; ++i)
      types.push_back(p->next()[0]);
  }
  return types;
}

struct PublisherTest : ::testing::Test {
  CollectingSink sink;
  MatchingEngine engine{instruments()};
  ItchPublisher publisher{PublisherConfig{}, instruments(), sink};
  PublisherTest() { engine.add_listener(&publisher); }
  OrderRequest order(Side side, Price price, Quantity qty, TimeInForce tif = TimeInForce::Day) {
    OrderRequest r;
    r.instrument = 1;
    r.side = side;
    r.price = price;
    r.quantity = qty;
    r.owner = 1;
    r.time_in_force = tif;
    return r;
  }
};

TEST_F(PublisherTest, StartOfDayAnnouncesTheSystemAndEveryInstrument) {
  publisher.start_of_day(Now::read());
  EXPECT_EQ(message_types(sink.datagrams), (std::vector<char>{'S', 'R', 'S', 'S'}));
  EXPECT_EQ(publisher.next_sequence(), 5u);
}

TEST_F(PublisherTest, BookEventsBecomeAddExecuteDelete) {
  const OrderId resting = engine.submit(order(Side::Sell, 1'000'100, 100));
  engine.submit(order(Side::Buy, 1'000'100, 40, TimeInForce::ImmediateOrCancel));  // trades
  engine.submit(order(Side::Buy, 999'000, 10, TimeInForce::ImmediateOrCancel));    // no trade
  engine.cancel(resting, 1);
  publisher.flush(Now::read());
  // The unfilled IOC never rested, so the feed never shows it.
  EXPECT_EQ(message_types(sink.datagrams), (std::vector<char>{'A', 'E', 'D'}));
}

TEST_F(PublisherTest, ReplacesBecomeCancelReplaceOrDeleteThenAdd) {
  const OrderId sell = engine.submit(order(Side::Sell, 1'000'100, 100));
  const OrderId buy = engine.submit(order(Side::Buy, 999'000, 80));
  engine.replace(sell, 1, 1'000'100, 60);  // smaller, same price: X, keeps its place
  engine.replace(sell, 1, 1'000'200, 60);  // new price: U to a new reference
  engine.replace(buy, 1, 1'000'200, 80);   // crosses: D, then E against the sell, then A of 20
  publisher.flush(Now::read());
  EXPECT_EQ(message_types(sink.datagrams), (std::vector<char>{'A', 'A', 'X', 'U', 'D', 'E', 'A'}));
}

TEST_F(PublisherTest, PacketsNeverExceedTheConfiguredPayloadAndSequenceIsContiguous) {
  for (int i = 0; i < 200; ++i)
    engine.submit(order(Side::Buy, 900'000 + i * 100, 10));
  publisher.flush(Now::read());
  std::uint64_t expected = 1;
  for (const auto& d : sink.datagrams) {
    EXPECT_LE(d.size(), 1400u);
    auto p = moldudp64::PacketReader::parse(d);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->header().sequence, expected);
    expected += p->header().count;
  }
  EXPECT_EQ(expected, 201u);
  EXPECT_GT(sink.datagrams.size(), 1u);
}

TEST_F(PublisherTest, HeartbeatWhenIdleCarriesTheNextSequence) {
  Now now = Now::read();
  publisher.on_timer(now);
  EXPECT_TRUE(sink.datagrams.empty() ||
              moldudp64::PacketReader::parse(sink.datagrams.back())->is_heartbeat());
  now.mono += 2 * kNanosPerSecond;
  publisher.on_timer(now);
  ASSERT_FALSE(sink.datagrams.empty());
  auto hb = moldudp64::PacketReader::parse(sink.datagrams.back());
  ASSERT_TRUE(hb);
  EXPECT_TRUE(hb->is_heartbeat());
  EXPECT_EQ(hb->header().sequence, publisher.next_sequence());
}

TEST_F(PublisherTest, EndOfDayClosesTheSession) {
  publisher.end_of_day(Now::read());
  auto last = moldudp64::PacketReader::parse(sink.datagrams.back());
  ASSERT_TRUE(last);
  EXPECT_TRUE(last->is_end_of_session());
}

// The feed describes the venue's book exactly as it shows: a handler fed every packet ends with
// the same price levels as the matching core, counting only what orders display (icebergs' peaks;
// pending stops not at all), through replaces, iceberg refills, triggered stops and self-match
// decrements.
TEST_F(PublisherTest, AFeedHandlerRebuildsTheVenueBook) {
  std::mt19937_64 rng(3);
  struct Paths : MatchingListener {
    int refills = 0, triggers = 0, decrements = 0;
    void on_replenished(const Order&, OrderId) override { ++refills; }
    void on_triggered(const Order&) override { ++triggers; }
    void on_decremented(const Order&, Quantity, Quantity, bool) override { ++decrements; }
  } paths;
  engine.add_listener(&paths);
  const auto some_resting_order = [&]() -> OrderId {
    const auto& levels = engine.book(1).levels(rng() % 2 ? Side::Buy : Side::Sell);
    if (levels.empty()) return 0;
    const auto queue = engine.queue(levels[rng() % levels.size()]);
    return queue[rng() % queue.size()]->id;
  };
  const auto near = [&](int ticks) {
    return 1'000'000 + (static_cast<Price>(rng() % (2 * ticks + 1)) - ticks) * 100;
  };
  for (int i = 0; i < 5000; ++i) {
    const OrderId resting = some_resting_order();
    if (resting && rng() % 4 == 0) {
      engine.cancel(resting, engine.find(resting)->request.owner);
    } else if (resting && rng() % 4 == 0) {  // replaces: X, U, or D + executions + A
      engine.replace(resting, engine.find(resting)->request.owner, near(5),
                     1 + static_cast<Quantity>(rng() % 50));
    } else {
      OrderRequest r = order(rng() % 2 ? Side::Buy : Side::Sell, near(5), 1 + rng() % 50,
                             rng() % 4 == 0 ? TimeInForce::ImmediateOrCancel : TimeInForce::Day);
      r.owner = 1 + static_cast<OwnerId>(rng() % 3);
      if (rng() % 5 == 0) r.self_match = SelfMatchPrevention::Decrement;
      if (r.time_in_force == TimeInForce::Day && rng() % 4 == 0)
        r.display_quantity = std::min<Quantity>(r.quantity, 1 + rng() % 10);
      if (rng() % 10 == 0) {
        r.type = OrderType::StopLimit;
        const Price last = engine.last_trade_price(1);
        r.stop_price = (last ? last : 1'000'000) + (r.side == Side::Buy ? 100 : -100);
      }
      engine.submit(r);
    }
    if (i % 7 == 0) publisher.flush(Now::read());
  }
  publisher.flush(Now::read());
  NoOp listener;
  feed::FeedHandler<NoOp> handler(listener);
  for (const auto& d : sink.datagrams)
    handler.on_datagram(d);
  EXPECT_EQ(handler.stats().gaps, 0u);
  EXPECT_EQ(handler.book().unknown_order_references(), 0u);
  expect_feed_book_matches(engine, 1, handler.book());
  // The run went through the paths that publish something other than plain adds and executions.
  EXPECT_GT(paths.refills, 10);
  EXPECT_GT(paths.triggers, 10);
  EXPECT_GT(paths.decrements, 10);
}

}  // namespace
}  // namespace vtb::sim

namespace vtb::sim {
namespace {

TEST(PublisherFlush, WithoutAnIntervalAPacketGoesOutAtTheEndOfEachInput) {
  CollectingSink sink;
  ItchPublisher publisher{PublisherConfig{}, instruments(), sink};
  MatchingEngine engine{instruments()};
  engine.add_listener(&publisher);
  OrderRequest r = resting_buy();
  engine.submit(r);
  EXPECT_TRUE(sink.datagrams.empty());
  publisher.after_input(Now::read());
  EXPECT_EQ(message_types(sink.datagrams), (std::vector<char>{'A'}));
  EXPECT_FALSE(publisher.flush_deadline());
}

TEST(PublisherFlush, WithAnIntervalAPacketWaitsForMoreUntilItsFirstMessageIsThatOld) {
  CollectingSink sink;
  PublisherConfig config;
  config.flush_interval = 50'000;  // 50 µs
  ItchPublisher publisher{config, instruments(), sink};
  MatchingEngine engine{instruments()};
  engine.add_listener(&publisher);
  OrderRequest r = resting_buy();
  const Nanos before = monotonic_ns();
  engine.submit(r);
  Now now{before, wall_clock_ns()};
  publisher.after_input(now);
  engine.submit(r);
  publisher.after_input(now);
  EXPECT_TRUE(sink.datagrams.empty());
  const std::optional<Nanos> due = publisher.flush_deadline();
  ASSERT_TRUE(due);
  EXPECT_GE(*due, before + config.flush_interval);
  now.mono = *due;
  publisher.after_input(now);
  EXPECT_EQ(message_types(sink.datagrams), (std::vector<char>{'A', 'A'}));  // one packet
  EXPECT_EQ(sink.datagrams.size(), 1u);
  EXPECT_FALSE(publisher.flush_deadline());
}

TEST(PublisherImbalance, ReportsTheIndicativeAuctionOfACall) {
  CollectingSink sink;
  ItchPublisher publisher{PublisherConfig{}, instruments(), sink};
  publisher.imbalance(1, TradingPhase::PreOpen, AuctionQuote{1'010'000, 300, -200}, 1'000'000);
  publisher.imbalance(1, TradingPhase::PreClose, AuctionQuote{}, 1'000'000);
  publisher.flush(Now::read());
  ASSERT_EQ(sink.datagrams.size(), 1u);
  auto packet = moldudp64::PacketReader::parse(sink.datagrams[0]);
  ASSERT_TRUE(packet);
  itch::NetOrderImbalance m;
  ASSERT_TRUE(itch::decode(packet->next(), m));
  EXPECT_EQ(m.header.stock_locate, 1);
  EXPECT_EQ(itch::symbol_text(m.stock), "ACME");
  EXPECT_EQ(m.paired_shares, 300u);
  EXPECT_EQ(m.imbalance_shares, 200u);
  EXPECT_EQ(m.imbalance_direction, 'S');
  EXPECT_EQ(m.near_price, 1'010'000u);
  EXPECT_EQ(m.far_price, 1'010'000u);
  EXPECT_EQ(m.current_reference_price, 1'000'000u);
  EXPECT_EQ(m.cross_type, 'O');
  EXPECT_EQ(m.price_variation_indicator, '1');  // 1 % from the reference
  ASSERT_TRUE(itch::decode(packet->next(), m));
  EXPECT_EQ(m.imbalance_direction, 'O');  // nothing would cross
  EXPECT_EQ(m.paired_shares, 0u);
  EXPECT_EQ(m.near_price, 0u);
  EXPECT_EQ(m.cross_type, 'C');
  EXPECT_EQ(m.price_variation_indicator, ' ');
  EXPECT_EQ(publisher.stats().imbalances, 2u);
}

}  // namespace
}  // namespace vtb::sim

namespace vtb::sim {
namespace {

// A session with an MPID: its resting orders are Add Order with MPID (F), on the feed and in
// snapshots; everybody else's stay anonymous (A). A feed handler books both.
TEST(PublisherAttribution, AttributedOwnersOrdersCarryTheirMpid) {
  CollectingSink sink;
  ItchPublisher publisher{PublisherConfig{}, instruments(), sink};
  Attributions attributions;
  attributions.set(2, "CLT1");
  publisher.set_attributions(&attributions);
  MatchingEngine engine{instruments()};
  engine.add_listener(&publisher);
  OrderRequest r = resting_buy();
  engine.submit(r);
  r.owner = 2;
  r.price = 999'900;
  engine.submit(r);
  publisher.flush(Now::read());
  EXPECT_EQ(message_types(sink.datagrams), (std::vector<char>{'A', 'F'}));
  auto packet = moldudp64::PacketReader::parse(sink.datagrams.back());
  packet->next();
  itch::AddOrderMpid f;
  ASSERT_TRUE(itch::decode(packet->next(), f));
  EXPECT_EQ(std::string(f.attribution.data(), 4), "CLT1");
  EXPECT_EQ(f.price, 999'900u);

  const std::string snapshot = glimpse_snapshot(engine, instruments(), publisher.next_sequence(),
                                                wall_clock_ns(), &attributions);
  soupbintcp::StreamReader reader;
  reader.append(snapshot);
  std::string adds;
  while (const auto p = reader.next()) {
    if (p->payload[0] == 'A' || p->payload[0] == 'F') adds += p->payload[0];
  }
  EXPECT_EQ(adds, "AF");  // bids best first: owner 1's 100.00, then owner 2's 99.99

  NoOp listener;
  feed::FeedHandler<NoOp> handler(listener, 1000);
  for (const auto& d : sink.datagrams)
    handler.on_datagram(d);
  expect_feed_book_matches(engine, 1, handler.book());
}

}  // namespace
}  // namespace vtb::sim
