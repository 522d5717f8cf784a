// The QuickFIX reference, with the venue's own dictionary: our encoder's messages pass, and
// QuickFIX does reject what it should (so a pass means something).

#include "tools/quickfix_reference/quickfix_validator.hpp"

#include <gtest/gtest.h>

#include <string>

#include "common/fix/message_writer.hpp"
#include "common/fix/tags.hpp"
#include "tests/support/fix_text.hpp"

namespace vtb::quickfix_reference {
namespace {

namespace tag = fix::tag;
using vtb::testing::framed;

const std::string kDictionary = std::string(VTB_SOURCE_DIR) + "/fixtures/venue-fix44.xml";

std::string header(const std::string& type) {
  return "35=" + type + "|34=2|49=ENGINE|52=20261122-11:32:30.892|56=VENUE|";
}

TEST(QuickFixValidator, AcceptsAnOrderWrittenByOurEncoder) {
  const QuickFixValidator validator(kDictionary);
  char buffer[512];
  fix::MessageWriter w(buffer, sizeof buffer, "FIX.4.4");
  w.field(tag::MsgType, "D");
  w.field_int(tag::MsgSeqNum, 2);
  w.field(tag::SenderCompID, "ENGINE");
  w.field_timestamp(tag::SendingTime, wall_clock_ns());
  w.field(tag::TargetCompID, "VENUE");
  w.field(tag::ClOrdID, "1234567");
  w.field_int(tag::OrderQty, 100);
  w.field_char(tag::OrdType, '2');
  w.field_price(tag::Price, 999'800);
  w.field_char(tag::Side, '1');
  w.field(tag::Symbol, "ACME");
  w.field_char(tag::TimeInForce, '3');
  w.field_timestamp(tag::TransactTime, wall_clock_ns());
  const std::size_t n = w.finish();
  ASSERT_GT(n, 0u);
  EXPECT_EQ(validator.validate(std::string(buffer, n)), "");
}

TEST(QuickFixValidator, RejectsWhatTheDictionaryForbids) {
  const QuickFixValidator validator(kDictionary);
  const std::string order = "11=1|38=100|40=2|44=99.98|54=1|55=ACME|60=20261122-11:32:30|";
  EXPECT_EQ(validator.validate(framed("FIX.4.4", header("D") + order)), "");
  // Required field missing (Side).
  EXPECT_NE(
      validator.validate(framed(
          "FIX.4.4", header("D") + "11=1|38=100|40=2|44=99.98|55=ACME|60=20261122-11:32:30|")),
      "");
  // A value FIX does not define (OrdType=Z); FIX's own values, even those the venue does not
  // trade (P, pegged), are for the application to answer.
  EXPECT_NE(
      validator.validate(framed(
          "FIX.4.4", header("D") + "11=1|38=100|40=Z|44=99.98|54=1|55=ACME|60=20261122-11:32:30|")),
      "");
  EXPECT_EQ(
      validator.validate(framed(
          "FIX.4.4", header("D") + "11=1|38=100|40=P|44=99.98|54=1|55=ACME|60=20261122-11:32:30|")),
      "");
  // A tag not defined for the message (ExecType, a report's), with QuickFIX's default
  // AllowUnknownMsgFields=N.
  EXPECT_NE(validator.validate(framed("FIX.4.4", header("D") + "150=0|" + order)), "");
  // Bad checksum.
  std::string corrupt = framed("FIX.4.4", header("D") + order);
  corrupt[corrupt.size() - 2] = corrupt[corrupt.size() - 2] == '0' ? '1' : '0';
  EXPECT_NE(validator.validate(corrupt), "");
}

TEST(QuickFixValidator, AMissingDictionaryIsAClearError) {
  try {
    QuickFixValidator validator("/nonexistent/dictionary.xml");
    ADD_FAILURE() << "loaded a dictionary that does not exist";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dictionary.xml"), std::string::npos);
  }
}

}  // namespace
}  // namespace vtb::quickfix_reference
