#include "simulator/matching/matching_engine.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace vtb::sim {
namespace {

// Records every callback as a line of text, so tests read like the event log they check. Orders
// are named by their sequence number (1, 2, ... as ids are issued; order.hpp): `id(n)` gives the
// core's id of order n.
struct EventLog : MatchingListener {
  std::vector<std::string> events;
  std::map<std::uint64_t, OrderId> ids;
  OrderId id(std::uint64_t sequence) const {
    const auto it = ids.find(sequence);
    return it == ids.end() ? make_order_id(sequence, 0) : it->second;  // never issued: unknown
  }
  std::string name(OrderId id) {
    ids[order_sequence(id)] = id;
    return std::to_string(order_sequence(id));
  }
  void on_accepted(const Order& o) override { events.push_back("accepted " + name(o.id)); }
  void on_rejected(const OrderRequest&, RejectReason r) override {
    events.push_back(std::string("rejected: ") + describe(r));
  }
  void on_trade(const Trade& t) override {
    events.push_back("trade " + name(t.aggressor.id) + " x " + name(t.resting.id) + " " +
                     std::to_string(t.quantity) + "@" + std::to_string(t.price));
  }
  void on_booked(const Order& o) override {
    events.push_back("booked " + name(o.id) + " " + std::to_string(o.leaves));
  }
  void on_canceled(const Order& o, Quantity q, CancelReason, bool booked) override {
    events.push_back("canceled " + name(o.id) + " " + std::to_string(q) +
                     (booked ? " (booked)" : ""));
  }
  void on_reduced(const Order& o, Quantity by, Quantity) override {
    events.push_back("reduced " + name(o.id) + " by " + std::to_string(by));
  }
  void on_replaced(const Order& o, OrderId old_id, bool will_trade) override {
    events.push_back("replaced " + name(old_id) + " -> " + name(o.id) + " " +
                     std::to_string(o.leaves) + "@" + std::to_string(o.request.price) +
                     (will_trade ? " (trades)" : ""));
  }
  void on_amended(const Order& o) override {
    events.push_back("amended " + name(o.id) + " " + std::to_string(o.leaves) + " stop " +
                     std::to_string(o.request.stop_price));
  }
  void on_decremented(const Order& o, Quantity by, Quantity, bool booked) override {
    events.push_back("decremented " + name(o.id) + " by " + std::to_string(by) +
                     (booked ? " (booked)" : ""));
  }
  void on_replenished(const Order& o, OrderId old_id) override {
    events.push_back("replenished " + name(old_id) + " -> " + name(o.id) + " " +
                     std::to_string(o.displayed) + " of " + std::to_string(o.leaves));
  }
  void on_triggered(const Order& o) override { events.push_back("triggered " + name(o.id)); }
  void on_auction(InstrumentId, AuctionKind, Price price, Quantity volume) override {
    events.push_back("auction " + std::to_string(volume) + "@" + std::to_string(price));
  }
};

std::vector<Instrument> instruments() {
  return {Instrument{1, "ACME", 100, 10, 1'000'000}, Instrument{2, "GLOBEX", 500, 1, 425'000}};
}

OrderRequest limit(Side side, Price price, Quantity qty, OwnerId owner = 1,
                   TimeInForce tif = TimeInForce::Day, InstrumentId instrument = 1) {
  OrderRequest r;
  r.instrument = instrument;
  r.side = side;
  r.price = price;
  r.quantity = qty;
  r.owner = owner;
  r.time_in_force = tif;
  return r;
}

struct MatchingTest : ::testing::Test {
  MatchingEngine engine{instruments()};
  EventLog log;
  MatchingTest() { engine.add_listener(&log); }
  OrderId id(std::uint64_t sequence) const { return log.id(sequence); }
};

TEST_F(MatchingTest, RestsThenMatchesAtTheRestingPrice) {
  engine.submit(limit(Side::Sell, 1'000'100, 100));
  engine.submit(limit(Side::Buy, 1'000'500, 30, 2));
  EXPECT_EQ(log.events, (std::vector<std::string>{"accepted 1", "booked 1 100", "accepted 2",
                                                  "trade 2 x 1 30@1000100"}));
  const Order* resting = engine.find(id(1));
  ASSERT_NE(resting, nullptr);
  EXPECT_EQ(resting->leaves, 70);
  EXPECT_EQ(resting->executed, 30);
  EXPECT_EQ(engine.find(id(2)), nullptr);  // fully filled orders leave the book
  EXPECT_EQ(engine.book(1).best(Side::Sell)->quantity, 70);
}

TEST_F(MatchingTest, AMaximumExecutionFillsInPartsAgainstTheSameRestingOrder) {
  engine.set_max_execution(1, 40);
  engine.submit(limit(Side::Sell, 1'000'100, 100));
  engine.submit(limit(Side::Buy, 1'000'100, 100, 2));
  EXPECT_EQ(log.events, (std::vector<std::string>{
                            "accepted 1", "booked 1 100", "accepted 2", "trade 2 x 1 40@1000100",
                            "trade 2 x 1 40@1000100", "trade 2 x 1 20@1000100"}));
  EXPECT_EQ(engine.find(id(1)), nullptr);
  // Off again: one execution; other instruments never had a limit.
  engine.set_max_execution(1, 0);
  log.events.clear();
  engine.submit(limit(Side::Sell, 1'000'100, 100));
  engine.submit(limit(Side::Buy, 1'000'100, 100, 2));
  EXPECT_EQ(log.events.back(), "trade 4 x 3 100@1000100");
  EXPECT_EQ(engine.max_execution(2), 0);
}

TEST_F(MatchingTest, PriceThenTimePriority) {
  engine.submit(limit(Side::Sell, 1'000'200, 10));  // 1: worse price
  engine.submit(limit(Side::Sell, 1'000'100, 10));  // 2: best price, first in time
  engine.submit(limit(Side::Sell, 1'000'100, 10));  // 3: best price, second
  log.events.clear();
  engine.submit(limit(Side::Buy, 1'000'200, 30, 2));
  EXPECT_EQ(log.events,
            (std::vector<std::string>{"accepted 4", "trade 4 x 2 10@1000100",
                                      "trade 4 x 3 10@1000100", "trade 4 x 1 10@1000200"}));
  EXPECT_EQ(engine.book(1).best(Side::Sell), nullptr);
}

TEST_F(MatchingTest, ImmediateOrCancelRemainderIsCanceledNotBooked) {
  engine.submit(limit(Side::Buy, 999'900, 20));
  log.events.clear();
  engine.submit(limit(Side::Sell, 999'900, 50, 2, TimeInForce::ImmediateOrCancel));
  EXPECT_EQ(log.events,
            (std::vector<std::string>{"accepted 2", "trade 2 x 1 20@999900", "canceled 2 30"}));
  EXPECT_EQ(engine.book(1).best(Side::Sell), nullptr);
}

TEST_F(MatchingTest, MarketOrderSweepsLevelsAndCancelsWhatIsLeft) {
  engine.submit(limit(Side::Sell, 1'000'100, 10));
  engine.submit(limit(Side::Sell, 1'000'300, 10));
  log.events.clear();
  OrderRequest market = limit(Side::Buy, 0, 30, 2);
  market.type = OrderType::Market;
  engine.submit(market);
  EXPECT_EQ(log.events, (std::vector<std::string>{"accepted 3", "trade 3 x 1 10@1000100",
                                                  "trade 3 x 2 10@1000300", "canceled 3 10"}));
}

TEST_F(MatchingTest, CancelRemovesARestingOrderForItsOwnerOnly) {
  const OrderId id = engine.submit(limit(Side::Buy, 999'900, 20, 7));
  EXPECT_EQ(engine.cancel(id, 8), CancelResult::NotOwner);
  EXPECT_EQ(engine.cancel(id, 7), CancelResult::Canceled);
  EXPECT_EQ(engine.cancel(id, 7), CancelResult::UnknownOrder);
  EXPECT_EQ(log.events.back(), "canceled 1 20 (booked)");
  EXPECT_EQ(engine.book(1).best(Side::Buy), nullptr);
}

TEST(MatchingCapacity, PastTheLiveOrderLimitNewOrdersAreRejectedAndFreedSlotsGetNewIds) {
  MatchingEngine engine(instruments(), TradingPhase::Continuous, 2);
  EventLog log;
  engine.add_listener(&log);
  const OrderId first = engine.submit(limit(Side::Buy, 999'900, 10));
  ASSERT_NE(engine.submit(limit(Side::Buy, 999'800, 10)), 0u);
  EXPECT_EQ(engine.submit(limit(Side::Buy, 999'700, 10)), 0u);
  EXPECT_EQ(log.events.back(), std::string("rejected: ") + describe(RejectReason::OrderCapacity));
  ASSERT_EQ(engine.cancel(first, 1), CancelResult::Canceled);
  const OrderId reused = engine.submit(limit(Side::Buy, 999'700, 10));
  EXPECT_EQ(order_slot(reused), order_slot(first));  // the freed slot, under a new id
  EXPECT_GT(reused, first);
  EXPECT_EQ(engine.find(first), nullptr);
  EXPECT_EQ(engine.cancel(first, 1), CancelResult::UnknownOrder);
  EXPECT_EQ(engine.cancel(0, 1), CancelResult::UnknownOrder);
  EXPECT_EQ(engine.book(1).best(Side::Buy)->price, 999'800);
}

TEST_F(MatchingTest, CancelInTheMiddleOfALevelKeepsTheQueueLinked) {
  engine.submit(limit(Side::Buy, 999'900, 10));
  const OrderId middle = engine.submit(limit(Side::Buy, 999'900, 20));
  engine.submit(limit(Side::Buy, 999'900, 30));
  engine.cancel(middle, 1);
  EXPECT_EQ(engine.book(1).best(Side::Buy)->quantity, 40);
  EXPECT_EQ(engine.book(1).best(Side::Buy)->orders, 2u);
  log.events.clear();
  engine.submit(limit(Side::Sell, 999'900, 40, 2));
  EXPECT_EQ(log.events, (std::vector<std::string>{"accepted 4", "trade 4 x 1 10@999900",
                                                  "trade 4 x 3 30@999900"}));
}

TEST_F(MatchingTest, FillOrKillTradesAllOrNothing) {
  engine.submit(limit(Side::Sell, 1'000'100, 30));  // 1
  engine.submit(limit(Side::Sell, 1'000'200, 30));  // 2
  log.events.clear();
  // 70 wanted, 60 available at or under the limit: nothing trades.
  engine.submit(limit(Side::Buy, 1'000'200, 70, 2, TimeInForce::FillOrKill));
  EXPECT_EQ(log.events, (std::vector<std::string>{"accepted 3", "canceled 3 70"}));
  EXPECT_EQ(engine.book(1).best(Side::Sell)->quantity, 30);
  log.events.clear();
  // 60 wanted: both levels trade, and nothing is left to book.
  engine.submit(limit(Side::Buy, 1'000'200, 60, 2, TimeInForce::FillOrKill));
  EXPECT_EQ(log.events, (std::vector<std::string>{"accepted 4", "trade 4 x 1 30@1000100",
                                                  "trade 4 x 2 30@1000200"}));
  // A good-till-cancel order rests like a day order.
  engine.submit(limit(Side::Buy, 999'900, 10, 2, TimeInForce::GoodTillCancel));
  EXPECT_EQ(engine.book(1).best(Side::Buy)->quantity, 10);
}

TEST_F(MatchingTest, SelfMatchPreventionInEachMode) {
  const auto own_buy = [&](SelfMatchPrevention mode, Quantity qty) {
    OrderRequest r = limit(Side::Buy, 1'000'200, qty, 1);
    r.self_match = mode;
    return engine.submit(r);
  };
  engine.submit(limit(Side::Sell, 1'000'100, 10, 1));  // 1: own
  engine.submit(limit(Side::Sell, 1'000'200, 10, 2));  // 2: someone else's
  log.events.clear();
  own_buy(SelfMatchPrevention::CancelResting, 20);  // 3: cancels 1, trades 10 with 2, rests 10
  EXPECT_EQ(log.events, (std::vector<std::string>{"accepted 3", "canceled 1 10 (booked)",
                                                  "trade 3 x 2 10@1000200", "booked 3 10"}));
  engine.cancel(id(3), 1);
  engine.submit(limit(Side::Sell, 1'000'100, 10, 1));  // 4: own again
  log.events.clear();
  own_buy(SelfMatchPrevention::CancelIncoming, 20);  // 5: stopped at once, 4 stays
  EXPECT_EQ(log.events, (std::vector<std::string>{"accepted 5", "canceled 5 20"}));
  ASSERT_NE(engine.find(id(4)), nullptr);
  log.events.clear();
  own_buy(SelfMatchPrevention::CancelBoth, 20);  // 6: both go
  EXPECT_EQ(log.events,
            (std::vector<std::string>{"accepted 6", "canceled 4 10 (booked)", "canceled 6 20"}));
  EXPECT_EQ(engine.book(1).best(Side::Sell), nullptr);
  // Without prevention the same owner trades with itself.
  engine.submit(limit(Side::Sell, 1'000'100, 10, 1));  // 7
  log.events.clear();
  own_buy(SelfMatchPrevention::None, 10);  // 8
  EXPECT_EQ(log.events, (std::vector<std::string>{"accepted 8", "trade 8 x 7 10@1000100"}));
}

TEST_F(MatchingTest, AQuantityDecreaseKeepsTheOrdersPlace) {
  engine.submit(limit(Side::Sell, 1'000'100, 100));  // 1
  engine.submit(limit(Side::Sell, 1'000'100, 100));  // 2
  log.events.clear();
  EXPECT_EQ(engine.replace(id(1), 1, 1'000'100, 50), ReplaceResult::Reduced);
  EXPECT_EQ(engine.book(1).best(Side::Sell)->quantity, 150);
  engine.submit(limit(Side::Buy, 1'000'100, 60, 2));
  EXPECT_EQ(log.events,
            (std::vector<std::string>{"reduced 1 by 50", "accepted 3", "trade 3 x 1 50@1000100",
                                      "trade 3 x 2 10@1000100"}));
}

TEST_F(MatchingTest, AnIncreaseOrANewPriceGoesToTheBackUnderANewId) {
  engine.submit(limit(Side::Sell, 1'000'100, 100));  // 1
  engine.submit(limit(Side::Sell, 1'000'100, 100));  // 2
  log.events.clear();
  EXPECT_EQ(engine.replace(id(1), 1, 1'000'100, 150), ReplaceResult::Replaced);
  EXPECT_EQ(engine.find(id(1)), nullptr);
  ASSERT_NE(engine.find(id(3)), nullptr);
  EXPECT_EQ(engine.replace(id(2), 1, 1'000'200, 100),
            ReplaceResult::Replaced);  // 2 -> 4, worse price
  engine.submit(limit(Side::Buy, 1'000'100, 60, 2));
  EXPECT_EQ(log.events,
            (std::vector<std::string>{"replaced 1 -> 3 150@1000100", "replaced 2 -> 4 100@1000200",
                                      "accepted 5", "trade 5 x 3 60@1000100"}));
  EXPECT_EQ(engine.book(1).levels(Side::Sell).size(), 2u);
}

TEST_F(MatchingTest, AReplaceThatCrossesTradesAtOnce) {
  engine.submit(limit(Side::Sell, 1'000'100, 50));  // 1
  engine.submit(limit(Side::Buy, 999'900, 80, 2));  // 2
  log.events.clear();
  EXPECT_EQ(engine.replace(id(2), 2, 1'000'100, 80), ReplaceResult::Replaced);
  EXPECT_EQ(log.events, (std::vector<std::string>{"replaced 2 -> 3 80@1000100 (trades)",
                                                  "trade 3 x 1 50@1000100", "booked 3 30"}));
  EXPECT_EQ(engine.book(1).best(Side::Buy)->quantity, 30);
  EXPECT_EQ(engine.book(1).best(Side::Sell), nullptr);
}

TEST_F(MatchingTest, ReplacingToWhatAlreadyExecutedCancelsTheRest) {
  engine.submit(limit(Side::Sell, 1'000'100, 100));  // 1
  engine.submit(limit(Side::Buy, 1'000'100, 30, 2));
  log.events.clear();
  EXPECT_EQ(engine.replace(id(1), 1, 1'000'100, 30), ReplaceResult::Canceled);
  EXPECT_EQ(log.events, (std::vector<std::string>{"canceled 1 70 (booked)"}));
  EXPECT_EQ(engine.book(1).best(Side::Sell), nullptr);
}

TEST_F(MatchingTest, AnInvalidReplaceLeavesTheOrderAlone) {
  engine.submit(limit(Side::Sell, 1'000'100, 100));  // 1
  RejectReason why{};
  EXPECT_EQ(engine.replace(id(1), 1, 1'000'150, 100, &why), ReplaceResult::Rejected);
  EXPECT_EQ(why, RejectReason::PriceNotTickMultiple);
  EXPECT_EQ(engine.replace(id(1), 1, 1'000'100, 105, &why), ReplaceResult::Rejected);
  EXPECT_EQ(why, RejectReason::QuantityNotLotMultiple);
  EXPECT_EQ(engine.replace(id(1), 2, 1'000'100, 50), ReplaceResult::NotOwner);
  EXPECT_EQ(engine.replace(id(9), 1, 1'000'100, 50), ReplaceResult::UnknownOrder);
  EXPECT_EQ(engine.find(id(1))->leaves, 100);
  EXPECT_EQ(engine.book(1).best(Side::Sell)->quantity, 100);
}

TEST_F(MatchingTest, RejectsWhatTheReferenceDataForbids) {
  engine.submit(limit(Side::Buy, 1'000'000, 10, 1, TimeInForce::Day, 9));
  engine.submit(limit(Side::Buy, 1'000'000, 0));
  engine.submit(limit(Side::Buy, 1'000'000, 15));  // lot size 10
  engine.submit(limit(Side::Buy, 0, 10));
  engine.submit(limit(Side::Buy, 1'000'050, 10));  // tick 0.01
  EXPECT_EQ(log.events, (std::vector<std::string>{
                            "rejected: unknown instrument", "rejected: quantity must be positive",
                            "rejected: quantity is not a multiple of the lot size",
                            "rejected: limit price must be positive",
                            "rejected: price is not a multiple of the tick size"}));
  EXPECT_EQ(engine.stats().rejected, 5u);
}

TEST_F(MatchingTest, AnIcebergShowsItsPeakAndRefillsAtTheBackOfTheLevel) {
  OrderRequest iceberg = limit(Side::Sell, 1'000'100, 100);
  iceberg.display_quantity = 30;
  engine.submit(iceberg);                           // 1: shows 30 of 100
  engine.submit(limit(Side::Sell, 1'000'100, 20));  // 2: behind the peak
  EXPECT_EQ(engine.find(id(1))->displayed, 30);
  EXPECT_EQ(engine.book(1).best(Side::Sell)->quantity, 120);  // hidden quantity still trades
  log.events.clear();
  engine.submit(limit(Side::Buy, 1'000'100, 60, 2));  // 3
  // The peak trades, the next peak (new id 4) goes behind order 2, which trades next.
  EXPECT_EQ(log.events, (std::vector<std::string>{
                            "accepted 3", "trade 3 x 1 30@1000100", "replenished 1 -> 4 30 of 70",
                            "trade 3 x 2 20@1000100", "trade 3 x 4 10@1000100"}));
  EXPECT_EQ(engine.find(id(4))->displayed, 20);
  EXPECT_EQ(engine.find(id(4))->leaves, 60);
  EXPECT_TRUE(engine.check_invariants().empty()) << engine.check_invariants();
}

TEST_F(MatchingTest, MinimumQuantityMustTradeOnArrivalOrNothingDoes) {
  engine.submit(limit(Side::Sell, 1'000'100, 30));  // 1
  OrderRequest wants = limit(Side::Buy, 1'000'100, 100, 2);
  wants.min_quantity = 40;
  engine.submit(wants);  // 2: only 30 there: canceled untouched
  wants.min_quantity = 30;
  engine.submit(wants);  // 3: trades 30, rests 70 with no minimum
  EXPECT_EQ(log.events,
            (std::vector<std::string>{"accepted 1", "booked 1 30", "accepted 2", "canceled 2 100",
                                      "accepted 3", "trade 3 x 1 30@1000100", "booked 3 70"}));
}

TEST_F(MatchingTest, StopOrdersWaitForTheLastTradeThenTradeAsMarketOrLimitOrders) {
  engine.submit(limit(Side::Sell, 1'000'100, 10));    // 1
  engine.submit(limit(Side::Sell, 1'000'300, 10));    // 2
  engine.submit(limit(Side::Buy, 1'000'100, 10, 2));  // 3: last trade 100.01
  OrderRequest stop = limit(Side::Buy, 0, 20, 3);
  stop.type = OrderType::Stop;
  stop.stop_price = 1'000'100;  // at the last trade: already reached
  EXPECT_EQ(engine.submit(stop), 0u);
  stop.stop_price = 1'000'200;
  const OrderId stop_id = engine.submit(stop);  // 4: waits, off the book
  OrderRequest stop_limit = limit(Side::Buy, 1'000'200, 10, 3);
  stop_limit.type = OrderType::StopLimit;
  stop_limit.stop_price = 1'000'200;
  engine.submit(stop_limit);  // 5: waits too, behind 4
  EXPECT_EQ(engine.stops(1).size(), 2u);
  EXPECT_EQ(engine.book(1).best(Side::Buy), nullptr);
  log.events.clear();
  engine.submit(limit(Side::Sell, 1'000'200, 20));    // 6: rests at 100.02, no trade yet
  engine.submit(limit(Side::Buy, 1'000'200, 10, 2));  // 7: trades at 100.02: both stops trigger
  // The market stop takes what is left at 100.02 and 100.03; the stop limit, triggered next,
  // finds nothing at 100.02 or better and rests.
  EXPECT_EQ(log.events,
            (std::vector<std::string>{
                "accepted 6", "booked 6 20", "accepted 7", "trade 7 x 6 10@1000200", "triggered 4",
                "trade 4 x 6 10@1000200", "trade 4 x 2 10@1000300", "triggered 5", "booked 5 10"}));
  EXPECT_EQ(engine.last_trade_price(1), 1'000'300);
  EXPECT_EQ(engine.find(stop_id), nullptr);
  EXPECT_EQ(engine.stops(1).size(), 0u);
  EXPECT_TRUE(engine.check_invariants().empty()) << engine.check_invariants();
}

TEST_F(MatchingTest, APendingStopIsAmendedInPlaceAndCanBeCanceled) {
  OrderRequest stop = limit(Side::Sell, 0, 10, 3);
  stop.type = OrderType::Stop;
  stop.stop_price = 990'000;
  engine.submit(stop);  // 1
  log.events.clear();
  EXPECT_EQ(engine.replace(id(1), 3, 0, 20, nullptr, 980'000), ReplaceResult::Amended);
  EXPECT_EQ(engine.cancel(id(1), 3), CancelResult::Canceled);
  EXPECT_EQ(log.events, (std::vector<std::string>{"amended 1 20 stop 980000", "canceled 1 20"}));
}

TEST_F(MatchingTest, GoodTillDateOrdersExpireOnTheVenueClock) {
  engine.advance_time(1'000);
  OrderRequest gtd = limit(Side::Buy, 1'000'000, 10, 1, TimeInForce::GoodTillDate);
  gtd.expire_time = 1'000;
  EXPECT_EQ(engine.submit(gtd), 0u);  // not in the future
  gtd.expire_time = 5'000;
  engine.submit(gtd);  // 1
  gtd.expire_time = 3'000;
  engine.submit(gtd);  // 2
  EXPECT_EQ(engine.replace(id(2), 1, 1'000'100, 10),
            ReplaceResult::Replaced);  // 2 -> 3, same expiry
  log.events.clear();
  engine.advance_time(2'999);
  EXPECT_TRUE(log.events.empty());
  engine.advance_time(10'000);
  EXPECT_EQ(log.events,
            (std::vector<std::string>{"canceled 3 10 (booked)", "canceled 1 10 (booked)"}));
  EXPECT_EQ(engine.book(1).best(Side::Buy), nullptr);
}

TEST_F(MatchingTest, SelfMatchDecrementShrinksBothWithoutATrade) {
  engine.submit(limit(Side::Sell, 1'000'100, 30, 1));  // 1: own
  engine.submit(limit(Side::Sell, 1'000'100, 50, 2));  // 2
  OrderRequest own = limit(Side::Buy, 1'000'100, 100, 1);
  own.self_match = SelfMatchPrevention::Decrement;
  log.events.clear();
  engine.submit(own);  // 3: cancels 1 (smaller), loses 30, then trades 50 with 2, rests 20
  EXPECT_EQ(log.events,
            (std::vector<std::string>{"accepted 3", "canceled 1 30 (booked)", "decremented 3 by 30",
                                      "trade 3 x 2 50@1000100", "booked 3 20"}));
  EXPECT_EQ(engine.find(id(3))->request.quantity, 70);  // quantity = executed + leaves
  OrderRequest small = limit(Side::Sell, 1'000'100, 10, 1);
  small.self_match = SelfMatchPrevention::Decrement;
  log.events.clear();
  engine.submit(small);  // 4: the resting 3 loses 10, and 4 is gone
  EXPECT_EQ(log.events, (std::vector<std::string>{"accepted 4", "decremented 3 by 10 (booked)",
                                                  "canceled 4 10"}));
  EXPECT_EQ(engine.book(1).best(Side::Buy)->quantity, 10);
  EXPECT_TRUE(engine.check_invariants().empty()) << engine.check_invariants();
}

TEST_F(MatchingTest, InvalidOrderCharacteristicsAreRejectedWithAReason) {
  OrderRequest r = limit(Side::Buy, 1'000'000, 100);
  r.display_quantity = 200;
  engine.submit(r);
  r.display_quantity = 0;
  r.min_quantity = 101;
  engine.submit(r);
  r.min_quantity = 0;
  r.type = OrderType::StopLimit;
  r.stop_price = 1'000'050;
  engine.submit(r);
  r.type = OrderType::Market;
  r.display_quantity = 10;
  engine.submit(r);
  EXPECT_EQ(log.events,
            (std::vector<std::string>{
                std::string("rejected: ") + describe(RejectReason::InvalidDisplayQuantity),
                std::string("rejected: ") + describe(RejectReason::InvalidMinQuantity),
                "rejected: stop price is not a multiple of the tick size",
                std::string("rejected: ") + describe(RejectReason::InvalidDisplayQuantity)}));
}

struct AuctionTest : ::testing::Test {
  MatchingEngine engine{instruments(), TradingPhase::PreOpen};
  EventLog log;
  AuctionTest() { engine.add_listener(&log); }
  OrderId buy(Price price, Quantity qty, TimeInForce tif = TimeInForce::Day, OwnerId owner = 1) {
    return engine.submit(limit(Side::Buy, price, qty, owner, tif));
  }
  OrderId sell(Price price, Quantity qty, TimeInForce tif = TimeInForce::Day, OwnerId owner = 2) {
    return engine.submit(limit(Side::Sell, price, qty, owner, tif));
  }
  std::vector<std::string> open() {
    log.events.clear();
    EXPECT_TRUE(engine.set_phase(1, TradingPhase::Continuous));
    return log.events;
  }
};

TEST_F(AuctionTest, TheOpeningAuctionTradesTheMostVolumeAtOnePrice) {
  buy(1'010'000, 10);                    // 1
  buy(1'000'000, 20);                    // 2
  buy(990'000, 10);                      // 3
  sell(980'000, 20);                     // 4
  sell(1'000'000, 10);                   // 5
  sell(1'010'000, 20);                   // 6
  EXPECT_EQ(engine.stats().trades, 0u);  // a call collects, never matches
  EXPECT_GT(engine.book(1).best(Side::Buy)->price, engine.book(1).best(Side::Sell)->price);
  const AuctionQuote quote = engine.indicative(1);
  EXPECT_EQ(quote.price, 1'000'000);
  EXPECT_EQ(quote.volume, 30);
  EXPECT_EQ(quote.surplus, 0);
  EXPECT_EQ(open(), (std::vector<std::string>{"trade 1 x 4 10@1000000", "trade 2 x 4 10@1000000",
                                              "trade 2 x 5 10@1000000", "auction 30@1000000"}));
  EXPECT_EQ(engine.book(1).best(Side::Buy)->price, 990'000);
  EXPECT_EQ(engine.book(1).best(Side::Sell)->price, 1'010'000);
  EXPECT_EQ(engine.last_trade_price(1), 1'000'000);
}

TEST_F(AuctionTest, EqualVolumeAndSurplusGoToTheSideWithMarketPressure) {
  buy(1'010'000, 30);
  sell(990'000, 10);
  sell(1'000'000, 10);
  // 100 and 101 both trade 20 leaving 10 to buy: buyers press, so the higher price.
  EXPECT_EQ(engine.indicative(1).price, 1'010'000);
  EXPECT_EQ(engine.indicative(1).surplus, 10);
}

TEST_F(AuctionTest, WithoutPressureThePriceNearestTheReferenceWins) {
  buy(1'010'000, 10);
  sell(990'000, 10);
  // Every price from 99 to 101 trades 10 with no surplus: the reference price (100) is one.
  EXPECT_EQ(engine.indicative(1).price, 1'000'000);
  EXPECT_EQ(open().back(), "auction 10@1000000");
}

TEST_F(AuctionTest, CallsAcceptOnlyOrdersThatCanWait) {
  OrderRequest market = limit(Side::Buy, 0, 10);
  market.type = OrderType::Market;
  engine.submit(market);
  buy(1'000'000, 10, TimeInForce::ImmediateOrCancel);
  buy(1'000'000, 10, TimeInForce::AtTheClose);  // not before the open
  ASSERT_EQ(log.events.size(), 3u);
  EXPECT_EQ(log.events[0],
            std::string("rejected: ") + describe(RejectReason::NeedsContinuousTrading));
  EXPECT_EQ(log.events[2], std::string("rejected: ") + describe(RejectReason::AtTheCloseNotNow));
  EXPECT_FALSE(engine.set_phase(1, TradingPhase::PreClose));  // not from PreOpen
  EXPECT_EQ(engine.phase(1), TradingPhase::PreOpen);
}

TEST_F(AuctionTest, AuctionOnlyOrdersLiveForTheirAuctionAndDayOrdersForTheDay) {
  const OrderId ato = buy(990'000, 10, TimeInForce::AtTheOpen);  // 1: does not trade
  buy(1'000'000, 10);                                            // 2
  sell(1'000'000, 10);                                           // 3
  EXPECT_EQ(open(), (std::vector<std::string>{"trade 2 x 3 10@1000000", "auction 10@1000000",
                                              "canceled 1 10 (booked)"}));
  EXPECT_EQ(engine.find(ato), nullptr);
  const OrderId atc = buy(1'000'000, 20, TimeInForce::AtTheClose);  // 4: held off the book
  EXPECT_EQ(engine.book(1).best(Side::Buy), nullptr);
  const OrderId gtc = sell(1'020'000, 10, TimeInForce::GoodTillCancel);  // 5
  const OrderId day = sell(1'030'000, 10);                               // 6
  sell(1'000'000, 10);                                                   // 7: rests: 4 is held
  log.events.clear();
  ASSERT_TRUE(engine.set_phase(1, TradingPhase::PreClose));
  EXPECT_EQ(log.events, (std::vector<std::string>{"booked 4 20"}));
  log.events.clear();
  ASSERT_TRUE(engine.set_phase(1, TradingPhase::Closed));
  EXPECT_EQ(log.events,
            (std::vector<std::string>{"trade 4 x 7 10@1000000", "auction 10@1000000",
                                      "canceled 4 10 (booked)", "canceled 6 10 (booked)"}));
  EXPECT_EQ(engine.find(atc), nullptr);
  EXPECT_EQ(engine.find(day), nullptr);
  EXPECT_NE(engine.find(gtc), nullptr);  // GTC outlives the day
  EXPECT_EQ(sell(1'000'000, 10), 0u);    // closed
}

TEST_F(AuctionTest, AHaltCollectsOrdersAndResumesWithAnAuction) {
  open();
  sell(1'000'000, 10);  // 1
  ASSERT_TRUE(engine.set_phase(1, TradingPhase::Halted));
  buy(1'010'000, 20);  // 2: crosses, but the market is halted
  EXPECT_EQ(engine.stats().trades, 0u);
  log.events.clear();
  ASSERT_TRUE(engine.set_phase(1, TradingPhase::Continuous));
  EXPECT_EQ(log.events, (std::vector<std::string>{"trade 2 x 1 10@1010000", "auction 10@1010000"}));
  EXPECT_TRUE(engine.check_invariants().empty()) << engine.check_invariants();
}

TEST(PriceCollar, LimitsHowFarAnOrderMayGoThroughTheMarket) {
  // 1% around the reference 100.00 (no trade yet): buys up to 101.00, sells down to 99.00.
  MatchingEngine engine({Instrument{1, "ACME", 100, 1, 1'000'000, 100}});
  EventLog log;
  engine.add_listener(&log);
  struct Reasons : MatchingListener {
    CancelReason last{};
    void on_canceled(const Order&, Quantity, CancelReason r, bool) override { last = r; }
  } reasons;
  engine.add_listener(&reasons);
  EXPECT_EQ(engine.submit(limit(Side::Buy, 1'010'100, 10)), 0u);  // 101.01: through the collar
  EXPECT_NE(engine.submit(limit(Side::Buy, 900'000, 10)), 0u);    // far below: harmless, accepted
  engine.submit(limit(Side::Sell, 1'005'000, 10, 2));             // 100.50
  engine.submit(limit(Side::Sell, 1'020'000, 10, 2));             // 102.00, beyond a buyer's reach
  log.events.clear();
  OrderRequest market = limit(Side::Buy, 0, 30, 3);
  market.type = OrderType::Market;
  engine.submit(market);  // takes 100.50, stops short of 102.00
  EXPECT_EQ(log.events,
            (std::vector<std::string>{"accepted 4", "trade 4 x 2 10@1005000", "canceled 4 20"}));
  EXPECT_EQ(reasons.last, CancelReason::PriceCollar);
  EXPECT_EQ(std::string(describe(RejectReason::PriceOutsideCollar)).substr(0, 40),
            "price is beyond the instrument's price c");
}

TEST_F(MatchingTest, InstrumentsHaveSeparateBooks) {
  engine.submit(limit(Side::Sell, 425'000, 10, 1, TimeInForce::Day, 2));
  engine.submit(limit(Side::Buy, 1'000'000, 10, 2));
  EXPECT_EQ(engine.stats().trades, 0u);
  EXPECT_NE(engine.book(1).best(Side::Buy), nullptr);
  EXPECT_NE(engine.book(2).best(Side::Sell), nullptr);
}

// Randomized: after every operation the book is uncrossed; every level's quantity and count are
// those of the orders queued on it, in time order; quantity is conserved (submitted = resting +
// traded on both sides + canceled).
TEST_F(MatchingTest, RandomOperationsKeepTheBookConsistent) {
  std::mt19937_64 rng(42);
  std::vector<OrderId> live;
  Quantity submitted = 0, canceled = 0;
  struct Totals : MatchingListener {
    Quantity canceled = 0;
    OrderId replaced_to = 0;
    void on_canceled(const Order&, Quantity q, CancelReason, bool) override { canceled += q; }
    void on_reduced(const Order&, Quantity by, Quantity) override { canceled += by; }
    void on_replaced(const Order& o, OrderId, bool) override { replaced_to = o.id; }
  } totals;
  engine.add_listener(&totals);
  for (int i = 0; i < 20'000; ++i) {
    // Orders in `live` may have traded away since: cancel and replace then find nothing.
    if (!live.empty() && rng() % 3 == 0) {
      const std::size_t k = rng() % live.size();
      engine.cancel(live[k], 1);
      live[k] = live.back();
      live.pop_back();
    } else if (!live.empty() && rng() % 4 == 0) {
      const std::size_t k = rng() % live.size();
      const Order* order = engine.find(live[k]);
      if (!order) continue;
      const Quantity old_leaves = order->leaves, executed = order->executed;
      const Price price = 1'000'000 + (static_cast<Price>(rng() % 21) - 10) * 100;
      const Quantity qty = 10 * static_cast<Quantity>(1 + rng() % 10);
      const auto result = engine.replace(live[k], 1, price, qty);
      if (result == ReplaceResult::Replaced) {
        submitted += qty - executed - old_leaves;
        live[k] = totals.replaced_to;
      }
    } else {
      const Side side = rng() % 2 ? Side::Buy : Side::Sell;
      const Price price = 1'000'000 + (static_cast<Price>(rng() % 21) - 10) * 100;
      const Quantity qty = 10 * static_cast<Quantity>(1 + rng() % 10);
      const auto tif = rng() % 5 == 0 ? TimeInForce::ImmediateOrCancel : TimeInForce::Day;
      submitted += qty;
      if (const OrderId id = engine.submit(limit(side, price, qty, 1, tif))) live.push_back(id);
    }
    const auto* bid = engine.book(1).best(Side::Buy);
    const auto* ask = engine.book(1).best(Side::Sell);
    if (bid && ask) {
      ASSERT_LT(bid->price, ask->price) << "crossed after op " << i;
    }
  }
  Quantity resting = 0;
  for (const Side side : {Side::Buy, Side::Sell}) {
    for (const PriceLevel& level : engine.book(1).levels(side)) {
      const auto orders = engine.queue(level);
      ASSERT_EQ(orders.size(), level.orders);
      Quantity sum = 0;
      OrderId previous = 0;
      for (const Order* o : orders) {
        ASSERT_EQ(o->request.price, level.price);
        ASSERT_EQ(o->request.side, side);
        ASSERT_GT(o->leaves, 0);
        ASSERT_GT(o->id, previous) << "queue out of time order";
        previous = o->id;
        sum += o->leaves;
      }
      ASSERT_EQ(sum, level.quantity);
      resting += level.quantity;
    }
  }
  canceled = totals.canceled;
  EXPECT_EQ(submitted,
            resting + 2 * static_cast<Quantity>(engine.stats().traded_quantity) + canceled);
}

}  // namespace
}  // namespace vtb::sim
