#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "common/fix/message_template.hpp"
#include "common/fix/message_view.hpp"
#include "common/fix/message_writer.hpp"
#include "common/fix/tags.hpp"

namespace vtb::fix {
namespace {

MessageTemplate order_template() {
  MessageTemplate t("FIX.4.4", "D");
  t.slot(tag::MsgSeqNum)
      .field(tag::SenderCompID, "ENGINE")
      .slot(tag::SendingTime)
      .field(tag::TargetCompID, "VENUE")
      .slot(tag::ClOrdID)
      .slot(tag::OrderQty)
      .field(tag::OrdType, "2")
      .slot(tag::Price)
      .slot(tag::Side)
      .field(tag::Symbol, "ACME");
  return t;
}

// The same order through the general writer, field by field.
std::string written(std::int64_t seq, Nanos now, std::string_view id, std::int64_t qty, Price px,
                    char side) {
  char buffer[512];
  MessageWriter w(buffer, sizeof buffer, "FIX.4.4");
  w.field(tag::MsgType, "D");
  w.field_int(tag::MsgSeqNum, seq);
  w.field(tag::SenderCompID, "ENGINE");
  w.field_timestamp(tag::SendingTime, now);
  w.field(tag::TargetCompID, "VENUE");
  w.field(tag::ClOrdID, id);
  w.field_int(tag::OrderQty, qty);
  w.field_char(tag::OrdType, '2');
  w.field_price(tag::Price, px);
  w.field_char(tag::Side, side);
  w.field(tag::Symbol, "ACME");
  return std::string(buffer, w.finish());
}

TEST(MessageTemplate, FillsTheSameBytesAsTheWriter) {
  const MessageTemplate t = order_template();
  EXPECT_EQ(t.slot_count(), 6u);
  const Nanos now = 1'795'347'150LL * kNanosPerSecond + 123'000'000;
  for (const std::int64_t seq : {2LL, 99LL, 123456789LL}) {
    char buffer[512];
    auto f = t.fill(buffer, sizeof buffer);
    f.integer(seq).timestamp(now).text("ORD-" + std::to_string(seq)).integer(100 * seq);
    f.price(1'000'100 + seq).character('2');
    const std::size_t n = f.finish();
    ASSERT_GT(n, 0u);
    const std::string expected =
        written(seq, now, "ORD-" + std::to_string(seq), 100 * seq, 1'000'100 + seq, '2');
    EXPECT_EQ(std::string(buffer, n), expected) << seq;
    EXPECT_EQ(frame_message(std::string_view(buffer, n), 4096).status, FrameStatus::Complete);
  }
}

// SendingTime and TransactTime: the second is copied when the times are equal, formatted when not;
// a body over 999 bytes takes the general path. Each time byte-for-byte the writer's message.
TEST(MessageTemplate, RepeatedTimestampsAndLongBodiesMatchTheWriter) {
  MessageTemplate t("FIX.4.4", "D");
  t.slot(tag::SendingTime).slot(tag::ClOrdID).slot(tag::TransactTime);
  const auto writer = [](Nanos sending, std::string_view id, Nanos transact) {
    char buffer[2048];
    MessageWriter w(buffer, sizeof buffer, "FIX.4.4");
    w.field(tag::MsgType, "D");
    w.field_timestamp(tag::SendingTime, sending);
    w.field(tag::ClOrdID, id);
    w.field_timestamp(tag::TransactTime, transact);
    return std::string(buffer, w.finish());
  };
  const Nanos now = 1'795'347'150LL * kNanosPerSecond + 123'000'000;
  const std::string long_id(1200, 'x');
  for (const auto& [sending, id, transact] : {std::tuple<Nanos, std::string, Nanos>{now, "A1", now},
                                              {now, "A2", now + 7'000'000},
                                              {now, long_id, now}}) {
    char buffer[2048];
    auto f = t.fill(buffer, sizeof buffer);
    const std::size_t n = f.timestamp(sending).text(id).timestamp(transact).finish();
    EXPECT_EQ(std::string(buffer, n), writer(sending, id, transact)) << id.size();
  }
}

TEST(MessageTemplate, ShortBodiesGetATwoDigitBodyLength) {
  MessageTemplate heartbeat("FIX.4.4", "0");
  heartbeat.slot(tag::MsgSeqNum);
  char buffer[64];
  const std::size_t n = heartbeat.fill(buffer, sizeof buffer).integer(7).finish();
  EXPECT_EQ(std::string(buffer, n).substr(0, 25), std::string("8=FIX.4.4\x01"
                                                              "9=10\x01"
                                                              "35=0\x01"
                                                              "34=7\x01"));
  EXPECT_EQ(frame_message(std::string_view(buffer, n), 64).status, FrameStatus::Complete);
}

TEST(MessageTemplate, MissingOrExtraValuesOrNoRoomGiveNothing) {
  const MessageTemplate t = order_template();
  char buffer[512];
  EXPECT_EQ(t.fill(buffer, sizeof buffer).integer(1).finish(), 0u) << "slots left empty";
  auto extra = t.fill(buffer, sizeof buffer);
  extra.integer(1).timestamp(0).text("A").integer(1).price(1).character('1').integer(9);
  EXPECT_EQ(extra.finish(), 0u) << "one value too many";
  char tiny[40];
  auto cramped = t.fill(tiny, sizeof tiny);
  cramped.integer(1).timestamp(0).text("A").integer(1).price(1).character('1');
  EXPECT_EQ(cramped.finish(), 0u) << "does not fit";
}

}  // namespace
}  // namespace vtb::fix
