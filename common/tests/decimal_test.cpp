#include "common/text/decimal.hpp"

#include <gtest/gtest.h>

#include <string>

namespace vtb::text {
namespace {

std::string format(Price p) {
  char buffer[32];
  return std::string(buffer, static_cast<std::size_t>(format_price(buffer, p)));
}

TEST(Decimal, ParsesPricesWithUpToFourDecimals) {
  EXPECT_EQ(parse_price("100"), 1'000'000);
  EXPECT_EQ(parse_price("100.25"), 1'002'500);
  EXPECT_EQ(parse_price("0.0001"), 1);
  EXPECT_EQ(parse_price(".5"), 5'000);
  EXPECT_EQ(parse_price("-1.5"), -15'000);
  EXPECT_EQ(parse_price("7.12340000"), 71'234);  // trailing zeros past the scale are exact
}

TEST(Decimal, RejectsPricesItCannotRepresentExactly) {
  EXPECT_FALSE(parse_price("1.00001"));
  EXPECT_FALSE(parse_price(""));
  EXPECT_FALSE(parse_price("."));
  EXPECT_FALSE(parse_price("1.2.3"));
  EXPECT_FALSE(parse_price("12a"));
  EXPECT_FALSE(parse_price("-"));
}

TEST(Decimal, RefusesPricesTooLargeToScaleInsteadOfOverflowing) {
  EXPECT_EQ(parse_price("99999999999999"), 99'999'999'999'999 * kPriceScale);  // 14 digits
  EXPECT_FALSE(parse_price("999999999999999"));                                // 15 digits
  EXPECT_FALSE(parse_price("-999999999999999.5"));
}

TEST(Decimal, FormatsWithTheFewestDecimals) {
  EXPECT_EQ(format(1'002'500), "100.25");
  EXPECT_EQ(format(1'000'000), "100");
  EXPECT_EQ(format(1), "0.0001");
  EXPECT_EQ(format(-15'000), "-1.5");
  EXPECT_EQ(format(0), "0");
}

TEST(Decimal, FormatThenParseRoundTrips) {
  for (Price p : {Price{1}, Price{99'990}, Price{123'456'789}, Price{-42}, Price{10'000}}) {
    EXPECT_EQ(parse_price(format(p)), p) << p;
  }
}

TEST(Decimal, ParsesStrictIntegers) {
  EXPECT_EQ(parse_int("42"), 42);
  EXPECT_EQ(parse_int("-7"), -7);
  EXPECT_FALSE(parse_int("4 2"));
  EXPECT_FALSE(parse_int(""));
  EXPECT_FALSE(parse_int("1.0"));
  EXPECT_FALSE(parse_int("99999999999999999999"));
}

}  // namespace
}  // namespace vtb::text
