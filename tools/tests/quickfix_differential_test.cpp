// Differential tests against QuickFIX with QuickFIX's own FIX44.xml: randomized messages written by
// our encoder are accepted by QuickFIX and by our validator alike; broken ones are refused by
// both; messages QuickFIX writes are read field for field by our parser.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "common/fix/data_dictionary.hpp"
#include "common/fix/message_view.hpp"
#include "common/fix/message_writer.hpp"
#include "common/fix/tags.hpp"
#include "tests/support/shared_reference.hpp"
#include "tools/quickfix_reference/quickfix_bench.hpp"
#include "tools/quickfix_reference/quickfix_validator.hpp"

namespace vtb {
namespace {

namespace tag = fix::tag;

const std::string kDictionary = testing::shared_reference("quickfix-spec/FIX44.xml");

class Differential : public ::testing::Test {
 protected:
  void SetUp() override { VTB_REQUIRE_SHARED(kDictionary); }

  std::string random_text(std::size_t max_length) {
    static const char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
    std::string s(1 + rng_() % max_length, 'A');
    for (char& c : s)
      c = kChars[rng_() % (sizeof kChars - 1)];
    return s;
  }

  // A random NewOrderSingle, as an engine would write it; `corrupt` picks a defect (0: none).
  std::string random_order(int corrupt) {
    char buffer[2048];
    fix::MessageWriter w(buffer, sizeof buffer, "FIX.4.4");
    const Nanos now = wall_clock_ns();
    w.field(tag::MsgType, "D");
    w.field_int(tag::MsgSeqNum, 1 + static_cast<int>(rng_() % 100000));
    w.field(tag::SenderCompID, "ENGINE");
    w.field_timestamp(tag::SendingTime, now);
    w.field(tag::TargetCompID, "VENUE");
    if (corrupt != 1) w.field(tag::ClOrdID, random_text(20));
    w.field_int(tag::OrderQty, 1 + static_cast<int>(rng_() % 1'000'000));
    w.field_char(tag::OrdType, corrupt == 2 ? 'Z' : (rng_() % 2 ? '1' : '2'));
    w.field_price(tag::Price, 1 + static_cast<Price>(rng_() % 10'000'000));
    w.field_char(tag::Side, rng_() % 2 ? '1' : '2');
    w.field(tag::Symbol, random_text(8));
    w.field_char(tag::TimeInForce, rng_() % 2 ? '0' : '3');
    w.field_timestamp(tag::TransactTime, now);
    if (corrupt == 3) w.field(tag::Price + 10'000, "x");  // no such tag
    if (corrupt == 4) w.field(tag::Text, "");             // no value
    const int parties = static_cast<int>(rng_() % 4);
    if (parties > 0) {
      w.field_int(453, corrupt == 5 ? parties + 1 : parties);
      static const char* kRoles[] = {"1", "3", "11", "12", "24"};
      for (int i = 0; i < parties; ++i) {
        w.field(448, random_text(12));
        w.field_char(447, 'D');
        w.field(452, kRoles[rng_() % 5]);
      }
    }
    return std::string(buffer, w.finish());
  }

  std::mt19937_64 rng_{20261122};
};

TEST_F(Differential, RandomOrdersFromOurEncoderAreValidForQuickFixAndForUs) {
  const quickfix_reference::QuickFixValidator quickfix(kDictionary);
  const auto ours = fix::DataDictionary::load(kDictionary);
  for (int i = 0; i < 2000; ++i) {
    const std::string raw = random_order(0);
    ASSERT_EQ(quickfix.validate(raw), "") << raw;
    const auto error = fix::validate_message(fix::MessageView(raw), ours, ours);
    ASSERT_FALSE(error) << "reason " << error->reason << " tag " << error->ref_tag << ": " << raw;
  }
}

TEST_F(Differential, BrokenOrdersAreRefusedByBoth) {
  const quickfix_reference::QuickFixValidator quickfix(kDictionary);
  const auto ours = fix::DataDictionary::load(kDictionary);
  for (int i = 0; i < 1000; ++i) {
    const int defect = 1 + i % 5;
    std::string raw = random_order(defect);
    if (defect == 5 && fix::MessageView(raw).get(453) == std::nullopt) continue;  // no group
    EXPECT_NE(quickfix.validate(raw), "") << "defect " << defect << ": " << raw;
    EXPECT_TRUE(fix::validate_message(fix::MessageView(raw), ours, ours))
        << "defect " << defect << ": " << raw;
  }
}

// AllowUnknownMsgFields and ValidateUserDefinedFields, every combination: orders with fields
// inserted anywhere in the body (inside the Parties group too) — tags no version defines, tags
// FIX 4.4 defines for other messages, user-defined tags, sometimes twice — get the same verdict
// from QuickFIX and from us.
TEST_F(Differential, UnknownAndOutOfPlaceFieldsGetTheSameVerdictAsInQuickFix) {
  const auto ours = fix::DataDictionary::load(kDictionary);
  static const int kExtraTags[] = {2345, 4999, 37, 17, 150, 1, 58, 5001, 7777, 452, 448};
  int accepted = 0, refused = 0;
  for (const bool allow_unknown : {false, true}) {
    for (const bool check_user_defined : {true, false}) {
      const quickfix_reference::QuickFixValidator quickfix(
          kDictionary, {true, check_user_defined, allow_unknown});
      fix::ValidationOptions options;
      options.allow_unknown_msg_fields = allow_unknown;
      options.check_user_defined_fields = check_user_defined;
      for (int i = 0; i < 1500; ++i) {
        const std::string original = random_order(0);
        const fix::MessageView order(original);
        std::vector<std::pair<int, std::string>> body;
        for (const fix::Field& f : order) {
          if (f.tag != tag::BeginString && f.tag != tag::BodyLength && f.tag != tag::CheckSum)
            body.emplace_back(f.tag, f.value);
        }
        const int extras = 1 + static_cast<int>(rng_() % 3);
        for (int k = 0; k < extras; ++k) {
          const std::size_t at = 5 + rng_() % (body.size() - 4);  // after the header
          const int t = kExtraTags[rng_() % std::size(kExtraTags)];
          // PartyRole keeps a valid value: QuickFIX 1.15 checks no value inside a group (we do).
          body.insert(body.begin() + static_cast<std::ptrdiff_t>(at),
                      {t, t == 452 ? std::string("3") : random_text(6)});
        }
        char buffer[4096];
        fix::MessageWriter w(buffer, sizeof buffer, "FIX.4.4");
        for (const auto& [t, v] : body)
          w.field(t, v);
        const std::string raw(buffer, w.finish());
        const bool quickfix_accepts = quickfix.validate(raw).empty();
        const bool we_accept = !fix::validate_message(fix::MessageView(raw), ours, ours, options);
        ASSERT_EQ(we_accept, quickfix_accepts)
            << "AllowUnknownMsgFields=" << allow_unknown
            << " ValidateUserDefinedFields=" << check_user_defined << ", QuickFIX says '"
            << quickfix.validate(raw) << "': " << raw;
        (we_accept ? accepted : refused) += 1;
      }
    }
  }
  // Both verdicts occur, so the comparison says something.
  EXPECT_GT(accepted, 500);
  EXPECT_GT(refused, 500);
}

TEST_F(Differential, MessagesQuickFixWritesAreReadFieldForField) {
  for (int i = 0; i < 1000; ++i) {
    std::vector<std::pair<int, std::string>> body;
    std::map<int, std::string> expected;
    const int count = 1 + static_cast<int>(rng_() % 12);
    for (int k = 0; k < count; ++k) {
      const int t = 1000 + static_cast<int>(rng_() % 3000);  // body tags, no header ones
      const std::string value = random_text(30);
      body.emplace_back(t, value);
      expected[t] = value;  // QuickFIX keeps the last value set for a tag
    }
    const std::string raw = quickfix_reference::quickfix_serialize("FIX.4.4", "D", body);
    const auto frame = fix::frame_message(raw, 1 << 16);
    ASSERT_EQ(frame.status, fix::FrameStatus::Complete) << raw;
    ASSERT_EQ(frame.length, raw.size());
    const fix::MessageView view(raw);
    std::map<int, std::string> read;
    for (const fix::Field& f : view) {
      if (f.tag >= 1000) read[f.tag] = std::string(f.value);
    }
    EXPECT_EQ(read, expected) << raw;
    EXPECT_EQ(view.get(tag::SenderCompID), "ENGINE");
    EXPECT_EQ(view.get_int(tag::MsgSeqNum), 7);
  }
}

}  // namespace
}  // namespace vtb
