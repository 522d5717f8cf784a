#include "common/feed_handler/feed_handler.hpp"
#include "tests/support/synthetic_feed.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace vtb::feed {
namespace {

struct Recorder {
  std::vector<std::pair<std::uint64_t, std::uint16_t>> updates;
  void on_book_update(std::uint64_t sequence, std::uint16_t locate) {
    updates.emplace_back(sequence, locate);
  }
};

// Builds MoldUDP64 packets of ITCH messages with consecutive sequence numbers.
class Stream {
 public:
  template <class... M>
  std::string packet(const M&... messages) {
    moldudp64::PacketBuilder b(buffer_, sizeof buffer_, moldudp64::make_session("TEST"));
    b.start(next_);
    (itch::encode(messages, b.add_message(M::kSize)), ...);
    next_ += sizeof...(M);
    return std::string(b.finish());
  }
  void skip(std::uint64_t n) { next_ += n; }

 private:
  char buffer_[1500];
  std::uint64_t next_ = 1;
};

itch::AddOrder add(std::uint64_t ref, char side, std::uint32_t shares, std::uint32_t price) {
  return itch::AddOrder{{1, 0, 0}, ref, side, shares, itch::make_symbol("ACME"), price};
}

TEST(FeedHandler, BuildsTheBookAndReportsEachUpdateWithItsSequence) {
  Recorder r;
  FeedHandler<Recorder> handler(r);
  Stream s;
  handler.on_datagram(
      s.packet(add(1, 'B', 100, 999'900), add(2, 'S', 200, 1'000'100), add(3, 'B', 50, 999'900)));
  handler.on_datagram(s.packet(itch::OrderExecuted{{1, 0, 0}, 2, 150, 1}));
  const InstrumentBook* book = handler.book().instrument(1);
  ASSERT_NE(book, nullptr);
  EXPECT_EQ(itch::symbol_text(book->symbol), "ACME");
  EXPECT_EQ(handler.book().locate_of("ACME"), 1);
  ASSERT_TRUE(book->bids.best());
  EXPECT_EQ(book->bids.best()->price, 999'900);
  EXPECT_EQ(book->bids.best()->quantity, 150);
  EXPECT_EQ(book->bids.best()->orders, 2u);
  EXPECT_EQ(book->asks.best()->quantity, 50);
  EXPECT_EQ(r.updates,
            (std::vector<std::pair<std::uint64_t, std::uint16_t>>{{1, 1}, {2, 1}, {3, 1}, {4, 1}}));
}

itch::AddOrder add_for(std::uint16_t locate, const char* symbol, std::uint64_t ref, char side,
                       std::uint32_t shares, std::uint32_t price) {
  return itch::AddOrder{{locate, 0, 0}, ref, side, shares, itch::make_symbol(symbol), price};
}

TEST(FeedHandler, TrackingOneSymbolSkipsEveryOtherInstrument) {
  Recorder r;
  FeedHandler<Recorder> handler(r);
  handler.track_only("GLOBEX");
  Stream s;
  handler.on_datagram(s.packet(add_for(1, "ACME", 1, 'B', 100, 999'900),
                               add_for(2, "GLOBEX", 2, 'S', 200, 425'100),
                               itch::OrderExecuted{{1, 0, 0}, 1, 50, 1},  // ACME's: skipped
                               itch::OrderCancel{{2, 0, 0}, 2, 20}));
  EXPECT_EQ(handler.book().instrument(1), nullptr);  // never listed
  const InstrumentBook* globex = handler.book().instrument(2);
  ASSERT_NE(globex, nullptr);
  EXPECT_EQ(globex->asks.best()->quantity, 180);
  EXPECT_EQ(handler.book().live_orders(), 1u);
  EXPECT_EQ(handler.book().stats().other_instruments, 2u);
  EXPECT_EQ(handler.book().unknown_order_references(), 0u);  // skipped, not unknown
  EXPECT_EQ(r.updates, (std::vector<std::pair<std::uint64_t, std::uint16_t>>{{2, 2}, {4, 2}}));
  EXPECT_EQ(handler.stats().messages, 4u);  // still sequenced: gaps are still seen
}

TEST(FeedHandler, KeepsEachInstrumentsTradingStateFromStockTradingAction) {
  Recorder r;
  FeedHandler<Recorder> handler(r);
  handler.track_only("ACME");
  Stream s;
  const auto action = [](std::uint16_t locate, const char* symbol, char state) {
    itch::StockTradingAction m;
    m.header = {locate, 0, 0};
    m.stock = itch::make_symbol(symbol);
    m.trading_state = state;
    return m;
  };
  handler.on_datagram(s.packet(add(1, 'B', 100, 999'900)));
  const InstrumentBook* book = handler.book().instrument(1);
  ASSERT_NE(book, nullptr);
  EXPECT_FALSE(book->halted());
  handler.on_datagram(s.packet(action(1, "ACME", 'H')));
  EXPECT_TRUE(book->halted());
  handler.on_datagram(s.packet(action(2, "GLOBEX", 'T')));  // another instrument's: skipped
  EXPECT_TRUE(book->halted());
  handler.on_datagram(s.packet(action(1, "ACME", 'Q')));  // an auction call: quotes go on
  EXPECT_FALSE(book->halted());
  handler.on_datagram(s.packet(action(1, "ACME", 'P')));
  EXPECT_TRUE(book->halted());
  handler.on_datagram(s.packet(action(1, "ACME", 'T')));
  EXPECT_FALSE(book->halted());
  EXPECT_EQ(r.updates.size(), 1u);  // a trading action changes no level
}

struct PrintRecorder : Recorder {
  std::vector<std::pair<std::uint64_t, TradePrint>> prints;
  std::vector<Quantity> bid_at_print;  // the book the print is told with
  const FeedHandler<PrintRecorder>* handler = nullptr;
  void on_trade_print(std::uint64_t sequence, const TradePrint& print) {
    prints.emplace_back(sequence, print);
    const auto bid = handler->book().instrument(print.locate)->bids.best();
    bid_at_print.push_back(bid ? bid->quantity : 0);
  }
};

TEST(FeedHandler, TellsPrintedExecutionsWithTheAggressorAfterTheBookUpdate) {
  PrintRecorder r;
  FeedHandler<PrintRecorder> handler(r);
  r.handler = &handler;
  Stream s;
  itch::OrderExecutedWithPrice unprinted{{1, 0, 0}, 1, 10, 2};
  unprinted.printable = 'N';
  itch::OrderExecutedWithPrice printed{{1, 0, 0}, 1, 20, 3};
  printed.execution_price = 999'800;
  itch::Trade hidden{{1, 0, 0}, 9, 'S', 70, itch::make_symbol("ACME"), 1'000'000, 4};
  handler.on_datagram(s.packet(add(1, 'B', 100, 999'900), itch::OrderExecuted{{1, 0, 0}, 1, 30, 1},
                               unprinted, printed, hidden));
  ASSERT_EQ(r.prints.size(), 3u);
  EXPECT_EQ(r.prints[0].first, 2u);
  EXPECT_EQ(r.prints[0].second.aggressor, Side::Sell);  // it hit a resting buy
  EXPECT_EQ(r.prints[0].second.price, 999'900);         // E: the order's price
  EXPECT_EQ(r.prints[0].second.shares, 30);
  EXPECT_EQ(r.bid_at_print[0], 70);  // told after the execution left the book
  EXPECT_EQ(r.prints[1].first, 4u);  // the unprinted C is not told
  EXPECT_EQ(r.prints[1].second.price, 999'800);
  EXPECT_EQ(r.prints[2].first, 5u);
  EXPECT_EQ(r.prints[2].second.aggressor, Side::Buy);  // a hidden sell was lifted
  EXPECT_EQ(r.prints[2].second.price, 1'000'000);
  EXPECT_EQ(r.prints[2].second.shares, 70);
}

// A listener that says it does not want prints (a strategy that never acts on them) hears none,
// while the book still takes the executions in; asked again on the next packet.
struct ChoosyPrintRecorder : Recorder {
  std::vector<TradePrint> prints;
  bool wanted = false;
  void on_trade_print(std::uint64_t, const TradePrint& print) { prints.push_back(print); }
  bool wants_trade_prints() const { return wanted; }
};

TEST(FeedHandler, TellsNoPrintsToAListenerThatWantsNone) {
  ChoosyPrintRecorder r;
  FeedHandler<ChoosyPrintRecorder> handler(r);
  Stream s;
  handler.on_datagram(
      s.packet(add(1, 'B', 100, 999'900), itch::OrderExecuted{{1, 0, 0}, 1, 30, 1}));
  EXPECT_TRUE(r.prints.empty());
  EXPECT_EQ(handler.book().instrument(1)->bids.best()->quantity, 70);
  r.wanted = true;
  handler.on_datagram(s.packet(itch::OrderExecuted{{1, 0, 0}, 1, 20, 2}));
  ASSERT_EQ(r.prints.size(), 1u);
  EXPECT_EQ(r.prints[0].shares, 20);
}

TEST(FeedHandler, KeepsLevelsSortedBestFirstAndRemovesEmptyOnes) {
  Recorder r;
  FeedHandler<Recorder> handler(r);
  Stream s;
  handler.on_datagram(s.packet(add(1, 'B', 10, 100), add(2, 'B', 10, 300), add(3, 'B', 10, 200),
                               add(4, 'S', 10, 500), add(5, 'S', 10, 400)));
  const auto& bids = handler.book().instrument(1)->bids;
  ASSERT_EQ(bids.depth(), 3u);
  EXPECT_EQ(bids.level(0).price, 300);
  EXPECT_EQ(bids.level(2).price, 100);
  EXPECT_EQ(handler.book().instrument(1)->asks.best()->price, 400);
  handler.on_datagram(s.packet(itch::OrderDelete{{1, 0, 0}, 2}, itch::OrderCancel{{1, 0, 0}, 3, 4},
                               itch::OrderReplace{{1, 0, 0}, 5, 6, 7, 450}));
  EXPECT_EQ(bids.best()->price, 200);
  EXPECT_EQ(bids.best()->quantity, 6);
  EXPECT_EQ(handler.book().instrument(1)->asks.best()->price, 450);
  EXPECT_EQ(handler.book().instrument(1)->asks.best()->quantity, 7);
  EXPECT_EQ(handler.book().live_orders(), 4u);
}

TEST(FeedHandler, DropsTheSecondCopyOfEveryPacketFromTheOtherFeed) {
  Recorder r;
  FeedHandler<Recorder> handler(r);
  Stream s;
  const std::string p1 = s.packet(add(1, 'B', 100, 100));
  const std::string p2 = s.packet(add(2, 'S', 100, 200));
  for (const auto* p : {&p1, &p1, &p2, &p2})
    handler.on_datagram(*p);  // A then B
  EXPECT_EQ(handler.stats().messages, 2u);
  EXPECT_EQ(handler.stats().duplicate_messages, 2u);
  EXPECT_EQ(r.updates.size(), 2u);
  EXPECT_EQ(handler.stats().gaps, 0u);
}

TEST(FeedHandler, CountsGapsAndFlagsThemOpen) {
  Recorder r;
  FeedHandler<Recorder> handler(r);
  Stream s;
  handler.on_datagram(s.packet(add(1, 'B', 100, 100)));
  s.skip(3);
  handler.on_datagram(s.packet(add(5, 'B', 100, 100)));
  EXPECT_EQ(handler.stats().gaps, 1u);
  EXPECT_EQ(handler.stats().lost_messages, 3u);
  EXPECT_TRUE(handler.gap_open());
  EXPECT_EQ(handler.next_sequence(), 6u);
}

TEST(FeedHandler, IgnoresMalformedPacketsAndUnknownOrders) {
  Recorder r;
  FeedHandler<Recorder> handler(r);
  Stream s;
  handler.on_datagram("short");
  handler.on_datagram(s.packet(itch::OrderDelete{{1, 0, 0}, 999}));
  EXPECT_EQ(handler.stats().malformed_packets, 1u);
  EXPECT_EQ(handler.book().unknown_order_references(), 1u);
  EXPECT_TRUE(r.updates.empty());
}

TEST(FeedHandler, ASideDeeperThanItsArenaRoomMovesToTheHeapIntact) {
  Recorder r;
  FeedHandler<Recorder> handler(r, 1000);
  Stream s;
  const std::uint32_t levels = MarketBook::kArenaLevels * 3;
  for (std::uint32_t i = 0; i < levels; ++i)
    handler.on_datagram(s.packet(add(i + 1, 'S', 100 + i, 10'000 + i * 100)));
  const PriceLevels& asks = handler.book().instrument(1)->asks;
  ASSERT_EQ(asks.depth(), levels);
  for (std::uint32_t i = 0; i < levels; ++i) {
    EXPECT_EQ(asks.level(i).price, 10'000 + i * 100);
    EXPECT_EQ(asks.level(i).quantity, 100 + i);
  }
}

// The synthetic stream's own record of its live orders, aggregated into levels, is the book the
// handler must have built.
TEST(FeedHandler, BuildsTheBookTheSyntheticStreamDescribes) {
  SyntheticFeedConfig config;
  config.messages = 300'000;
  config.instruments = 200;
  const SyntheticFeed feed(config);
  Recorder r;
  FeedHandler<Recorder> handler(r, 100'000);
  for (std::size_t i = 0; i < feed.packet_count(); ++i)
    handler.on_datagram(feed.packet(i));
  EXPECT_EQ(handler.stats().messages, feed.message_count());
  const BookStats& stats = handler.book().stats();
  EXPECT_EQ(stats.unknown_references + stats.duplicate_references + stats.dropped_orders +
                stats.invalid_messages,
            0u);
  EXPECT_GT(feed.mix().replace, 10'000u);
  EXPECT_GT(feed.mix().execute, 10'000u);
  EXPECT_GT(feed.mix().cancel, 5'000u);
  std::size_t live = 0;
  for (std::uint16_t i = 0; i < config.instruments; ++i) {
    std::map<std::uint32_t, std::pair<Quantity, std::uint32_t>> bids, asks;
    for (const SyntheticOrder& o : feed.live_orders()[i]) {
      auto& level = (o.side == Side::Buy ? bids : asks)[o.price];
      level.first += o.shares;
      level.second += 1;
      ++live;
    }
    const InstrumentBook* book = handler.book().instrument(static_cast<std::uint16_t>(i + 1));
    ASSERT_NE(book, nullptr);
    ASSERT_EQ(book->bids.depth(), bids.size()) << "instrument " << i + 1;
    ASSERT_EQ(book->asks.depth(), asks.size()) << "instrument " << i + 1;
    std::size_t n = 0;
    for (auto it = bids.rbegin(); it != bids.rend(); ++it, ++n) {
      EXPECT_EQ(book->bids.level(n).price, it->first);
      EXPECT_EQ(book->bids.level(n).quantity, it->second.first);
      EXPECT_EQ(book->bids.level(n).orders, it->second.second);
    }
    n = 0;
    for (auto it = asks.begin(); it != asks.end(); ++it, ++n) {
      EXPECT_EQ(book->asks.level(n).price, it->first);
      EXPECT_EQ(book->asks.level(n).quantity, it->second.first);
    }
  }
  EXPECT_EQ(handler.book().live_orders(), live);
}

}  // namespace
}  // namespace vtb::feed
