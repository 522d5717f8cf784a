// Order entry end to end inside one process: a FIX acceptor with the order-entry application and
// the matching core on one thread, our FIX initiator as the client on the test thread, real TCP
// over loopback between them.

#include "simulator/gateway/order_entry.hpp"

#include <gtest/gtest.h>

#include <poll.h>
#include <sys/socket.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <deque>
#include <future>
#include <map>
#include <string>
#include <thread>

#include "common/fix/initiator.hpp"
#include "common/fix/tags.hpp"
#include "tests/support/fix_text.hpp"

namespace vtb::sim {
namespace {

namespace tag = fix::tag;
using Fields = std::map<int, std::string>;

bool g_throttle_queue = false;  // the venue session's ThrottleMode, for the fixture being built

fix::SessionConfig session(bool initiator, std::uint16_t port = 0) {
  fix::SessionConfig c;
  c.initiator = initiator;
  c.begin_string = "FIX.4.4";
  c.sender_comp_id = initiator ? "ENGINE" : "VENUE";
  c.target_comp_id = initiator ? "VENUE" : "ENGINE";
  c.reset_on_logon = true;
  c.cancel_on_disconnect = !initiator;
  c.self_match_prevention = "CancelResting";
  c.max_messages_per_second = 20;  // no other test sends that many in a second
  c.throttle_queue = !initiator && g_throttle_queue;
  c.connect_host = "127.0.0.1";
  c.connect_port = port;
  return c;
}

struct Application : FixApplication {
  OrderEntry* order_entry = nullptr;
  void on_message(std::size_t s, const fix::MessageView& m, Now now) override {
    order_entry->on_message(s, m, now);
  }
  void on_logout(std::size_t s, Now now) override { order_entry->on_logout(s, now); }
};

class OrderEntryTest : public ::testing::Test {
 protected:
  OrderEntryTest()
      : engine_({Instrument{1, "ACME", 100, 1, 1'000'000}}),
        acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}, {session(false)}, app_,
                  test_limits()),
        order_entry_(engine_, acceptor_),
        work_(io_.get_executor()) {
    app_.order_entry = &order_entry_;
    engine_.add_listener(&order_entry_);
    // Liquidity from outside any FIX session, resting before the client connects.
    OrderRequest ask;
    ask.instrument = 1;
    ask.side = Side::Sell;
    ask.price = 1'000'100;
    ask.quantity = 100;
    ask.owner = 1'000'000;
    engine_.submit(ask);
    venue_thread_ = std::thread([this] { io_.run(); });
    client_ = std::make_unique<fix::Initiator>(session(true, acceptor_.port()));
    client_->connect_and_logon(5 * kNanosPerSecond);
  }

  static AcceptorLimits test_limits() {
    AcceptorLimits limits;
    limits.logon_timeout = 300'000'000;  // 300 ms
    limits.max_pending_connections = 2;
    return limits;
  }

  // A raw TCP connection to the venue that never logs on.
  boost::asio::ip::tcp::socket raw_connection() {
    boost::asio::ip::tcp::socket s(client_io_);
    s.connect({boost::asio::ip::make_address("127.0.0.1"), acceptor_.port()});
    return s;
  }

