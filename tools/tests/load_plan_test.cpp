// testbed load's request plan and the acceptor settings it writes: the mix as asked, cancels and
// replaces of the session's own resting orders (never of one the venue said is done), the same
// requests for the same seed.

#include "tools/load/load_plan.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tools/load/acceptor_settings.hpp"

namespace vtb::load {
namespace {

std::vector<LoadInstrument> two() {
  return {LoadInstrument::parse("ACME:100.00:0.01:1"),
          LoadInstrument::parse("INITECH:250.00:0.05:10")};
}

TEST(LoadPlan, FollowsTheMixWithCancelsAndReplacesOfTheSessionsOwnOrders) {
  LoadPlan plan(two(), LoadMix::parse("new=40,cancel=30,replace=10,aggressive=20"), 3, 5, 2, 7);
  std::map<RequestKind, int> kinds;
  std::map<std::uint64_t, std::uint32_t> session_of;  // every order and replace, by ClOrdID
  int aggressive = 0;
  for (std::uint64_t n = 1; n <= 100'000; ++n) {
    const Request r = plan.next();
    EXPECT_EQ(r.index, n);
    EXPECT_EQ(r.session, n % 3);
    ++kinds[r.kind];
    const LoadInstrument& i = plan.instruments()[r.instrument];
    if (r.kind != RequestKind::New) {
      ASSERT_TRUE(session_of.count(r.target)) << "request " << n << " changes no order of ours";
      EXPECT_EQ(session_of[r.target], r.session) << "a cancel goes on the order's session";
      EXPECT_LT(r.target, r.index);
    }
    if (r.kind != RequestKind::Cancel) {
      session_of[r.index] = r.session;
      EXPECT_EQ(r.price % i.tick, 0);
      EXPECT_EQ(r.quantity, 2 * i.lot);
      const Price away = r.side == Side::Buy ? i.mid - r.price : r.price - i.mid;
      if (away < 0) ++aggressive;  // priced through the mid: it trades
      EXPECT_TRUE((away >= i.tick && away <= 5 * i.tick) || away == -5 * i.tick) << away;
    }
  }
  EXPECT_NEAR(kinds[RequestKind::Cancel], 30'000, 1'000);
  EXPECT_NEAR(kinds[RequestKind::Replace], 10'000, 600);
  EXPECT_NEAR(aggressive, 20'000, 800);
}

TEST(LoadPlan, NeverChangesAnOrderTheVenueSaidIsDoneAndRepeatsForASeed) {
  LoadPlan plan(two(), LoadMix::parse("new=1,cancel=1"), 1, 3, 1, 11);
  LoadPlan again(two(), LoadMix::parse("new=1,cancel=1"), 1, 3, 1, 11);
  std::set<std::uint64_t> done;
  for (int n = 0; n < 20'000; ++n) {
    const Request r = plan.next();
    const Request s = again.next();
    EXPECT_EQ(r.kind, s.kind);
    EXPECT_EQ(r.price, s.price);
    EXPECT_EQ(r.target, s.target);
    if (r.kind == RequestKind::Cancel) {
      EXPECT_FALSE(done.count(r.target)) << "cancel of done order " << r.target;
      done.insert(r.target);  // canceled: done
    } else if (r.index % 3 == 0) {
      plan.done(r.index);  // filled at once, as the venue would say
      again.done(r.index);
      done.insert(r.index);
    }
  }
}

TEST(LoadPlan, BadMixesAndInstrumentsAreRefusedNamingThePart) {
  const auto message = [](auto&& f) {
    try {
      f();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message([] { LoadMix::parse("new=1,sweep=2"); }),
            "--mix: unknown kind 'sweep' (new, cancel, replace, aggressive)");
  EXPECT_EQ(message([] { LoadMix::parse("new=x"); }),
            "--mix: 'new=x': the weight must be a number, 0 or more");
  EXPECT_EQ(message([] { LoadMix::parse("cancel=5"); }),
            "--mix: new or aggressive must weigh more than 0");
  EXPECT_EQ(message([] { LoadInstrument::parse("ACME"); }),
            "--instrument: 'ACME' is not SYMBOL:MID[:TICK[:LOT]]");
  EXPECT_EQ(message([] { LoadInstrument::parse("ACME:100.005:0.01"); }),
            "--instrument: 'ACME:100.005:0.01': the mid is not a multiple of the tick");
  EXPECT_EQ(LoadMix::parse("new=40,cancel=40,replace=10,aggressive=10").describe(),
            "new=40,cancel=40,replace=10,aggressive=10");
}

TEST(AcceptorSettings, OneSessionBlockPerLoadSession) {
  AcceptorSettingsOptions o;
  o.sessions = 3;
  o.begin_string = "FIXT.1.1";
  o.dictionary = "t.xml,a.xml";
  o.port = 6001;
  const std::string text = acceptor_settings(o);
  EXPECT_NE(text.find("SocketAcceptPort=6001\n"), std::string::npos);
  EXPECT_NE(text.find("TransportDataDictionary=t.xml\nAppDataDictionary=a.xml\n"),
            std::string::npos);
  EXPECT_NE(text.find("[SESSION]\nTargetCompID=LOAD0003\n"), std::string::npos);
  EXPECT_EQ(text.find("LOAD0004"), std::string::npos);
}

}  // namespace
}  // namespace vtb::load
