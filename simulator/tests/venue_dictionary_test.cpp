// The venue's dictionaries against the FIX standard (QuickFIX's spec files in ../shared): for every
// message the venue accepts, every field the standard defines for it — header fields, body fields,
// each repeating group with its members, every enumerated value — passes the venue's session-level
// validation with the settings of fixtures/venue-sessions.cfg. A field a standard client may send
// is then never refused at session level: the venue uses it, ignores it, or answers its value at
// application level (docs/FIX.md). Repeating groups the venue's dictionary lists are sent with
// two instances.

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "common/fix/data_dictionary.hpp"
#include "common/fix/session_config.hpp"
#include "common/fix/session_settings.hpp"
#include "tests/support/fix_text.hpp"
#include "tests/support/shared_reference.hpp"

namespace vtb::fix {
namespace {

struct Version {
  std::string name;
  std::string comp_id;  // the fixture session's TargetCompID
  std::string standard_app, standard_session;
};

void PrintTo(const Version& v, std::ostream* os) {
  *os << v.name;
}

// A value of the standard's type that any reading of that type accepts.
std::string value_of(FieldType type) {
  switch (type) {
    case FieldType::Int:
      return "1";
    case FieldType::NumInGroup:
      return "1";
    case FieldType::Float:
      return "1.5";
    case FieldType::Char:
      return "X";
    case FieldType::Boolean:
      return "Y";
    case FieldType::UtcTimestamp:
      return "20261201-12:00:00.000";
    case FieldType::UtcTimeOnly:
      return "12:00:00";
    case FieldType::UtcDateOnly:
      return "20261201";
    default:
      return "X1";
  }
}

// The values a standard field may take: each enumerated one, or one of its type.
std::vector<std::string> values_of(const FieldSpec& spec) {
  if (spec.values.empty()) return {value_of(spec.type)};
  if (spec.type != FieldType::MultipleValueString) return spec.values;
  std::vector<std::string> values = spec.values;
  if (spec.values.size() > 1) values.push_back(spec.values[0] + " " + spec.values[1]);
  return values;
}

class VenueDictionary : public ::testing::TestWithParam<Version> {
 protected:
  void SetUp() override {
    const Version& v = GetParam();
    VTB_REQUIRE_SHARED(testing::shared_reference("quickfix-spec/" + v.standard_app));
    const auto settings = SessionSettings::load(VTB_SOURCE_DIR "/fixtures/venue-sessions.cfg");
    for (const SettingsSection& section : settings.sessions) {
      if (section.get("TargetCompID") == v.comp_id) config_ = SessionConfig::from(section);
    }
    ASSERT_FALSE(config_.begin_string.empty()) << "no fixture session for " << v.comp_id;
    const bool fixt = config_.begin_string == "FIXT.1.1";
    venue_session_.emplace(
        DataDictionary::load(fixt ? config_.transport_data_dictionary : config_.data_dictionary));
    if (fixt) venue_app_.emplace(DataDictionary::load(config_.app_data_dictionary));
    standard_.emplace(
        DataDictionary::load(testing::shared_reference("quickfix-spec/" + v.standard_app)));
    if (!v.standard_session.empty()) {
      standard_session_.emplace(
          DataDictionary::load(testing::shared_reference("quickfix-spec/" + v.standard_session)));
    }
  }

  const DataDictionary& venue_app() const { return venue_app_ ? *venue_app_ : *venue_session_; }

  // A message of `type` with the venue's required fields, then `extra` (tag=value|...) in the
  // body; `header_extra` goes into the header.
  std::string message(const std::string& type, const std::string& extra,
                      const std::string& header_extra = "") const {
    std::string body;
    std::set<int> given;
    for (std::size_t at = 0; at < extra.size();) {
      const auto eq = extra.find('=', at);
      given.insert(std::stoi(extra.substr(at, eq - at)));
      at = extra.find('|', eq) + 1;
    }
    const FieldSet* definition = venue_app().message(type);
    for (const int tag : definition->required()) {
      if (given.contains(tag)) continue;
      const FieldSpec* spec = venue_app().field(tag);
      body += std::to_string(tag) + "=" +
              (spec->values.empty() ? value_of(spec->type) : spec->values.front()) + "|";
    }
    return testing::framed(config_.begin_string,
                           "35=" + type + "|34=2|49=" + config_.target_comp_id +
                               "|56=" + config_.sender_comp_id + "|52=20261201-12:00:00.000|" +
                               header_extra + body + extra);
  }

  // Empty when the venue's session layer accepts the message, else why not.
  std::string refused(const std::string& raw) const {
    const auto error =
        validate_message(MessageView(raw), *venue_session_, venue_app(), config_.validation);
    if (!error) return "";
    return "SessionRejectReason " + std::to_string(error->reason) + " on tag " +
           std::to_string(error->ref_tag) + ": " + testing::bars(raw);
  }

