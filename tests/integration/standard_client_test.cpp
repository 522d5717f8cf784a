// What a trading team's existing client meets first: a stock QuickFIX initiator (libquickfix,
// validating everything it receives against QuickFIX's own standard dictionaries, not ours)
// sends every message the venue accepts with the standard fields real order-management systems
// set — Account, HandlInst, ExecInst, OrderCapacity or Rule80A, Parties, ClientID, SecurityID,
// SecurityExchange, ExDestination, Currency, Text, OrderRestrictions, PositionEffect, the routing
// header fields — on FIX 4.2, 4.4 and 5.0SP2, against the venue configured with its own
// dictionaries and with QuickFIX's. The orders must rest, trade, be replaced and canceled, with no
// session-level Reject either way.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "common/app/child_process.hpp"
#include "common/fix/tags.hpp"
#include "tests/support/fix_text.hpp"
#include "tests/support/shared_reference.hpp"
#include "tests/support/test_run.hpp"
#include "tools/quickfix_reference/quickfix_client.hpp"

namespace vtb {
namespace {

using namespace std::chrono_literals;
using app::ChildProcess;
using quickfix_reference::QuickFixClient;
using testing::TestRun;
namespace tag = fix::tag;
using Body = std::vector<std::pair<int, std::string>>;

struct Case {
  std::string name;
  std::string begin_string;
  std::string comp_id;     // the client's SenderCompID
  bool standard_at_venue;  // the venue runs QuickFIX's dictionaries instead of its own
  bool fix42() const { return begin_string == "FIX.4.2"; }
  bool fixt() const { return begin_string == "FIXT.1.1"; }
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

std::string spec(const std::string& name) {
  return testing::shared_reference("quickfix-spec/" + name);
}

// The venue's sessions for the three versions, with its fixture dictionaries or QuickFIX's, and
// the fixture's validation settings.
std::string write_sessions(const TestRun& run, bool standard) {
  const std::string fixtures = VTB_SOURCE_DIR "/fixtures/";
  const std::string path = run.path("sessions.cfg");
  std::ofstream cfg(path);
  cfg << "[DEFAULT]\nConnectionType=acceptor\nSocketAcceptPort=" << run.fix_port
      << "\nSenderCompID=VENUE\nResetOnLogon=Y\nStartTime=00:00:00\nEndTime=00:00:00\n"
         "AllowUnknownMsgFields=Y\nValidateUserDefinedFields=N\n"
      << "[SESSION]\nBeginString=FIX.4.4\nTargetCompID=CLIENT1\nDataDictionary="
      << (standard ? spec("FIX44.xml") : fixtures + "venue-fix44.xml") << "\n"
      << "[SESSION]\nBeginString=FIX.4.2\nTargetCompID=CLIENT42\nDataDictionary="
      << (standard ? spec("FIX42.xml") : fixtures + "venue-fix42.xml") << "\n"
      << "[SESSION]\nBeginString=FIXT.1.1\nTargetCompID=CLIENT50\nDefaultApplVerID=FIX.5.0SP2\n"
      << "TransportDataDictionary="
      << (standard ? spec("FIXT11.xml") : fixtures + "venue-fixt11.xml") << "\n"
      << "AppDataDictionary=" << (standard ? spec("FIX50SP2.xml") : fixtures + "venue-fix50sp2.xml")
      << "\n";
  return path;
}

class StandardClient : public ::testing::TestWithParam<Case> {
 protected:
  // The optional fields of an order message, by version (FIX 4.2 has Rule80A, ClientID and
  // ExecBroker where later versions have OrderCapacity and Parties), header routing included.
  Body common_fields() const {
    Body fields = {{tag::Account, "ACC-7"},
                   {tag::SenderSubID, "DESK9"},
                   {tag::TargetSubID, "MATCHING"},
                   {tag::OnBehalfOfCompID, "BROKER1"},
                   {tag::DeliverToCompID, "VENUE"},
                   {21, "1"},             // HandlInst
                   {tag::ExecInst, "1"},  // Not held
                   {109, "CLIENT-X"},     // ClientID
                   {48, "US0000000001"},  // SecurityID
                   {22, "4"},             // SecurityIDSource (IDSource in FIX 4.2): ISIN
                   {207, "XVTB"},         // SecurityExchange
                   {100, "XVTB"},         // ExDestination
                   {15, "USD"},           // Currency
                   {tag::Text, "from a standard client"},
                   {77, "O"}};  // PositionEffect (OpenClose in FIX 4.2)
    if (GetParam().fix42()) {
      fields.push_back({47, "A"});    // Rule80A: agency
      fields.push_back({76, "BRK"});  // ExecBroker
      fields.push_back({204, "0"});   // CustomerOrFirm
    } else {
      fields.push_back({528, "A"});  // OrderCapacity: agency
      fields.push_back({529, "1"});  // OrderRestrictions
    }
    return fields;
  }

