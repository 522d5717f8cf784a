#include "common/itch/messages.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace vtb::itch {
namespace {

std::uint64_t be(const char* p, int n) {
  std::uint64_t v = 0;
  for (int i = 0; i < n; ++i)
    v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

// Offsets from the TotalView-ITCH 5.0 specification, section 1.3.1 (Add Order, no MPID).
TEST(ItchMessages, AddOrderHasTheSpecificationLayout) {
  AddOrder m;
  m.header.stock_locate = 0x0102;
  m.header.tracking_number = 0x0304;
  m.header.timestamp = 0x0A0B0C0D0E0F;
  m.order_reference = 0x1122334455667788;
  m.side = 'S';
  m.shares = 500;
  m.stock = make_symbol("ACME");
  m.price = 1'002'500;  // 100.25
  char out[AddOrder::kSize];
  ASSERT_EQ(encode(m, out), 36u);
  EXPECT_EQ(out[0], 'A');
  EXPECT_EQ(be(out + 1, 2), 0x0102u);
  EXPECT_EQ(be(out + 3, 2), 0x0304u);
  EXPECT_EQ(be(out + 5, 6), 0x0A0B0C0D0E0Fu);
  EXPECT_EQ(be(out + 11, 8), 0x1122334455667788u);
  EXPECT_EQ(out[19], 'S');
  EXPECT_EQ(be(out + 20, 4), 500u);
  EXPECT_EQ(std::string(out + 24, 8), "ACME    ");
  EXPECT_EQ(be(out + 32, 4), 1'002'500u);
}

TEST(ItchMessages, OrderExecutedHasTheSpecificationLayout) {
  OrderExecuted m;
  m.header.stock_locate = 7;
  m.order_reference = 42;
  m.executed_shares = 100;
  m.match_number = 9;
  char out[OrderExecuted::kSize];
  ASSERT_EQ(encode(m, out), 31u);
  EXPECT_EQ(out[0], 'E');
  EXPECT_EQ(be(out + 11, 8), 42u);
  EXPECT_EQ(be(out + 19, 4), 100u);
  EXPECT_EQ(be(out + 23, 8), 9u);
}

// Stock Directory, section 1.2.1: the fields after the 8-byte Stock at offset 11.
TEST(ItchMessages, StockDirectoryHasTheSpecificationLayout) {
  StockDirectory m;
  m.header.stock_locate = 3;
  m.stock = make_symbol("INITECH");
  m.market_category = 'Q';
  m.financial_status = 'N';
  m.round_lot_size = 100;
  m.round_lots_only = 'Y';
  m.issue_classification = 'C';
  m.issue_subtype = {'Z', ' '};
  m.authenticity = 'P';
  m.short_sale_threshold = 'N';
  m.ipo_flag = ' ';
  m.luld_reference_price_tier = '1';
  m.etp_flag = 'N';
  m.etp_leverage_factor = 0x01020304;
  m.inverse_indicator = 'N';
  char out[StockDirectory::kSize];
  ASSERT_EQ(encode(m, out), 39u);
  EXPECT_EQ(out[0], 'R');
  EXPECT_EQ(be(out + 1, 2), 3u);
  EXPECT_EQ(std::string(out + 11, 8), "INITECH ");
  EXPECT_EQ(out[19], 'Q');
  EXPECT_EQ(out[20], 'N');
  EXPECT_EQ(be(out + 21, 4), 100u);
  EXPECT_EQ(out[25], 'Y');
  EXPECT_EQ(out[26], 'C');
  EXPECT_EQ(std::string(out + 27, 2), "Z ");
  EXPECT_EQ(out[29], 'P');
  EXPECT_EQ(out[30], 'N');
  EXPECT_EQ(out[31], ' ');
  EXPECT_EQ(out[32], '1');
  EXPECT_EQ(out[33], 'N');
  EXPECT_EQ(be(out + 34, 4), 0x01020304u);
  EXPECT_EQ(out[38], 'N');
}

TEST(ItchMessages, SystemEventHasTheSpecificationLayout) {
  char out[SystemEvent::kSize];
  ASSERT_EQ(encode(SystemEvent{{0, 0, 0x010203040506}, 'Q'}, out), 12u);
  EXPECT_EQ(out[0], 'S');
  EXPECT_EQ(be(out + 5, 6), 0x010203040506u);
  EXPECT_EQ(out[11], 'Q');
}

TEST(ItchMessages, OrderDeleteHasTheSpecificationLayout) {
  char out[OrderDelete::kSize];
  ASSERT_EQ(encode(OrderDelete{{9, 0, 1}, 0xABCDEF}, out), 19u);
  EXPECT_EQ(out[0], 'D');
  EXPECT_EQ(be(out + 1, 2), 9u);
  EXPECT_EQ(be(out + 11, 8), 0xABCDEFu);
}

template <class M>
void expect_size_and_round_trip(M m, std::size_t spec_size) {
  std::string out(M::kSize, '\0');
  EXPECT_EQ(M::kSize, spec_size);
  EXPECT_EQ(message_size(M::kType), spec_size);
  ASSERT_EQ(encode(m, out.data()), spec_size);
  M back;
  ASSERT_TRUE(decode(out, back));
  std::string again(M::kSize, '\0');
  encode(back, again.data());
  EXPECT_EQ(out, again);
  EXPECT_FALSE(decode(out.substr(0, out.size() - 1), back));  // wrong length
  out[0] = '?';
  EXPECT_FALSE(decode(out, back));  // wrong type
}

TEST(ItchMessages, EveryMessageHasItsSpecificationSizeAndRoundTrips) {
  Header h{3, 4, 123456789};
  expect_size_and_round_trip(SystemEvent{h, 'Q'}, 12);
  StockDirectory r;
  r.header = h;
  r.stock = make_symbol("GLOBEX");
  expect_size_and_round_trip(r, 39);
  StockTradingAction t;
  t.header = h;
  expect_size_and_round_trip(t, 25);
  expect_size_and_round_trip(AddOrder{h, 1, 'B', 2, make_symbol("X"), 3}, 36);
  AddOrderMpid f;
  f.header = h;
  f.attribution = {'V', 'T', 'B', ' '};
  expect_size_and_round_trip(f, 40);
  expect_size_and_round_trip(OrderExecuted{h, 1, 2, 3}, 31);
  expect_size_and_round_trip(OrderExecutedWithPrice{h, 1, 2, 3, 'Y', 4}, 36);
  expect_size_and_round_trip(OrderCancel{h, 1, 2}, 23);
  expect_size_and_round_trip(OrderDelete{h, 1}, 19);
  expect_size_and_round_trip(OrderReplace{h, 1, 2, 3, 4}, 35);
  Trade p;
  p.header = h;
  expect_size_and_round_trip(p, 44);
  expect_size_and_round_trip(CrossTrade{h, 5'000'000'000, make_symbol("ACME"), 6, 7, 'C'}, 40);
}

TEST(ItchMessages, CrossTradeHasTheSpecificationLayout) {
  char out[CrossTrade::kSize];
  encode(CrossTrade{{9, 0, 1}, 0x1'0000'0002, make_symbol("ACME"), 1'000'100, 77, 'H'}, out);
  EXPECT_EQ(out[0], 'Q');
  EXPECT_EQ(be(out + 11, 8), 0x1'0000'0002u);  // shares: 8 bytes
  EXPECT_EQ(std::string(out + 19, 8), "ACME    ");
  EXPECT_EQ(be(out + 27, 4), 1'000'100u);
  EXPECT_EQ(be(out + 31, 8), 77u);
  EXPECT_EQ(out[39], 'H');
}

// Net Order Imbalance Indicator, section 1.8: 50 bytes.
TEST(ItchMessages, NetOrderImbalanceHasTheSpecificationLayout) {
  NetOrderImbalance m{{4, 0, 1}, 0x1'0000'0003, 2'000,     'S', make_symbol("ACME"),
                      1'000'100, 1'000'200,     1'000'300, 'C', 'L'};
  char out[NetOrderImbalance::kSize];
  ASSERT_EQ(encode(m, out), 50u);
  EXPECT_EQ(out[0], 'I');
  EXPECT_EQ(be(out + 11, 8), 0x1'0000'0003u);  // paired shares
  EXPECT_EQ(be(out + 19, 8), 2'000u);          // imbalance shares
  EXPECT_EQ(out[27], 'S');
  EXPECT_EQ(std::string(out + 28, 8), "ACME    ");
  EXPECT_EQ(be(out + 36, 4), 1'000'100u);  // far
  EXPECT_EQ(be(out + 40, 4), 1'000'200u);  // near
  EXPECT_EQ(be(out + 44, 4), 1'000'300u);  // current reference
  EXPECT_EQ(out[48], 'C');
  EXPECT_EQ(out[49], 'L');
  NetOrderImbalance back;
  ASSERT_TRUE(decode(std::string_view(out, sizeof out), back));
  EXPECT_EQ(back.near_price, 1'000'200u);
  EXPECT_EQ(message_size('I'), 50u);
}

TEST(ItchMessages, SymbolsAreSpacePadded) {
  EXPECT_EQ(symbol_text(make_symbol("AB")), "AB");
  EXPECT_EQ(symbol_text(make_symbol("ABCDEFGHIJ")), "ABCDEFGH");
  EXPECT_EQ(message_size('Z'), 0u);
}

}  // namespace
}  // namespace vtb::itch
