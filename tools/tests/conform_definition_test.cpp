#include "tools/testbed/conform/definition.hpp"

#include <gtest/gtest.h>

#include "common/fix/message_view.hpp"
#include "tests/support/fix_text.hpp"

namespace vtb::conform {
namespace {

using vtb::testing::soh;

TEST(ConformDefinition, ReadsActionsAndConnectionNumbers) {
  const auto d =
      parse_definition("# comment\r\n\niCONNECT\r\n" + soh("I8=FIX.4.4|35=A|\n") + "i2,CONNECT\n" +
                           soh("I2,8=FIX.4.4|35=0|\n") + soh("E1,8=FIX.4.4|35=0|\n") +
                           "e2,DISCONNECT\n" + "eDISCONNECT\niDISCONNECT\n",
                       "x");
  ASSERT_EQ(d.actions.size(), 8u);
  EXPECT_EQ(d.actions[0].kind, Action::Kind::Connect);
  EXPECT_EQ(d.actions[0].line, 3);
  EXPECT_EQ(d.actions[1].kind, Action::Kind::Send);
  EXPECT_EQ(d.actions[1].connection, 1);  // "I8=..." is not connection 8
  EXPECT_EQ(d.actions[1].message, soh("8=FIX.4.4|35=A|"));
  EXPECT_EQ(d.actions[2].connection, 2);
  EXPECT_EQ(d.actions[3].connection, 2);
  EXPECT_EQ(d.actions[3].message, soh("8=FIX.4.4|35=0|"));
  EXPECT_EQ(d.actions[4].kind, Action::Kind::Expect);
  EXPECT_EQ(d.actions[5].kind, Action::Kind::ExpectDisconnect);
  EXPECT_EQ(d.actions[5].connection, 2);
  EXPECT_EQ(d.actions[7].kind, Action::Kind::Disconnect);
  EXPECT_THROW(parse_definition("X what\n", "x"), std::runtime_error);
}

TEST(ConformDefinition, ExpandsTimeMacros) {
  const std::int64_t t = 1'795'347'150;  // 2026-11-22 11:32:30 UTC
  EXPECT_EQ(expand_macros("52=<TIME>|122=<TIME+10>|60=<TIME-30>|", t),
            "52=20261122-11:32:30|122=20261122-11:32:40|60=20261122-11:32:00|");
}

TEST(ConformDefinition, FillsInBodyLengthAndCheckSumUnlessGiven) {
  const std::string framed = frame_for_sending(soh("8=FIX.4.4|35=0|34=2|"));
  EXPECT_EQ(fix::frame_message(framed, 4096).status, fix::FrameStatus::Complete);
  EXPECT_EQ(vtb::testing::bars(framed).substr(0, 21), "8=FIX.4.4|9=10|35=0|3");
  // Literal values are sent as written: that is how corrupt messages are made.
  const std::string literal = soh("8=FIX.4.4|9=99|35=0|10=000|");
  EXPECT_EQ(frame_for_sending(literal), literal);
  EXPECT_EQ(frame_for_sending("35=0"), "35=0");
}

TEST(ConformDefinition, ComparesFieldByFieldWithFormats) {
  const auto formats = FieldFormats::parse("10=\\d{3}\n52=\\d{8}-\\d{2}:\\d{2}:\\d{2}[.]\\d{3}\n");
  const std::string expected = soh("8=FIX.4.4|9=5|35=0|52=00000000-00:00:00.000|10=0|");
  EXPECT_EQ(compare(expected, soh("8=FIX.4.4|9=5|35=0|52=20261122-11:32:30.123|10=042|"), formats),
            "");
  EXPECT_NE(compare(expected, soh("8=FIX.4.4|9=5|35=0|52=20261122-11:32:30|10=042|"), formats), "");
  EXPECT_NE(compare(expected, soh("8=FIX.4.4|9=6|35=0|52=20261122-11:32:30.123|10=042|"), formats),
            "");
  EXPECT_NE(compare(expected, soh("8=FIX.4.4|9=5|35=0|10=042|"), formats), "");
  EXPECT_NE(
      compare(expected, soh("8=FIX.4.4|9=5|35=0|52=20261122-11:32:30.123|58=x|10=042|"), formats),
      "");
}

}  // namespace
}  // namespace vtb::conform
