// The dictionary's reading of QuickFIX's XML where it depends on the FIX version.

#include <gtest/gtest.h>

#include <string>

#include "common/fix/data_dictionary.hpp"
#include "tests/support/fix_text.hpp"

namespace vtb::fix {
namespace {

using vtb::testing::framed;

// A minimal dictionary: header, one order message with a CHAR field, and a location id that
// only some versions define.
std::string dictionary_xml(const std::string& major, const std::string& minor,
                           bool defines_location_id) {
  std::string xml = "<fix major='" + major + "' minor='" + minor + "'><header>";
  for (const char* name : {"BeginString", "BodyLength", "MsgType", "SenderCompID", "TargetCompID",
                           "MsgSeqNum", "SendingTime"}) {
    xml += std::string("<field name='") + name + "' required='Y'/>";
  }
  if (defines_location_id) xml += "<field name='OnBehalfOfLocationID' required='N'/>";
  xml +=
      "</header><trailer><field name='CheckSum' required='Y'/></trailer><messages>"
      "<message name='NewOrderSingle' msgtype='D' msgcat='app'>"
      "<field name='ClOrdID' required='Y'/><field name='ExecInst' required='N'/>"
      "<field name='OrdType' required='N'/>"
      "<group name='NoPartyIDs' required='N'><field name='PartyID' required='Y'/>"
      "<field name='PartyRole' required='N'/></group></message></messages><fields>"
      "<field number='8' name='BeginString' type='STRING'/>"
      "<field number='9' name='BodyLength' type='INT'/>"
      "<field number='10' name='CheckSum' type='STRING'/>"
      "<field number='11' name='ClOrdID' type='CHAR'/>"
      "<field number='18' name='ExecInst' type='CHAR'/>"
      "<field number='34' name='MsgSeqNum' type='INT'/>"
      "<field number='35' name='MsgType' type='STRING'><value enum='D'/></field>"
      "<field number='40' name='OrdType' type='CHAR'><value enum='1'/><value enum='2'/></field>"
      "<field number='49' name='SenderCompID' type='STRING'/>"
      "<field number='52' name='SendingTime' type='TIME'/>"
      "<field number='56' name='TargetCompID' type='STRING'/>"
      "<field number='448' name='PartyID' type='STRING'/>"
      "<field number='452' name='PartyRole' type='INT'><value enum='1'/><value enum='11'/></field>"
      "<field number='453' name='NoPartyIDs' type='NUMINGROUP'/>";
  if (defines_location_id) xml += "<field number='144' name='OnBehalfOfLocationID' type='STRING'/>";
  return xml + "</fields></fix>";
}

std::optional<ValidationError> validate(const DataDictionary& dictionary, const std::string& body) {
  const std::string message = framed(dictionary.begin_string(),
                                     "35=D|49=ENGINE|56=VENUE|34=2|52=20261122-11:32:30|" + body);
  return validate_message(MessageView(message), dictionary, dictionary);
}

TEST(DataDictionaryVersions, CharMeansStringBeforeFix42) {
  const auto fix41 = DataDictionary::parse(dictionary_xml("4", "1", true), "FIX41.xml");
  const auto fix42 = DataDictionary::parse(dictionary_xml("4", "2", true), "FIX42.xml");
  EXPECT_FALSE(validate(fix41, "11=ORDER-1|18=1 2|"));
  const auto error = validate(fix42, "11=ORDER-1|18=1 2|");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->reason, 6);  // Incorrect data format for value
  EXPECT_EQ(error->ref_tag, 11);
}

TEST(DataDictionaryVersions, AStandardHeaderTagTheVersionLacksIsAnInvalidTagFirst) {
  // 144 belongs to the standard header, so it is checked with the header, before the body's
  // bad OrdType, and FIX 4.0 does not define it.
  const auto fix40 = DataDictionary::parse(dictionary_xml("4", "0", false), "FIX40.xml");
  const auto error = validate(fix40, "144=CHI|11=A|40=w|");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->reason, 0);  // Invalid tag number
  EXPECT_EQ(error->ref_tag, 144);

  const auto fix41 = DataDictionary::parse(dictionary_xml("4", "1", true), "FIX41.xml");
  const auto body_error = validate(fix41, "144=CHI|11=A|40=w|");
  ASSERT_TRUE(body_error);
  EXPECT_EQ(body_error->reason, 5);  // Value is incorrect (out of range) for this tag
  EXPECT_EQ(body_error->ref_tag, 40);
}

TEST(Validation, AMessageShapedLikeAValidOneStillHasEveryValueAndCountChecked) {
  // The validator remembers the structure of valid messages; the same tags with a bad value or a
  // different group count must still be refused, with the reason QuickFIX gives.
  const auto fix44 = DataDictionary::parse(dictionary_xml("4", "4", true), "FIX44.xml");
  const std::string good = "11=A|40=1|453=1|448=DESK|452=11|";
  EXPECT_FALSE(validate(fix44, good));
  EXPECT_FALSE(validate(fix44, good));  // now from the remembered shape
  const auto bad_enum = validate(fix44, "11=A|40=9|453=1|448=DESK|452=11|");
  ASSERT_TRUE(bad_enum);
  EXPECT_EQ(bad_enum->reason, 5);
  EXPECT_EQ(bad_enum->ref_tag, 40);
  const auto bad_role = validate(fix44, "11=A|40=1|453=1|448=DESK|452=12|");
  ASSERT_TRUE(bad_role);
  EXPECT_EQ(bad_role->ref_tag, 452);
  const auto bad_count = validate(fix44, "11=A|40=1|453=2|448=DESK|452=11|");
  ASSERT_TRUE(bad_count);
  EXPECT_EQ(bad_count->reason, 16);  // Incorrect NumInGroup count for repeating group
  const auto empty = validate(fix44, "11=|40=1|453=1|448=DESK|452=11|");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->reason, 4);  // Tag specified without a value
  // Another dictionary with the same message type shares nothing remembered.
  const auto fix41 = DataDictionary::parse(dictionary_xml("4", "1", true), "FIX41.xml");
  EXPECT_FALSE(validate(fix41, good));
  EXPECT_TRUE(validate(fix41, "11=A|40=1|453=1|448=DESK|452=3|"));
}

}  // namespace
}  // namespace vtb::fix