  // True when the venue closed the connection within `timeout_ms`.
  static bool closed_by_venue(boost::asio::ip::tcp::socket& s, int timeout_ms) {
    pollfd p{s.native_handle(), POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char byte;
    return ::recv(s.native_handle(), &byte, 1, 0) <= 0;
  }

  ~OrderEntryTest() override {
    client_->logout("test over", kNanosPerSecond);
    work_.reset();
    io_.stop();
    venue_thread_.join();
  }

  void send(const std::string& type, const Fields& fields) {
    const Now now = Now::read();
    fix::MessageWriter w = client_->session().begin(type, now);
    for (const auto& [t, v] : fields)
      w.field(t, v);
    ASSERT_TRUE(client_->session().send(w, now));
    ASSERT_TRUE(client_->flush());
  }

  // The next application or session-reject message the venue sends, as tag -> value.
  Fields receive() {
    const Nanos deadline = monotonic_ns() + 5 * kNanosPerSecond;
    while (inbox_.empty() && monotonic_ns() < deadline) {
      client_->poll(Now::read(), [&](const fix::MessageView& m) {
        Fields fields;
        for (const fix::Field& f : m)
          fields[f.tag] = std::string(f.value);
        inbox_.push_back(std::move(fields));
      });
    }
    if (inbox_.empty()) {
      ADD_FAILURE() << "no message from the venue within 5 s";
      return {};
    }
    Fields next = std::move(inbox_.front());
    inbox_.pop_front();
    return next;
  }

  Fields new_order(const std::string& cl_ord_id, const std::string& side, const std::string& qty,
                   const std::string& price, const std::string& tif) {
    Fields f{{tag::ClOrdID, cl_ord_id}, {tag::Side, side},
             {tag::Symbol, "ACME"},     {tag::OrderQty, qty},
             {tag::OrdType, "2"},       {tag::TransactTime, "20261122-11:00:00"},
             {tag::Price, price},       {tag::TimeInForce, tif}};
    return f;
  }
  // An OrderCancelReplaceRequest for a buy limit order of ACME.
  Fields replace_request(const std::string& orig, const std::string& cl_ord_id,
                         const std::string& qty, const std::string& price) {
    return {{tag::OrigClOrdID, orig}, {tag::ClOrdID, cl_ord_id},
            {tag::Side, "1"},         {tag::Symbol, "ACME"},
            {tag::OrderQty, qty},     {tag::OrdType, "2"},
            {tag::Price, price},      {tag::TransactTime, "20261122-11:00:00"}};
  }

  // Runs `f` on the venue's thread and returns its result: the core is not thread-safe.
  template <class F>
  auto on_venue_thread(F f) {
    std::promise<decltype(f())> result;
    boost::asio::post(io_, [&] { result.set_value(f()); });
    return result.get_future().get();
  }

  boost::asio::io_context io_;
  boost::asio::io_context client_io_;
  MatchingEngine engine_;
  Application app_;
  FixAcceptor acceptor_;
  OrderEntry order_entry_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::thread venue_thread_;
  std::unique_ptr<fix::Initiator> client_;
  std::deque<Fields> inbox_;
};

TEST_F(OrderEntryTest, AnIocBuyThatCrossesIsAcknowledgedThenFilled) {
  send("D", new_order("1234567", "1", "30", "100.01", "3"));
  auto ack = receive();
  EXPECT_EQ(ack[tag::MsgType], "8");
  EXPECT_EQ(ack[tag::ExecType], "0");
  EXPECT_EQ(ack[tag::OrdStatus], "0");
  EXPECT_EQ(ack[tag::ClOrdID], "1234567");
  EXPECT_EQ(ack[tag::LeavesQty], "30");
  auto fill = receive();
  EXPECT_EQ(fill[tag::ExecType], "F");
  EXPECT_EQ(fill[tag::OrdStatus], "2");
  EXPECT_EQ(fill[tag::LastQty], "30");
  EXPECT_EQ(fill[tag::LastPx], "100.01");
  EXPECT_EQ(fill[tag::CumQty], "30");
  EXPECT_EQ(fill[tag::LeavesQty], "0");
  EXPECT_EQ(fill[tag::AvgPx], "100.01");
  EXPECT_EQ(fill[tag::OrderID], ack[tag::OrderID]);
  EXPECT_NE(fill[tag::ExecID], ack[tag::ExecID]);
  // The fill names its match as the feed does (the day's first trade), so that a capture can tie
  // the two together; the acknowledgement has no match.
  EXPECT_EQ(fill[tag::SecondaryExecID], "1");  // FIX 4.4's place for it (TrdMatchID from 5.0)
  EXPECT_EQ(ack.count(tag::SecondaryExecID), 0u);
}

TEST_F(OrderEntryTest, AStopOrderIsTriggeredByATradeAndReportedAsSuch) {
  Fields stop = new_order("S1", "1", "10", "", "0");
  stop.erase(tag::Price);
  stop[tag::OrdType] = "3";
  stop[tag::StopPx] = "100.02";
  send("D", stop);
  auto ack = receive();
  EXPECT_EQ(ack[tag::ExecType], "0");
  EXPECT_EQ(ack[tag::StopPx], "100.02");
  EXPECT_EQ(ack.count(tag::Price), 0u);
  // Others trade through 100.01 up to 100.02: the stop becomes a market order and takes the
  // next ask, at 100.03.
  on_venue_thread([this] {
    OrderRequest r;
    r.instrument = 1;
    r.owner = 1'000'001;
    r.side = Side::Sell;
    for (const auto& [price, quantity] : {std::pair{1'000'200, 5}, std::pair{1'000'300, 50}}) {
      r.price = price;
      r.quantity = quantity;
      engine_.submit(r);
    }
    r.side = Side::Buy;
    r.price = 1'000'200;
    r.quantity = 105;
    engine_.submit(r);
    acceptor_.flush_all();
    return 0;
  });
  auto triggered = receive();
  EXPECT_EQ(triggered[tag::ExecType], "L");
  EXPECT_EQ(triggered[tag::OrdStatus], "0");
  EXPECT_EQ(triggered[tag::LeavesQty], "10");
  auto fill = receive();
  EXPECT_EQ(fill[tag::ExecType], "F");
  EXPECT_EQ(fill[tag::LastPx], "100.03");
  EXPECT_EQ(fill[tag::OrdStatus], "2");
}

TEST_F(OrderEntryTest, AGoodTillDateOrderExpiresAtItsExpireTime) {
  Fields gtd = new_order("G1", "1", "10", "99.00", "6");
  char text[fix::kMaxTimestampLength];
  const Nanos expire = wall_clock_ns() + 200'000'000;  // 200 ms
  gtd[tag::ExpireTime] =
      std::string(text, fix::format_utc_timestamp(text, expire, fix::TimestampPrecision::Millis));
  send("D", gtd);
  auto ack = receive();
  EXPECT_EQ(ack[tag::ExecType], "0");
  EXPECT_EQ(ack[tag::ExpireTime], gtd[tag::ExpireTime]);
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  on_venue_thread([this] {
    order_entry_.on_clock(Now::read());  // the venue's housekeeping timer does this
    acceptor_.flush_all();
    return 0;
  });
  auto expired = receive();
  EXPECT_EQ(expired[tag::ExecType], "C");
  EXPECT_EQ(expired[tag::OrdStatus], "C");
  EXPECT_EQ(expired[tag::LeavesQty], "0");
  EXPECT_EQ(expired[tag::ClOrdID], "G1");
}

// ExpireDate(432) instead of ExpireTime: the order lasts to the end of that day (UTC), reported
// as the ExpireTime it got.
TEST_F(OrderEntryTest, AGoodTillDateOrderMayGiveAnExpireDate) {
  const Nanos tomorrow = wall_clock_ns() + 86'400 * kNanosPerSecond;
  char text[fix::kMaxTimestampLength];
  const std::string stamp(
      text, fix::format_utc_timestamp(text, tomorrow, fix::TimestampPrecision::Millis));
  const std::string date = stamp.substr(0, 8);
  Fields gtd = new_order("G1", "1", "10", "99.00", "6");
  gtd[tag::ExpireDate] = date;
  send("D", gtd);
  auto ack = receive();
  EXPECT_EQ(ack[tag::ExecType], "0");
  const Nanos end = *fix::parse_utc_timestamp(date + "-00:00:00") + 86'400 * kNanosPerSecond;
  EXPECT_EQ(
      ack[tag::ExpireTime],
      std::string(text, fix::format_utc_timestamp(text, end, fix::TimestampPrecision::Millis)));

  gtd[tag::ClOrdID] = "G2";
  gtd[tag::ExpireDate] = "20200101";
  send("D", gtd);
  auto past = receive();
  EXPECT_EQ(past[tag::ExecType], "8");
  EXPECT_EQ(past[tag::OrdRejReason], "99");

  gtd[tag::ClOrdID] = "G3";
  gtd[tag::ExpireDate] = date;
  gtd[tag::ExpireTime] = stamp;
  send("D", gtd);
  auto both = receive();
  EXPECT_EQ(both[tag::ExecType], "8");
  EXPECT_EQ(both[tag::Text], "ExpireTime(126) and ExpireDate(432): give one of them");
}

// The standard fields a client's order carries: Account comes back on every report; the routing
// fields come back reversed (OnBehalfOf* as DeliverTo*, SenderSubID as TargetSubID), as FIX's
// third-party routing has it; the rest (HandlInst, harmless ExecInst values, OrderCapacity,
// Parties, ClientID, SecurityID, ExDestination, Currency, Text...) change nothing.
TEST_F(OrderEntryTest, StandardFieldsAreEchoedOrIgnored) {
  Fields order = new_order("A1", "1", "30", "100.01", "0");
  order[tag::Account] = "ACC-7";
  order[tag::SenderSubID] = "DESK9";
  order[tag::OnBehalfOfCompID] = "BROKER1";
  order[tag::DeliverToCompID] = "VENUE-DESK";
  order[21] = "1";               // HandlInst
  order[tag::ExecInst] = "1 H";  // Not held, reinstate on system failure: nothing to do here
  order[528] = "A";              // OrderCapacity
  order[109] = "CLIENT-X";       // ClientID
  order[48] = "US0000000001";    // SecurityID
  order[22] = "4";               // SecurityIDSource
  order[100] = "XVTB";           // ExDestination
  order[15] = "USD";             // Currency
  order[tag::Text] = "hello";
  send("D", order);
  auto ack = receive();
  EXPECT_EQ(ack[tag::ExecType], "0");
  auto fill = receive();
  EXPECT_EQ(fill[tag::ExecType], "F");
  EXPECT_EQ(fill[tag::LastQty], "30");
  for (Fields* report : {&ack, &fill}) {
    EXPECT_EQ(report->at(tag::Account), "ACC-7");
    EXPECT_EQ(report->at(tag::TargetSubID), "DESK9");
    EXPECT_EQ(report->at(tag::DeliverToCompID), "BROKER1");
    EXPECT_EQ(report->at(tag::OnBehalfOfCompID), "VENUE-DESK");
    EXPECT_EQ(report->count(tag::Text), 0u) << "the order's Text is not echoed";
  }
}

// Short sales (Side 5, 6) trade as sells and are reported with the Side sent; a cancel must name
// that Side. Sides the venue does not trade, and ExecInst values that would change how an order
// trades, are rejected at application level with a reason, not at session level.
TEST_F(OrderEntryTest, ShortSalesTradeAsSellsAndUnsupportedValuesAreRejectedWithAReason) {
  send("D", new_order("S1", "5", "10", "101.00", "0"));
  auto ack = receive();
  EXPECT_EQ(ack[tag::ExecType], "0");
  EXPECT_EQ(ack[tag::Side], "5");
  EXPECT_EQ(on_venue_thread([this] { return engine_.book(1).levels(Side::Sell).size(); }), 2u);
  Fields wrong_side = {{tag::OrigClOrdID, "S1"},
                       {tag::ClOrdID, "S2"},
                       {tag::Side, "2"},
                       {tag::Symbol, "ACME"},
                       {tag::TransactTime, "20261122-11:00:00"}};
  send("F", wrong_side);
  EXPECT_EQ(receive()[tag::MsgType], "9");
  wrong_side[tag::Side] = "5";
  send("F", wrong_side);
  auto canceled = receive();
  EXPECT_EQ(canceled[tag::ExecType], "4");
  EXPECT_EQ(canceled[tag::Side], "5");

  send("D", new_order("X1", "8", "10", "100.00", "0"));  // Cross
  auto r = receive();
  EXPECT_EQ(r[tag::MsgType], "8");
  EXPECT_EQ(r[tag::ExecType], "8");
  EXPECT_EQ(r[tag::OrdRejReason], "11");
  EXPECT_EQ(r[tag::Side], "8");
  EXPECT_NE(r[tag::Text].find("Side(54)=8 is not supported"), std::string::npos) << r[tag::Text];
  for (const char* instruction : {"G", "6", "1 P"}) {  // all or none, post only, market peg
    Fields order = new_order(std::string("E") + instruction, "1", "10", "100.00", "0");
    order[tag::ExecInst] = instruction;
    send("D", order);
    r = receive();
    EXPECT_EQ(r[tag::ExecType], "8") << instruction;
    EXPECT_EQ(r[tag::OrdRejReason], "11") << instruction;
    EXPECT_NE(r[tag::Text].find("ExecInst(18)="), std::string::npos) << r[tag::Text];
  }
}

TEST_F(OrderEntryTest, AMassStatusRequestReportsEveryLiveOrderOfTheSession) {
  send("D", new_order("B1", "1", "10", "99.00", "0"));
  send("D", new_order("S1", "2", "10", "101.00", "0"));
  send("D", new_order("B2", "1", "10", "98.00", "0"));
  for (int i = 0; i < 3; ++i)
    receive();
  send("AF", {{tag::MassStatusReqID, "MS1"}, {tag::MassStatusReqType, "7"}});
  std::vector<std::string> reported;
  for (int i = 0; i < 3; ++i) {
    auto r = receive();
    EXPECT_EQ(r[tag::MsgType], "8");
    EXPECT_EQ(r[tag::ExecType], "I");
    EXPECT_EQ(r[tag::OrdStatus], "0");
    EXPECT_EQ(r[tag::MassStatusReqID], "MS1");
    EXPECT_EQ(r[tag::TotNumReports], "3");
    EXPECT_EQ(r.count(tag::LastRptRequested), i == 2 ? 1u : 0u);
    reported.push_back(r[tag::ClOrdID]);
  }
  EXPECT_EQ(reported, (std::vector<std::string>{"B1", "S1", "B2"})) << "oldest first";
  // Narrowed to the buys in ACME.
  send("AF", {{tag::MassStatusReqID, "MS2"},
              {tag::MassStatusReqType, "1"},
              {tag::Symbol, "ACME"},
              {tag::Side, "1"}});
  EXPECT_EQ(receive()[tag::ClOrdID], "B1");
  auto last = receive();
  EXPECT_EQ(last[tag::ClOrdID], "B2");
  EXPECT_EQ(last[tag::LastRptRequested], "Y");
  // Nothing to report: one report saying so.
  send("AF", {{tag::MassStatusReqID, "MS3"},
              {tag::MassStatusReqType, "1"},
              {tag::Symbol, "ACME"},
              {tag::Side, "5"}});
  auto none = receive();
  EXPECT_EQ(none[tag::ExecType], "I");
  EXPECT_EQ(none[tag::OrdStatus], "8");
  EXPECT_EQ(none[tag::OrderID], "NONE");
  EXPECT_EQ(none[tag::TotNumReports], "0");
  EXPECT_EQ(none[tag::LastRptRequested], "Y");
  // A scope the venue does not offer: a BusinessMessageReject naming it.
  send("AF", {{tag::MassStatusReqID, "MS4"}, {tag::MassStatusReqType, "3"}});
  auto refused = receive();
  EXPECT_EQ(refused[tag::MsgType], "j");
  EXPECT_EQ(refused[tag::RefMsgType], "AF");
  EXPECT_EQ(refused[tag::BusinessRejectReason], "0");
  EXPECT_NE(refused[tag::Text].find("MassStatusReqType(585)=3"), std::string::npos);
}

TEST_F(OrderEntryTest, AnIocRemainderIsCanceledWithCumQtyKept) {
  send("D", new_order("7", "1", "150", "100.01", "3"));
  receive();              // New
  auto fill = receive();  // 100 against the resting ask
  EXPECT_EQ(fill[tag::OrdStatus], "1");
  EXPECT_EQ(fill[tag::LeavesQty], "50");
  auto cancel = receive();  // the remaining 50
  EXPECT_EQ(cancel[tag::ExecType], "4");
  EXPECT_EQ(cancel[tag::OrdStatus], "4");
  EXPECT_EQ(cancel[tag::CumQty], "100");
  EXPECT_EQ(cancel[tag::LeavesQty], "0");
}

TEST_F(OrderEntryTest, ADayOrderThatDoesNotCrossRests) {
  send("D", new_order("9", "1", "10", "99.5", "0"));
  auto ack = receive();
  EXPECT_EQ(ack[tag::ExecType], "0");
  const auto best_bid = on_venue_thread([this] { return engine_.book(1).best(Side::Buy)->price; });
  EXPECT_EQ(best_bid, 995'000);
}

TEST_F(OrderEntryTest, BusinessProblemsAreRejectedWithAReasonAndText) {
  Fields unknown = new_order("1", "1", "10", "100", "0");
  unknown[tag::Symbol] = "NOPE";
  send("D", unknown);
  auto r = receive();
  EXPECT_EQ(r[tag::ExecType], "8");
  EXPECT_EQ(r[tag::OrdRejReason], "1");
  EXPECT_EQ(r[tag::Text], "unknown symbol 'NOPE'");
  EXPECT_EQ(r[tag::Symbol], "NOPE");

  send("D", new_order("2", "1", "10", "100.005", "0"));
  r = receive();
  EXPECT_EQ(r[tag::ExecType], "8");
  EXPECT_EQ(r[tag::Text], "price is not a multiple of the tick size");

  Fields no_price = new_order("3", "1", "10", "100", "0");
  no_price.erase(tag::Price);
  send("D", no_price);
  r = receive();
  EXPECT_EQ(r[tag::Text], "Price(44) is required with OrdType(40)=2 or 4");

  send("D", new_order("4", "1", "10", "100", "6"));
  r = receive();
  EXPECT_EQ(r[tag::OrdRejReason], "99");
  EXPECT_EQ(r[tag::Text],
            "ExpireTime(126) or ExpireDate(432) is required with TimeInForce(59)=6 (GTD), and only "
            "there");

  send("D", new_order("5", "1", "10", "100", "5"));  // Good Till Crossing
  r = receive();
  EXPECT_EQ(r[tag::OrdRejReason], "11");
  EXPECT_EQ(r[tag::Text],
            "TimeInForce(59)=5 is not supported: use 0 (Day), 1 (GTC), 2 (At the Opening), 3 "
            "(IOC), 4 (FOK), 6 (GTD) or 7 (At the Close)");

  send("D", new_order("5", "1", "10", "100", "2"));  // the market is open already
  r = receive();
  EXPECT_EQ(r[tag::Text], "At-the-Open orders are accepted only in the pre-open call");

  Fields stop_without_px = new_order("6", "1", "10", "100", "0");
  stop_without_px[tag::OrdType] = "4";
  send("D", stop_without_px);
  r = receive();
  EXPECT_EQ(r[tag::Text], "StopPx(99) is required with OrdType(40)=3 or 4, and only there");

  Fields big_floor = new_order("7", "1", "10", "100", "0");
  big_floor[tag::MaxFloor] = "20";
  send("D", big_floor);
  r = receive();
  EXPECT_EQ(r[tag::ExecType], "8");
  EXPECT_EQ(r[tag::Text],
            "display quantity must be a lot multiple no larger than the order "
            "quantity, on a limit order that can rest");
}

TEST_F(OrderEntryTest, MalformedOrdersGetASessionReject) {
  Fields no_side = new_order("1", "1", "10", "100", "0");
  no_side.erase(tag::Side);
  send("D", no_side);
  auto r = receive();
  EXPECT_EQ(r[tag::MsgType], "3");
  EXPECT_EQ(r[tag::RefTagID], "54");
  EXPECT_EQ(r[tag::SessionRejectReason], "1");
  EXPECT_EQ(r[tag::RefMsgType], "D");

  send("D", new_order("2", "1", "ten", "100", "0"));
  r = receive();
  EXPECT_EQ(r[tag::RefTagID], "38");
  EXPECT_EQ(r[tag::SessionRejectReason], "6");
}

TEST_F(OrderEntryTest, UnsupportedMessagesGetABusinessReject) {
  send("R", {{131, "Q1"}, {146, "1"}, {tag::Symbol, "ACME"}});  // QuoteRequest
  auto r = receive();
  EXPECT_EQ(r[tag::MsgType], "j");
  EXPECT_EQ(r[tag::RefMsgType], "R");
  EXPECT_EQ(r[tag::BusinessRejectReason], "3");
  EXPECT_EQ(r[tag::Text], "Unsupported Message Type");
}

TEST_F(OrderEntryTest, ACancelByClOrdIdIsConfirmedWithBothIds) {
  send("D", new_order("B1", "1", "10", "99.00", "0"));
  auto ack = receive();
  ASSERT_EQ(ack[tag::ExecType], "0");
  send("F", {{tag::OrigClOrdID, "B1"},
             {tag::ClOrdID, "C1"},
             {tag::Side, "1"},
             {tag::Symbol, "ACME"},
             {tag::TransactTime, "20261122-11:00:00"}});
  auto r = receive();
  EXPECT_EQ(r[tag::MsgType], "8");
  EXPECT_EQ(r[tag::ExecType], "4");
  EXPECT_EQ(r[tag::OrdStatus], "4");
  EXPECT_EQ(r[tag::ClOrdID], "C1");
  EXPECT_EQ(r[tag::OrigClOrdID], "B1");
  EXPECT_EQ(r[tag::OrderID], ack[tag::OrderID]);
  EXPECT_EQ(r[tag::LeavesQty], "0");
  // The order is gone: cancelling it again is refused with OrderCancelReject, unknown order.
  send("F", {{tag::OrigClOrdID, "B1"},
             {tag::ClOrdID, "C2"},
             {tag::Side, "1"},
             {tag::Symbol, "ACME"},
             {tag::TransactTime, "20261122-11:00:00"}});
  r = receive();
  EXPECT_EQ(r[tag::MsgType], "9");
  EXPECT_EQ(r[tag::CxlRejResponseTo], "1");
  EXPECT_EQ(r[tag::CxlRejReason], "1");
  EXPECT_EQ(r[tag::OrderID], "NONE");
  EXPECT_EQ(r[tag::OrdStatus], "8");
}

TEST_F(OrderEntryTest, AReplaceChangesPriceAndQuantityAndCanTrade) {
  send("D", new_order("B1", "1", "10", "99.00", "0"));
  auto ack = receive();
  Fields replace = replace_request("B1", "B2", "150", "100.01");
  send("G", replace);
  // Up to the resting offer (100 at 100.01): Replaced, then a partial fill.
  auto r = receive();
  EXPECT_EQ(r[tag::ExecType], "5");
  EXPECT_EQ(r[tag::ClOrdID], "B2");
  EXPECT_EQ(r[tag::OrigClOrdID], "B1");
  EXPECT_EQ(r[tag::OrderID], ack[tag::OrderID]) << "OrderID stays across a replace";
  EXPECT_EQ(r[tag::OrderQty], "150");
  EXPECT_EQ(r[tag::Price], "100.01");
  r = receive();
  EXPECT_EQ(r[tag::ExecType], "F");
  EXPECT_EQ(r[tag::ClOrdID], "B2");
  EXPECT_EQ(r[tag::LastQty], "100");
  EXPECT_EQ(r[tag::LeavesQty], "50");
  // A price off the tick grid is refused and the order stays as it was.
  replace[tag::OrigClOrdID] = "B2";
  replace[tag::ClOrdID] = "B3";
  replace[tag::Price] = "100.015";
  send("G", replace);
  r = receive();
  EXPECT_EQ(r[tag::MsgType], "9");
  EXPECT_EQ(r[tag::CxlRejResponseTo], "2");
  EXPECT_EQ(r[tag::OrdStatus], "1");
  EXPECT_EQ(r[tag::Text], "price is not a multiple of the tick size");
  // The order still answers to B2.
  send("F", {{tag::OrigClOrdID, "B2"},
             {tag::ClOrdID, "C"},
             {tag::Side, "1"},
             {tag::Symbol, "ACME"},
             {tag::TransactTime, "20261122-11:00:00"}});
  r = receive();
  EXPECT_EQ(r[tag::ExecType], "4");
  EXPECT_EQ(r[tag::CumQty], "100");
}

TEST_F(OrderEntryTest, AReplaceToNoMoreThanCumQtyIsReplacedAndFilled) {
  send("D", new_order("B1", "1", "150", "100.01", "0"));  // 100 offered: fills 100, rests 50
  EXPECT_EQ(receive()[tag::ExecType], "0");
  EXPECT_EQ(receive()[tag::LeavesQty], "50");
  Fields replace = replace_request("B1", "B2", "80", "100.01");
  send("G", replace);
  // As FIX's order state matrices have it: Replaced, Filled, OrderQty = CumQty.
  auto r = receive();
  EXPECT_EQ(r[tag::ExecType], "5");
  EXPECT_EQ(r[tag::OrdStatus], "2");
  EXPECT_EQ(r[tag::ClOrdID], "B2");
  EXPECT_EQ(r[tag::OrigClOrdID], "B1");
  EXPECT_EQ(r[tag::OrderQty], "100");
  EXPECT_EQ(r[tag::CumQty], "100");
  EXPECT_EQ(r[tag::LeavesQty], "0");
  EXPECT_EQ(on_venue_thread([this] { return engine_.book(1).best(Side::Buy) == nullptr; }), true);
  // The order is done: nothing answers to B2 any more.
  replace[tag::OrigClOrdID] = "B2";
  replace[tag::ClOrdID] = "B3";
  send("G", replace);
  r = receive();
  EXPECT_EQ(r[tag::MsgType], "9");
  EXPECT_EQ(r[tag::CxlRejReason], "1");
}

TEST_F(OrderEntryTest, AFillOrKillTheBookCannotFillIsCanceledWhole) {
  send("D", new_order("K1", "1", "101", "100.01", "4"));  // 100 offered
  EXPECT_EQ(receive()[tag::ExecType], "0");
  auto r = receive();
  EXPECT_EQ(r[tag::ExecType], "4");
  EXPECT_EQ(r[tag::CumQty], "0");
  EXPECT_EQ(r[tag::Text], "FOK order could not be filled whole");
  send("D", new_order("K2", "1", "100", "100.01", "4"));
  EXPECT_EQ(receive()[tag::ExecType], "0");
  r = receive();
  EXPECT_EQ(r[tag::ExecType], "F");
  EXPECT_EQ(r[tag::OrdStatus], "2");
}

TEST_F(OrderEntryTest, CancelOnDisconnectTakesTheSessionsOrdersOffTheBook) {
  send("D", new_order("B1", "1", "10", "99.00", "0"));
  send("D", new_order("B2", "1", "20", "98.00", "1"));
  receive();
  receive();
  EXPECT_EQ(on_venue_thread([this] { return engine_.book(1).levels(Side::Buy).size(); }), 2u);
  client_->logout("going home", kNanosPerSecond);
  const Nanos deadline = monotonic_ns() + 2 * kNanosPerSecond;
  while (monotonic_ns() < deadline &&
         on_venue_thread([this] { return order_entry_.stats().canceled_on_disconnect; }) < 2) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(on_venue_thread([this] { return order_entry_.stats().canceled_on_disconnect; }), 2u);
  EXPECT_EQ(on_venue_thread([this] { return engine_.book(1).levels(Side::Buy).size(); }), 0u);
  // The market maker's offer, not a FIX session's, is still there.
  EXPECT_EQ(on_venue_thread([this] { return engine_.book(1).levels(Side::Sell).size(); }), 1u);
}

TEST_F(OrderEntryTest, OrderStatusAndMassCancel) {
  send("D", new_order("B1", "1", "10", "99.00", "0"));
  send("D", new_order("S1", "2", "10", "101.00", "0"));
  send("D", new_order("B2", "1", "10", "98.00", "0"));
  for (int i = 0; i < 3; ++i)
    receive();
  send("H", {{tag::ClOrdID, "B1"}, {tag::Side, "1"}, {tag::Symbol, "ACME"}});
  auto r = receive();
  EXPECT_EQ(r[tag::ExecType], "I");
  EXPECT_EQ(r[tag::OrdStatus], "0");
  EXPECT_EQ(r[tag::LeavesQty], "10");
  send("H", {{tag::ClOrdID, "nope"}, {tag::Side, "1"}, {tag::Symbol, "ACME"}});
  r = receive();
  EXPECT_EQ(r[tag::ExecType], "I");
  EXPECT_EQ(r[tag::OrdStatus], "8");
  EXPECT_EQ(r[tag::OrdRejReason], "5");
  // All the session's buys in ACME: two cancels, then the report.
  send("q", {{tag::ClOrdID, "M1"},
             {tag::MassCancelRequestType, "1"},
             {tag::Symbol, "ACME"},
             {tag::Side, "1"},
             {tag::TransactTime, "20261122-11:00:00"}});
  EXPECT_EQ(receive()[tag::ExecType], "4");
  EXPECT_EQ(receive()[tag::ExecType], "4");
  r = receive();
  EXPECT_EQ(r[tag::MsgType], "r");
  EXPECT_EQ(r[tag::MassCancelResponse], "1");
  EXPECT_EQ(r[tag::TotalAffectedOrders], "2");
  send("q", {{tag::ClOrdID, "M2"},
             {tag::MassCancelRequestType, "3"},
             {tag::TransactTime, "20261122-11:00:00"}});
  r = receive();
  EXPECT_EQ(r[tag::MassCancelResponse], "0");
  EXPECT_EQ(r[tag::MassCancelRejectReason], "1");
  EXPECT_EQ(on_venue_thread([this] { return engine_.book(1).levels(Side::Sell).size(); }), 2u)
      << "the sell was not in the buys' mass cancel";
}

TEST_F(OrderEntryTest, SelfMatchPreventionCancelsTheSessionsRestingOrder) {
  send("D", new_order("S1", "2", "10", "100.00", "0"));
  EXPECT_EQ(receive()[tag::ExecType], "0");
  send("D", new_order("B1", "1", "10", "100.00", "0"));
  EXPECT_EQ(receive()[tag::ExecType], "0");  // B1 accepted
  auto r = receive();                        // S1 taken off the book instead of trading
  EXPECT_EQ(r[tag::ClOrdID], "S1");
  EXPECT_EQ(r[tag::ExecType], "4");
  EXPECT_EQ(r[tag::Text], "self-match prevention");
  EXPECT_EQ(on_venue_thread([this] { return engine_.stats().trades; }), 0u);
  EXPECT_EQ(on_venue_thread([this] { return engine_.book(1).best(Side::Buy)->quantity; }), 10);
}

TEST_F(OrderEntryTest, MessagesBeyondTheRateLimitAreRefused) {
  // 20 a second, refilled continuously: 25 sent at once get 20 through, plus one for each 50 ms
  // the exchange took (a slow sanitizer build may take a few).
  const Nanos started = monotonic_ns();
  for (int i = 0; i < 25; ++i) {
    std::string id = std::to_string(i);
    id.insert(id.begin(), 'T');  // (operator+ here trips GCC 12's -Wrestrict)
    send("D", new_order(id, "1", "10", "90.00", "0"));
  }
  int accepted = 0, throttled = 0;
  for (int i = 0; i < 25; ++i) {
    auto r = receive();
    if (r[tag::MsgType] == "8" && r[tag::ExecType] == "0") ++accepted;
    if (r[tag::MsgType] == "j" && r[tag::Text] == "throttled: more than MaxMessagesPerSecond")
      ++throttled;
  }
  const auto refilled = static_cast<int>((monotonic_ns() - started) * 20 / kNanosPerSecond) + 1;
  EXPECT_GE(accepted, 20);
  EXPECT_LE(accepted, 20 + refilled);
  EXPECT_EQ(accepted + throttled, 25);
  if (refilled < 5) {
    EXPECT_GT(throttled, 0);
  }
}

struct QueueThrottleTest : OrderEntryTest {
  static void SetUpTestSuite() { g_throttle_queue = true; }
  static void TearDownTestSuite() { g_throttle_queue = false; }
};

TEST_F(QueueThrottleTest, MessagesBeyondTheRateWaitTheirTurnInOrder) {
  const auto id = [](int i) {
    std::string text = std::to_string(i);
    text.insert(text.begin(), 'Q');  // (operator+ here trips GCC 12's -Wrestrict)
    return text;
  };
  for (int i = 0; i < 25; ++i)
    send("D", new_order(id(i), "1", "10", "90.00", "0"));
  // 20 at once; the other 5 as the bucket refills (one each 50 ms), handled on the venue's clock.
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(receive()[tag::ClOrdID], id(i));
  for (int i = 20; i < 25; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    on_venue_thread([this] {
      order_entry_.on_clock(Now::read());  // the venue's housekeeping timer does this
      acceptor_.flush_all();
      return 0;
    });
  }
  for (int i = 20; i < 25; ++i) {
    auto r = receive();
    EXPECT_EQ(r[tag::MsgType], "8");
    EXPECT_EQ(r[tag::ClOrdID], id(i));  // in the order sent
  }
  EXPECT_EQ(on_venue_thread([this] { return order_entry_.stats().throttled; }), 0u);
  EXPECT_GE(on_venue_thread([this] { return order_entry_.stats().queued; }), 5u);
}

TEST_F(OrderEntryTest, AnAcknowledgementDelayHoldsOrdersInArrivalOrderUntilDue) {
  on_venue_thread([this] {
    order_entry_.set_ack_delay(0, 80'000'000, 40'000'000, 7);  // 80 ms +- 40 ms
    return 0;
  });
  const Nanos sent = monotonic_ns();
  for (const char* id : {"H1", "H2", "H3"})
    send("D", new_order(id, "1", "10", "90.00", "0"));
  // Held: not in the book, nothing answered, however long the venue's clock is not told.
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_EQ(on_venue_thread([this] { return engine_.book(1).levels(Side::Buy).size(); }), 0u);
  const auto due = on_venue_thread([this] { return order_entry_.next_release(); });
  ASSERT_TRUE(due.has_value());
  EXPECT_GE(*due - sent, 40'000'000);
  EXPECT_LE(*due - sent, 120'000'000 + (monotonic_ns() - sent));
  // Once all are due the clock takes them, in the order sent.
  std::this_thread::sleep_for(std::chrono::milliseconds(130));
  on_venue_thread([this] {
    order_entry_.on_clock(Now::read());  // the venue's release timer does this
    acceptor_.flush_all();
    return 0;
  });
  for (const char* id : {"H1", "H2", "H3"}) {
    auto r = receive();
    EXPECT_EQ(r[tag::ClOrdID], id);
    EXPECT_EQ(r[tag::ExecType], "0");
  }
  EXPECT_FALSE(on_venue_thread([this] { return order_entry_.next_release(); }).has_value());
  // Off again: answered at once.
  on_venue_thread([this] {
    order_entry_.set_ack_delay(0, 0, 0, 0);
    return 0;
  });
  send("D", new_order("H4", "1", "10", "90.00", "0"));
  EXPECT_EQ(receive()[tag::ClOrdID], "H4");
}

TEST_F(OrderEntryTest, ARateLimitSetWhileTradingTakesEffectAndComesOff) {
  on_venue_thread([this] {
    order_entry_.set_throttle(0, 2, false);
    return 0;
  });
  for (const char* id : {"R1", "R2", "R3"})
    send("D", new_order(id, "1", "10", "90.00", "0"));
  EXPECT_EQ(receive()[tag::ExecType], "0");
  EXPECT_EQ(receive()[tag::ExecType], "0");
  auto r = receive();
  EXPECT_EQ(r[tag::MsgType], "j");
  EXPECT_EQ(r[tag::Text], "throttled: more than MaxMessagesPerSecond");
  on_venue_thread([this] {
    order_entry_.set_throttle(0, 0, false);
    return 0;
  });
  for (const char* id : {"R4", "R5", "R6"})
    send("D", new_order(id, "1", "10", "90.00", "0"));
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(receive()[tag::ExecType], "0");
}

TEST_F(OrderEntryTest, CancelOnDisconnectTurnedOffLeavesTheOrdersBooked) {
  on_venue_thread([this] {
    order_entry_.set_cancel_on_disconnect(0, false);
    return 0;
  });
  send("D", new_order("B1", "1", "10", "99.00", "0"));
  receive();
  client_->logout("going home", kNanosPerSecond);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(on_venue_thread([this] { return order_entry_.stats().canceled_on_disconnect; }), 0u);
  EXPECT_EQ(on_venue_thread([this] { return engine_.book(1).levels(Side::Buy).size(); }), 1u);
  client_->connect_and_logon(5 * kNanosPerSecond);  // for the fixture's own logout
}

TEST_F(OrderEntryTest, AClOrdIdNamesOneLiveOrder) {
  send("D", new_order("B1", "1", "10", "99.00", "0"));
  receive();
  send("D", new_order("B1", "1", "10", "98.00", "0"));
  auto r = receive();
  EXPECT_EQ(r[tag::ExecType], "8");
  EXPECT_EQ(r[tag::OrdRejReason], "6");
  send("D", new_order("B2", "1", "10", "98.00", "0"));
  receive();
  send("G", {{tag::OrigClOrdID, "B1"},
             {tag::ClOrdID, "B2"},
             {tag::Side, "1"},
             {tag::Symbol, "ACME"},
             {tag::OrderQty, "5"},
             {tag::OrdType, "2"},
             {tag::Price, "99.00"},
             {tag::TransactTime, "20261122-11:00:00"}});
  r = receive();
  EXPECT_EQ(r[tag::MsgType], "9");
  EXPECT_EQ(r[tag::CxlRejReason], "6");
}

TEST_F(OrderEntryTest, OutOfRangeNumbersAreRejectedNotOverflowed) {
  send("D", new_order("1", "1", "1000000001", "100", "0"));
  auto r = receive();
  EXPECT_EQ(r[tag::ExecType], "8");
  EXPECT_EQ(r[tag::OrdRejReason], "13");
  EXPECT_EQ(r[tag::Text], "quantity is above the venue's limit of 1000000000");

  send("D", new_order("2", "1", "10", "429496.73", "0"));
  r = receive();
  EXPECT_EQ(r[tag::ExecType], "8");
  EXPECT_EQ(r[tag::Text], "price is above the venue's limit of 429496.7295");

  send("D", new_order("3", "1", "10", "999999999999999", "0"));  // too many digits to scale
  r = receive();
  EXPECT_EQ(r[tag::MsgType], "3");
  EXPECT_EQ(r[tag::RefTagID], "44");
  EXPECT_EQ(r[tag::SessionRejectReason], "6");

  send("D", new_order("4", "1", "99999999999999999999999", "100", "0"));
  r = receive();
  EXPECT_EQ(r[tag::MsgType], "3");
  EXPECT_EQ(r[tag::RefTagID], "38");
}

TEST_F(OrderEntryTest, OversizedFieldsThatWouldBeEchoedAreRejected) {
  send("D", new_order(std::string(5000, '7'), "1", "10", "100", "0"));
  auto r = receive();
  EXPECT_EQ(r[tag::MsgType], "3");
  EXPECT_EQ(r[tag::RefTagID], "11");
  EXPECT_EQ(r[tag::SessionRejectReason], "5");
  Fields long_symbol = new_order("5", "1", "10", "100", "0");
  long_symbol[tag::Symbol] = std::string(100, 'S');
  send("D", long_symbol);
  r = receive();
  EXPECT_EQ(r[tag::RefTagID], "55");
  // The session is still good: a normal order goes through.
  send("D", new_order("6", "1", "10", "100.01", "3"));
  EXPECT_EQ(receive()[tag::ExecType], "0");
  EXPECT_EQ(receive()[tag::ExecType], "F");
}

TEST_F(OrderEntryTest, AMessageLongerThanMaxMessageSizeIsDroppedAndAskedForAgain) {
  client_->logout("making way for a raw connection", kNanosPerSecond);
  auto raw = raw_connection();
  const auto write = [&](const std::string& bytes) {
    boost::asio::write(raw, boost::asio::buffer(bytes));
  };
  const auto message = [](const std::string& body) {
    return vtb::testing::framed("FIX.4.4", body);
  };
  const auto read_message = [&] {
    std::string bytes;
    char c;
    while (fix::frame_message(bytes, 1 << 16).status != fix::FrameStatus::Complete &&
           boost::asio::read(raw, boost::asio::buffer(&c, 1)) == 1) {
      bytes += c;
    }
    return bytes;
  };
  write(message("35=A|34=1|49=ENGINE|56=VENUE|52=" + testing::utc_now() + "|98=0|108=30|"));
  const std::string logon_reply = read_message();
  ASSERT_EQ(fix::MessageView(logon_reply).msg_type(), "A");
  // 70 000 bytes of Text: over the default 64 KiB. It arrives in pieces and is never buffered
  // whole; the session carries on as if it were garbled.
  const std::string huge = message("35=0|34=2|49=ENGINE|56=VENUE|52=" + testing::utc_now() +
                                   "|58=" + std::string(70'000, 'x') + "|");
  for (std::size_t at = 0; at < huge.size(); at += 8192)
    write(huge.substr(at, 8192));
  write(message("35=0|34=3|49=ENGINE|56=VENUE|52=" + testing::utc_now() + "|"));
  const std::string answer = read_message();
  const fix::MessageView resend(answer);
  EXPECT_EQ(resend.msg_type(), "2");
  EXPECT_EQ(resend.get(tag::BeginSeqNo), "2");
  EXPECT_EQ(on_venue_thread([this] { return acceptor_.stats().oversized_messages; }), 1u);
  EXPECT_FALSE(closed_by_venue(raw, 100));
}

TEST_F(OrderEntryTest, ConnectionsThatNeverLogOnAreClosedAfterTheLogonTimeout) {
  auto idle = raw_connection();
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  on_venue_thread([this] {
    acceptor_.on_timer(Now::read());
    return 0;
  });
  EXPECT_TRUE(closed_by_venue(idle, 2000));
  EXPECT_EQ(on_venue_thread([this] { return acceptor_.stats().logon_timeouts; }), 1u);
}

// At the cap of connections waiting to log on, the newest takes the oldest one's place: a flood
// of idle connections cannot keep a real client out.
TEST_F(OrderEntryTest, AtThePendingCapTheOldestIdleConnectionMakesRoom) {
  auto first = raw_connection();
  auto second = raw_connection();
  auto third = raw_connection();
  EXPECT_TRUE(closed_by_venue(first, 2000));
  EXPECT_FALSE(closed_by_venue(second, 100));
  EXPECT_FALSE(closed_by_venue(third, 100));
  EXPECT_EQ(on_venue_thread([this] { return acceptor_.stats().evicted_connections; }), 1u);
  // The logged-on session is unaffected.
  send("D", new_order("1", "1", "10", "100.01", "3"));
  EXPECT_EQ(receive()[tag::ExecType], "0");
}

}  // namespace
}  // namespace vtb::sim
