#include <gtest/gtest.h>

#include "common/fix/message_view.hpp"
#include "common/fix/tags.hpp"
#include "tests/support/fix_text.hpp"

namespace vtb::fix {
namespace {

using vtb::testing::framed;
using vtb::testing::soh;

const std::string kHeartbeat = framed("FIX.4.4", "35=0|34=2|49=A|52=20261122-10:00:00|56=B|");

TEST(FixFraming, FramesACompleteMessage) {
  const auto r = frame_message(kHeartbeat, 4096);
  EXPECT_EQ(r.status, FrameStatus::Complete);
  EXPECT_EQ(r.length, kHeartbeat.size());
}

TEST(FixFraming, EveryShorterPrefixIsIncomplete) {
  for (std::size_t n = 0; n < kHeartbeat.size(); ++n) {
    EXPECT_EQ(frame_message(std::string_view(kHeartbeat).substr(0, n), 4096).status,
              FrameStatus::Incomplete)
        << n;
  }
}

TEST(FixFraming, FramesTheFirstOfTwoMessages) {
  const std::string two = kHeartbeat + kHeartbeat;
  const auto r = frame_message(two, 4096);
  EXPECT_EQ(r.status, FrameStatus::Complete);
  EXPECT_EQ(r.length, kHeartbeat.size());
}

TEST(FixFraming, BadChecksumIsGarbledAndConsumedWhole) {
  std::string bad = kHeartbeat;
  bad[bad.size() - 2] = bad[bad.size() - 2] == '9' ? '8' : '9';
  const auto r = frame_message(bad, 4096);
  EXPECT_EQ(r.status, FrameStatus::Garbled);
  EXPECT_EQ(r.length, bad.size());
}

TEST(FixFraming, GarbageBeforeAMessageIsSkippedUpToIt) {
  const std::string input = "xx garbage " + kHeartbeat;
  const auto r = frame_message(input, 4096);
  EXPECT_EQ(r.status, FrameStatus::Garbled);
  EXPECT_EQ(r.length, input.find("8="));
  EXPECT_EQ(frame_message(std::string_view(input).substr(r.length), 4096).status,
            FrameStatus::Complete);
}

TEST(FixFraming, AShortBodyLengthDropsTheMessageThroughItsCheckSum) {
  std::string wrong = kHeartbeat;
  wrong.replace(wrong.find("9=") + 2, 2, "20");  // shorter than the body
  const std::string input = wrong + kHeartbeat;
  const auto r = frame_message(input, 4096);
  EXPECT_EQ(r.status, FrameStatus::Garbled);
  EXPECT_EQ(r.length, wrong.size());  // the next message is intact
}

TEST(FixFraming, ALongBodyLengthSwallowsTheNextMessageAsQuickFixDoes) {
  std::string wrong = kHeartbeat;
  wrong.replace(wrong.find("9=") + 2, 2, "90");  // runs into the next message
  const std::string input = wrong + kHeartbeat + kHeartbeat;
  const auto r = frame_message(input, 4096);
  EXPECT_EQ(r.status, FrameStatus::Garbled);
  EXPECT_EQ(r.length, wrong.size() + kHeartbeat.size());
  EXPECT_EQ(frame_message(std::string_view(input).substr(r.length), 4096).status,
            FrameStatus::Complete);
}

TEST(FixFraming, ATrailerInsideAValueIsNotTheTrailer) {
  // BodyLength points into Text's value "x10=...": the byte before "10=" is not SOH.
  std::string body = vtb::testing::soh("35=0|58=x");
  std::string fake =
      "8=FIX.4.4\x01"
      "9=" +
      std::to_string(body.size()) + "\x01" + body;
  char trailer[8];
  std::snprintf(trailer, sizeof trailer, "10=%03u", static_cast<unsigned>(checksum(fake)));
  fake += std::string(trailer) + "\x01";
  EXPECT_NE(frame_message(fake, 4096).status, FrameStatus::Complete);
}

TEST(FixFraming, NonNumericBodyLengthIsGarbled) {
  const std::string input = soh("8=FIX.4.4|9=1x|35=0|10=000|");
  EXPECT_EQ(frame_message(input, 4096).status, FrameStatus::Garbled);
}

TEST(FixFraming, OversizedMessageIsReportedWithItsWholeLength) {
  const auto r = frame_message(kHeartbeat, 40);
  EXPECT_EQ(r.status, FrameStatus::Oversized);
  EXPECT_EQ(r.length, std::string_view(kHeartbeat).size());
  // Known from the header alone: the rest need not have arrived.
  const std::string header_only = soh("8=FIX.4.4|9=100000|35=0|");
  const auto early = frame_message(header_only, 65536);
  EXPECT_EQ(early.status, FrameStatus::Oversized);
  EXPECT_EQ(early.length, header_only.find("35=") + 100000 + 7);
}

TEST(MessageView, IteratesFieldsInPlace) {
  const MessageView view(kHeartbeat);
  std::vector<int> tags;
  for (const Field& f : view)
    tags.push_back(f.tag);
  EXPECT_EQ(tags, (std::vector<int>{8, 9, 35, 34, 49, 52, 56, 10}));
  EXPECT_EQ(view.msg_type(), "0");
  EXPECT_EQ(view.get(tag::SenderCompID), "A");
  EXPECT_EQ(view.get_int(tag::MsgSeqNum), 2);
  EXPECT_FALSE(view.get(tag::Text));
  // Views point into the buffer: nothing was copied.
  const auto sender = *view.get(tag::SenderCompID);
  EXPECT_GE(sender.data(), kHeartbeat.data());
  EXPECT_LT(sender.data(), kHeartbeat.data() + kHeartbeat.size());
}

TEST(MessageView, MalformedFieldsHaveTagZero) {
  const std::string raw = soh("8=FIX.4.4|junk|=v|12x=3|58=|");
  std::vector<Field> fields(MessageView(raw).begin(), MessageView(raw).end());
  ASSERT_EQ(fields.size(), 5u);
  EXPECT_EQ(fields[1].tag, 0);
  EXPECT_EQ(fields[2].tag, 0);
  EXPECT_EQ(fields[3].tag, 0);
  EXPECT_EQ(fields[4].tag, 58);
  EXPECT_EQ(fields[4].value, "");
}

}  // namespace
}  // namespace vtb::fix
