// The order entry's decoding on messages alone, with no session and no book: what a request
// asks, and the first reason it is refused.

#include "simulator/gateway/order_decoding.hpp"

#include <gtest/gtest.h>

#include "common/fix/tags.hpp"
#include "tests/support/fix_text.hpp"

namespace vtb::sim {
namespace {

namespace tag = fix::tag;

const InstrumentsBySymbol kInstruments{{"ACME", 1}};

// A NewOrderSingle with `fields` (FIX text with '|') after the header.
std::string new_order(const std::string& fields) {
  return testing::framed("FIX.4.4", "35=D|49=ENGINE|56=VENUE|34=2|52=20261122-11:00:00|" + fields);
}

constexpr const char* kLimitBuy = "11=A1|54=1|60=20261122-11:00:00|55=ACME|38=100|40=2|44=100.5|";

TEST(OrderDecoding, ALimitOrderBecomesTheCoresRequest) {
  const std::string text = new_order(std::string(kLimitBuy) + "59=1|1=ACC|");
  auto decoded = decode_new_order(fix::MessageView(text));
  ASSERT_TRUE(std::holds_alternative<DecodedOrder>(decoded));
  DecodedOrder& order = std::get<DecodedOrder>(decoded);
  EXPECT_EQ(order.cl_ord_id, "A1");
  EXPECT_EQ(order.account, "ACC");
  EXPECT_EQ(order.request.quantity, 100);
  EXPECT_EQ(order.request.price, 1'005'000);
  EXPECT_EQ(order.request.side, Side::Buy);
  EXPECT_FALSE(check_order(order, kInstruments).has_value());
  EXPECT_EQ(order.request.instrument, 1u);
  EXPECT_EQ(order.request.type, OrderType::Limit);
  EXPECT_EQ(order.request.time_in_force, TimeInForce::GoodTillCancel);
}

TEST(OrderDecoding, MalformedFieldsAreSessionProblemsNamingTheTag) {
  const std::pair<std::string, int> cases[] = {
      {"11=A1|54=1|60=20261122-11:00:00|55=ACME|40=2|44=1|", tag::OrderQty},  // missing
      {"11=A1|54=1|60=20261122-11:00:00|55=ACME|38=1x|40=2|44=1|", tag::OrderQty},
      {"11=A1|54=1|60=20261122-11:00:00|55=ACME|38=1|40=2|44=1.2.3|", tag::Price},
      {"11=A1|54=1|60=20261122-11:00:00|55=ACME|38=1|40=4|44=1|99=x|", tag::StopPx},
      {"11=A1|54=1|60=20261122-11:00:00|55=ACME|38=1|40=2|44=1|59=6|432=2026|", tag::ExpireDate}};
  for (const auto& [fields, ref_tag] : cases) {
    const std::string text = new_order(fields);
    const auto decoded = decode_new_order(fix::MessageView(text));
    ASSERT_TRUE(std::holds_alternative<SessionProblem>(decoded)) << fields;
    EXPECT_EQ(std::get<SessionProblem>(decoded).ref_tag, ref_tag) << fields;
  }
}

TEST(OrderDecoding, TheFirstBusinessProblemIsTheOneReported) {
  const std::pair<std::string, int> cases[] = {
      {"11=A1|54=8|60=20261122-11:00:00|55=ZZZ|38=1|40=2|44=1|",
       fix::ord_rej_reason::UnsupportedOrderCharacteristic},  // Side before Symbol
      {"11=A1|54=1|60=20261122-11:00:00|55=ZZZ|38=1|40=9|44=1|",
       fix::ord_rej_reason::UnknownSymbol},  // Symbol before OrdType
      {"11=A1|54=1|60=20261122-11:00:00|55=ACME|38=1|40=1|44=1|", fix::ord_rej_reason::Other},
      {"11=A1|54=1|60=20261122-11:00:00|55=ACME|38=1|40=2|44=1|59=6|",
       fix::ord_rej_reason::Other}};  // GTD without an expiry
  for (const auto& [fields, reason] : cases) {
    const std::string text = new_order(fields);
    auto decoded = decode_new_order(fix::MessageView(text));
    ASSERT_TRUE(std::holds_alternative<DecodedOrder>(decoded)) << fields;
    const auto problem = check_order(std::get<DecodedOrder>(decoded), kInstruments);
    ASSERT_TRUE(problem.has_value()) << fields;
    EXPECT_EQ(problem->reason, reason) << fields << problem->text;
  }
}

TEST(OrderDecoding, AReplaceCarriesItsNumbersAndReportsABadPriceLater) {
  const std::string text = testing::framed(
      "FIX.4.4",
      "35=G|49=ENGINE|56=VENUE|34=3|52=20261122-11:00:00|41=A1|11=A2|54=1|55=ACME|38=50|40=2|"
      "44=bad|60=20261122-11:00:00|");
  const auto decoded = decode_change(fix::MessageView(text), true);
  ASSERT_TRUE(std::holds_alternative<DecodedChange>(decoded));
  const DecodedChange& change = std::get<DecodedChange>(decoded);
  EXPECT_EQ(change.orig_cl_ord_id, "A1");
  EXPECT_EQ(change.cl_ord_id, "A2");
  EXPECT_EQ(change.quantity, 50);
  EXPECT_FALSE(change.quantity_problem.has_value());
  ASSERT_TRUE(change.price_problem.has_value());
  EXPECT_EQ(change.price_problem->ref_tag, tag::Price);
}

TEST(OrderDecoding, ACancelNeedsOnlyTheOrdersNames) {
  const std::string text =
      testing::framed("FIX.4.4",
                      "35=F|49=ENGINE|56=VENUE|34=3|52=20261122-11:00:00|41=A1|11=A2|54=1|55=ACME|"
                      "60=20261122-11:00:00|");
  EXPECT_TRUE(std::holds_alternative<DecodedChange>(decode_change(fix::MessageView(text), false)));
  const auto as_replace = decode_change(fix::MessageView(text), true);
  ASSERT_TRUE(std::holds_alternative<SessionProblem>(as_replace));
  EXPECT_EQ(std::get<SessionProblem>(as_replace).ref_tag, tag::OrderQty);
}

}  // namespace
}  // namespace vtb::sim
