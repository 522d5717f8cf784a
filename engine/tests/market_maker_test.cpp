#include "engine/strategy/market_maker.hpp"

#include <gtest/gtest.h>

#include "engine/tests/test_book.hpp"

#include "engine/orders/quotes.hpp"

namespace vtb::engine {
namespace {

MarketMakerConfig config() {
  MarketMakerConfig c;
  c.tick = 100;
  c.edge_ticks = 5;
  c.requote_ticks = 2;
  c.quantity = 100;
  c.max_position = 200;
  return c;
}

TEST(MarketMaker, QuotesTheEdgeEitherSideOfTheMidRoundedAwayFromIt) {
  const MarketMaker mm(config());
  // Mid 100.00: 99.95 and 100.05.
  auto q = mm.targets(book(999'900, 1'000'100), 0, 0);
  EXPECT_EQ(q.bid, 999'500);
  EXPECT_EQ(q.ask, 1'000'500);
  // Mid 100.005 (half a tick): the bid rounds down, the offer up.
  q = mm.targets(book(999'900, 1'000'200), 0, 0);
  EXPECT_EQ(q.bid, 999'500);
  EXPECT_EQ(q.ask, 1'000'600);
}

TEST(MarketMaker, NoMidNoQuotes) {
  const MarketMaker mm(config());
  feed::InstrumentBook one_sided;
  one_sided.bids.add(999'900, 100);
  const auto q = mm.targets(one_sided, 0, 0);
  EXPECT_FALSE(q.bid);
  EXPECT_FALSE(q.ask);
}

TEST(MarketMaker, StopsQuotingTheSideThatWouldBreachThePosition) {
  const MarketMaker mm(config());
  auto q = mm.targets(book(999'900, 1'000'100), 150, 0);  // a bid fill would make 250 long
  EXPECT_FALSE(q.bid);
  EXPECT_TRUE(q.ask);
  q = mm.targets(book(999'900, 1'000'100), 0, 101);
  EXPECT_TRUE(q.bid);
  EXPECT_FALSE(q.ask);
}

TEST(MarketMaker, MovesAQuoteOnlyOnceItsTargetIsFarEnough) {
  const MarketMaker mm(config());
  EXPECT_FALSE(mm.should_move(999'500, 999'600));  // one tick
  EXPECT_TRUE(mm.should_move(999'500, 999'700));   // two
  EXPECT_TRUE(mm.should_move(999'500, 999'300));
}

QuoteReport report(char exec_type, char status, std::string_view id, std::string_view orig = {},
                   Quantity leaves = 100) {
  return {'8', exec_type, status, id, orig, leaves};
}

TEST(Quotes, FollowTheVenuesAnswersThroughNewReplaceAndCancel) {
  Quotes quotes;
  quotes.sent_new(Side::Buy, "100", 999'500, 100);
  EXPECT_EQ(quotes.side(Side::Buy).state, QuoteState::PendingNew);
  EXPECT_FALSE(quotes.apply(report('0', '0', "999")));  // not ours
  EXPECT_TRUE(quotes.apply(report('0', '0', "100")));
  EXPECT_TRUE(quotes.side(Side::Buy).live());

  quotes.sent_replace(Side::Buy, "120", 999'700);
  EXPECT_EQ(quotes.side(Side::Buy).state, QuoteState::PendingReplace);
  // A partial fill of the old order before the replace lands: still pending, fewer left.
  EXPECT_TRUE(quotes.apply(report('F', '1', "100", {}, 60)));
  EXPECT_EQ(quotes.side(Side::Buy).state, QuoteState::PendingReplace);
  EXPECT_EQ(quotes.side(Side::Buy).leaves, 60);
  EXPECT_TRUE(quotes.apply(report('5', '1', "120", "100", 60)));
  EXPECT_TRUE(quotes.side(Side::Buy).live());
  EXPECT_EQ(quotes.side(Side::Buy).id.view(), "120");
  EXPECT_EQ(quotes.side(Side::Buy).price, 999'700);

  quotes.sent_cancel(Side::Buy, "C9");
  EXPECT_TRUE(quotes.apply(report('4', '4', "C9", "120", 0)));
  EXPECT_EQ(quotes.side(Side::Buy).state, QuoteState::None);
}

TEST(Quotes, ARefusedReplaceLeavesTheQuoteAsItWasAndAFillEndsIt) {
  Quotes quotes;
  quotes.sent_new(Side::Sell, "7", 1'000'500, 100);
  quotes.apply(report('0', '0', "7"));
  quotes.sent_replace(Side::Sell, "8", 1'000'300);
  EXPECT_TRUE(quotes.apply({'9', '\0', '0', "8", "7", 0}));  // OrderCancelReject, order live
  EXPECT_TRUE(quotes.side(Side::Sell).live());
  EXPECT_EQ(quotes.side(Side::Sell).id.view(), "7");
  EXPECT_EQ(quotes.side(Side::Sell).price, 1'000'500);
  EXPECT_TRUE(quotes.apply(report('F', '2', "7", {}, 0)));
  EXPECT_EQ(quotes.side(Side::Sell).state, QuoteState::None);
  EXPECT_FALSE(quotes.apply(report('F', '2', "7", {}, 0))) << "a finished quote hears nothing";
}

// After a reconnection: a mass cancel ends each quote by whichever ClOrdID the venue had, the
// quote's own or that of a replace in flight that the venue took.
TEST(Quotes, AMassCancelEndsEachQuoteByTheClOrdIdTheVenueHad) {
  Quotes quotes;
  quotes.sent_new(Side::Buy, "1", 999'500, 100);
  quotes.apply(report('0', '0', "1"));
  quotes.sent_replace(Side::Buy, "2", 999'600);  // in flight when the link went: the venue took it
  quotes.sent_new(Side::Sell, "3", 1'000'500, 100);
  quotes.apply(report('0', '0', "3"));
  quotes.sent_replace(Side::Sell, "4", 1'000'400);  // in flight: lost
  quotes.sent_mass_cancel();
  EXPECT_EQ(quotes.side(Side::Buy).state, QuoteState::PendingCancel);
  EXPECT_FALSE(quotes.side(Side::Sell).live());
  EXPECT_TRUE(quotes.apply(report('4', '4', "2", {}, 0)));
  EXPECT_EQ(quotes.side(Side::Buy).state, QuoteState::None);
  EXPECT_TRUE(quotes.apply(report('4', '4', "3", {}, 0)));
  EXPECT_EQ(quotes.side(Side::Sell).state, QuoteState::None);
}

}  // namespace
}  // namespace vtb::engine