  std::vector<QuickFixClient::Group> parties() const {
    if (GetParam().fix42()) return {};
    return {{453,
             448,
             {{{448, "TRADER-1"}, {447, "D"}, {452, "11"}},
              {{448, "FIRM-7"}, {447, "D"}, {452, "1"}}}}};
  }

  Body order(const std::string& id, const std::string& side, const std::string& qty,
             const std::string& price, const std::string& tif) const {
    Body body = {{tag::ClOrdID, id},      {tag::Symbol, "ACME"},
                 {tag::Side, side},       {tag::OrderQty, qty},
                 {tag::OrdType, "2"},     {tag::Price, price},
                 {tag::TimeInForce, tif}, {tag::TransactTime, testing::utc_now()}};
    const Body more = common_fields();
    body.insert(body.end(), more.begin(), more.end());
    return body;
  }
};

TEST_P(StandardClient, EveryMessageWithTheFieldsRealClientsSetIsTakenWithNoSessionReject) {
  const Case& c = GetParam();
  VTB_REQUIRE_SHARED(spec("FIX50SP2.xml"));
  TestRun run;
  ChildProcess venue(
      {VTB_VENUE, "--fix-sessions", write_sessions(run, c.standard_at_venue), "--instruments",
       VTB_SOURCE_DIR "/fixtures/instruments.csv", "--retransmit-port", "0", "--snapshot-port", "0",
       "--feed-a", run.feed_a, "--no-feed-b", "--duration", "40"},
      run.path("venue.out"));
  QuickFixClient::Options options;
  options.port = run.fix_port;
  options.begin_string = c.begin_string;
  options.sender_comp_id = c.comp_id;
  options.target_comp_id = "VENUE";
  options.dictionary = spec(c.fix42() ? "FIX42.xml" : "FIX44.xml");
  options.transport_dictionary = spec("FIXT11.xml");
  options.app_dictionary = spec("FIX50SP2.xml");
  options.default_appl_ver_id = "FIX.5.0SP2";
  QuickFixClient client(options);
  ASSERT_TRUE(client.wait_logged_on(15s)) << venue.output();

  const auto next = [&](const std::string& type) {
    auto m = client.receive(5s);
    EXPECT_EQ(m[tag::MsgType], type) << "nothing, or not a " << type << ": " << m[tag::Text];
    return m;
  };
  const auto report = [&](const std::string& exec_type) {
    auto r = next("8");
    EXPECT_EQ(r[tag::ExecType], exec_type) << r[tag::Text];
    EXPECT_EQ(r[tag::Account], "ACC-7");
    EXPECT_EQ(r[tag::TargetSubID], "DESK9");
    EXPECT_EQ(r[tag::DeliverToCompID], "BROKER1");
    return r;
  };

  // A resting buy, replaced to a new price and size, then canceled.
  ASSERT_TRUE(client.send("D", order("O1", "1", "100", "50.00", "0"), parties()));
  report("0");
  Body replace = order("O2", "1", "200", "50.01", "0");
  replace.push_back({tag::OrigClOrdID, "O1"});
  ASSERT_TRUE(client.send("G", replace, parties()));
  EXPECT_EQ(report("5")[tag::OrderQty], "200");
  Body cancel = {{tag::OrigClOrdID, "O2"},
                 {tag::ClOrdID, "O3"},
                 {tag::Symbol, "ACME"},
                 {tag::Side, "1"},
                 {tag::OrderQty, "200"},
                 {tag::TransactTime, testing::utc_now()},
                 {tag::Account, "ACC-7"},
                 {tag::SenderSubID, "DESK9"},
                 {tag::OnBehalfOfCompID, "BROKER1"},
                 {109, "CLIENT-X"},
                 {48, "US0000000001"},
                 {22, "4"},
                 {207, "XVTB"},
                 {tag::Text, "cancel"}};
  ASSERT_TRUE(client.send("F", cancel, parties()));
  EXPECT_EQ(report("4")[tag::OrigClOrdID], "O2");

  // An IOC through the agents' offers trades.
  ASSERT_TRUE(client.send("D", order("O4", "1", "500", "105.00", "3"), parties()));
  report("0");
  int fills = 0;
  for (;;) {
    auto r = client.receive(5s);
    if (r.empty() || r[tag::MsgType] != "8") break;
    const std::string type = r[tag::ExecType];
    fills += c.fix42() ? (type == "1" || type == "2") : type == "F";
    if (r[tag::OrdStatus] == "2" || r[tag::OrdStatus] == "4") break;
  }
  EXPECT_GT(fills, 0) << "the IOC did not trade";

  // A resting order to ask about, then status, mass status and mass cancel.
  ASSERT_TRUE(client.send("D", order("O5", "2", "10", "150.00", "1"), parties()));
  report("0");
  Body status = {{tag::ClOrdID, "O5"}, {tag::Symbol, "ACME"}, {tag::Side, "2"}};
  status.push_back({tag::Account, "ACC-7"});
  ASSERT_TRUE(client.send("H", status, parties()));
  auto r = next("8");
  EXPECT_EQ(r[tag::ExecType], c.fix42() ? "0" : "I");
  if (c.fix42()) {
    // FIX 4.2 has no OrderMassStatusRequest: the venue's dictionary lets it through to a
    // BusinessMessageReject; with QuickFIX's FIX42.xml it is an invalid MsgType, a session
    // Reject as in QuickFIX (counted below).
    ASSERT_TRUE(client.send("AF", {{tag::MassStatusReqID, "MS1"}, {tag::MassStatusReqType, "7"}}));
    if (!c.standard_at_venue) {
      r = next("j");
      EXPECT_EQ(r[tag::RefMsgType], "AF");
      EXPECT_EQ(r[tag::BusinessRejectReason], "3");
    }
    cancel = {{tag::OrigClOrdID, "O5"}, {tag::ClOrdID, "O6"},
              {tag::Symbol, "ACME"},    {tag::Side, "2"},
              {tag::Account, "ACC-7"},  {tag::TransactTime, testing::utc_now()}};
    ASSERT_TRUE(client.send("F", cancel));
    report("4");
  } else {
    ASSERT_TRUE(client.send("AF",
                            {{tag::MassStatusReqID, "MS1"},
                             {tag::MassStatusReqType, "7"},
                             {tag::Account, "ACC-7"},
                             {336, "1"}},  // TradingSessionID: Day
                            parties()));
    r = next("8");
    EXPECT_EQ(r[tag::ExecType], "I");
    EXPECT_EQ(r[tag::ClOrdID], "O5");
    EXPECT_EQ(r[tag::MassStatusReqID], "MS1");
    EXPECT_EQ(r[tag::LastRptRequested], "Y");
    ASSERT_TRUE(client.send(
        "q",
        {{tag::ClOrdID, "M1"},
         {tag::MassCancelRequestType, "7"},
         {tag::Account, "ACC-7"},
         {tag::Text, "all out"},
         {tag::TransactTime, testing::utc_now()}},
        // FIX 4.4 gave the mass cancel no Parties (5.0 did; the venue's own
        // FIX 4.4 dictionary takes them too)
        c.fixt() || !c.standard_at_venue ? parties() : std::vector<QuickFixClient::Group>{}));
    report("4");
    r = next("r");
    EXPECT_EQ(r[tag::TotalAffectedOrders], "1");
  }
  client.stop();
  auto problems = client.problems();
  if (c.fix42() && c.standard_at_venue) {
    ASSERT_FALSE(problems.empty());
    EXPECT_NE(problems.front().find("\x01"
                                    "372=AF\x01"
                                    "373=11\x01"),
              std::string::npos)
        << problems.front();
    problems.erase(problems.begin());
  }
  EXPECT_TRUE(problems.empty()) << problems.size() << " problems, first: " << problems.front()
                                << "\nvenue:\n"
                                << venue.output();
}

INSTANTIATE_TEST_SUITE_P(
    VersionsAndDictionaries, StandardClient,
    ::testing::Values(Case{"Fix42VenueDictionary", "FIX.4.2", "CLIENT42", false},
                      Case{"Fix42QuickFixDictionary", "FIX.4.2", "CLIENT42", true},
                      Case{"Fix44VenueDictionary", "FIX.4.4", "CLIENT1", false},
                      Case{"Fix44QuickFixDictionary", "FIX.4.4", "CLIENT1", true},
                      Case{"Fix50Sp2VenueDictionary", "FIXT.1.1", "CLIENT50", false},
                      Case{"Fix50Sp2QuickFixDictionary", "FIXT.1.1", "CLIENT50", true}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace vtb