  // One instance of a standard group: its delimiter first, then every other member (a nested
  // group with one instance of its own).
  std::string group_instance(const GroupSpec& group) const {
    std::string text = std::to_string(group.delimiter) + "=" +
                       values_of(*standard_->field(group.delimiter)).front() + "|";
    group.members.for_each_member([&](int tag, bool) {
      if (tag == group.delimiter) return;
      if (const GroupSpec* nested = group.members.group(tag)) {
        text += std::to_string(tag) + "=1|" + group_instance(*nested);
      } else if (const FieldSpec* spec = standard_->field(tag)) {
        text += std::to_string(tag) + "=" + values_of(*spec).front() + "|";
      }
    });
    return text;
  }

  SessionConfig config_;
  std::optional<DataDictionary> venue_session_, venue_app_, standard_, standard_session_;
};

TEST_P(VenueDictionary, EveryStandardFieldAndValueOfEveryAcceptedMessagePassesTheSessionLayer) {
  const std::vector<std::string> accepted = {"D", "F", "G", "H", "q", "AF"};
  std::vector<std::string> problems;
  std::size_t checked = 0;
  for (const std::string& type : accepted) {
    const FieldSet* standard = standard_->message(type);
    if (!standard || !venue_app().message(type)) continue;  // not in this FIX version
    standard->for_each_member([&](int tag, bool) {
      std::vector<std::string> extras;
      if (const GroupSpec* group = standard->group(tag)) {
        // Two instances where the venue's dictionary has the group; one where it does not (its
        // fields then pass as unknown ones, but a second instance would repeat them in the body,
        // as in QuickFIX: such a client needs the standard dictionary, docs/FIX.md).
        const std::string instance = group_instance(*group);
        const bool listed = venue_app().message(type)->group(tag) != nullptr;
        extras.push_back(std::to_string(tag) + (listed ? "=2|" + instance : "=1|") + instance);
      } else if (const FieldSpec* spec = standard_->field(tag)) {
        for (const std::string& value : values_of(*spec))
          extras.push_back(std::to_string(tag) + "=" + value + "|");
      }
      for (const std::string& extra : extras) {
        ++checked;
        const std::string why = refused(message(type, extra));
        if (!why.empty()) problems.push_back(type + ": " + why);
      }
    });
  }
  // The standard header, on a NewOrderSingle.
  const DataDictionary& header_source = standard_session_ ? *standard_session_ : *standard_;
  header_source.header().for_each_member([&](int tag, bool) {
    if (tag == 8 || tag == 9 || tag == 35 || tag == 49 || tag == 56 || tag == 34 || tag == 52)
      return;
    std::string extra;
    if (const GroupSpec* group = header_source.header().group(tag)) {
      extra = std::to_string(tag) + "=1|" + group_instance(*group);
    } else if (tag == 89 || tag == 93 || tag == 90 || tag == 91 || tag == 212 || tag == 213) {
      return;  // length-prefixed data: framed by their length fields, covered elsewhere
    } else if (tag == 1128) {
      extra = "1128=9|";  // ApplVerID: the session's own, FIX 5.0SP2
    } else if (const FieldSpec* spec = header_source.field(tag)) {
      extra = std::to_string(tag) + "=" + values_of(*spec).front() + "|";
    }
    if (tag == 43) extra += "122=20261201-12:00:00.000|";  // PossDupFlag needs OrigSendingTime
    ++checked;
    const std::string why = refused(message("D", "", extra));
    if (!why.empty()) problems.push_back("header: " + why);
  });
  EXPECT_GT(checked, 100u);
  std::string listed;
  for (std::size_t i = 0; i < problems.size() && i < 40; ++i)
    listed += problems[i] + "\n";
  EXPECT_TRUE(problems.empty()) << problems.size() << " standard fields refused, first ones:\n"
                                << listed;
}

// The list, by name, must be defined by the venue's own dictionary (not just let
// through): each is documented field by field in docs/FIX.md.
TEST_P(VenueDictionary, DefinesTheFieldsRealClientsSend) {
  std::vector<int> wanted = {1, 21, 18, 109, 48, 22, 207, 100, 15, 58, 77, 50, 57, 115, 128};
  if (config_.begin_string == "FIX.4.2") {
    wanted.push_back(47);  // Rule80A
  } else {
    for (const int tag : {528, 529, 453, 448, 447, 452})
      wanted.push_back(tag);
  }
  const FieldSet* order = venue_app().message("D");
  ASSERT_NE(order, nullptr);
  for (const int tag : wanted) {
    const bool header = venue_session_->header().contains(tag);
    EXPECT_TRUE(header || order->contains(tag) ||
                (order->group(453) && order->group(453)->members.contains(tag)))
        << "tag " << tag << " is not in the venue's NewOrderSingle";
  }
}

INSTANTIATE_TEST_SUITE_P(Versions, VenueDictionary,
                         ::testing::Values(Version{"Fix42", "CLIENT42", "FIX42.xml", ""},
                                           Version{"Fix44", "CLIENT1", "FIX44.xml", ""},
                                           Version{"Fix50Sp2", "CLIENT50", "FIX50SP2.xml",
                                                   "FIXT11.xml"}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace vtb::fix
