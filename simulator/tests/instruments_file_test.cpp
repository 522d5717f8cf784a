#include "simulator/reference_data/instruments_file.hpp"

#include <gtest/gtest.h>

namespace vtb::sim {
namespace {

TEST(InstrumentsFile, ParsesInstrumentsAndAssignsLocatesInOrder) {
  const auto instruments = parse_instruments(
      "# comment\nsymbol,tick_size,lot_size,reference_price\nACME,0.01,1,100.00\n\nINITECH, 0.05 "
      ",10,250\n",
      "i.csv");
  ASSERT_EQ(instruments.size(), 2u);
  EXPECT_EQ(instruments[0].id, 1);
  EXPECT_EQ(instruments[0].symbol, "ACME");
  EXPECT_EQ(instruments[0].tick_size, 100);
  EXPECT_EQ(instruments[1].id, 2);
  EXPECT_EQ(instruments[1].tick_size, 500);
  EXPECT_EQ(instruments[1].lot_size, 10);
  EXPECT_EQ(instruments[1].reference_price, 2'500'000);
}

TEST(InstrumentsFile, ReadsTheOptionalPriceCollar) {
  const auto instruments = parse_instruments(
      "symbol,tick_size,lot_size,reference_price,collar_percent\nACME,0.01,1,100,2.5\nB,0.01,1,1,"
      "0\n",
      "i.csv");
  EXPECT_EQ(instruments[0].collar_bps, 250);
  EXPECT_EQ(instruments[1].collar_bps, 0);
  try {
    parse_instruments("symbol,tick_size,lot_size,reference_price,collar_percent\nA,0.01,1,1,101\n",
                      "i.csv");
    ADD_FAILURE();
  } catch (const InstrumentsFileError& e) {
    EXPECT_NE(std::string(e.what()).find("i.csv:2: collar_percent '101' must be 0"),
              std::string::npos)
        << e.what();
  }
}

void expect_error(const std::string& body, const std::string& fragment) {
  try {
    parse_instruments("symbol,tick_size,lot_size,reference_price\n" + body, "i.csv");
    ADD_FAILURE() << "no error for " << body;
  } catch (const InstrumentsFileError& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(InstrumentsFile, ErrorsNameTheLineAndTheValue) {
  expect_error("ACME,0.01,1\n", "i.csv:2: expected 4 columns, found 3");
  expect_error("TOOLONGSYM,0.01,1,1\n", "i.csv:2: symbol 'TOOLONGSYM' must be 1 to 8 characters");
  expect_error("A,0.01,1,1\nA,0.01,1,1\n", "i.csv:3: symbol 'A' is listed twice");
  expect_error("A,zero,1,1\n", "i.csv:2: tick_size 'zero'");
  expect_error("A,0.01,-1,1\n", "i.csv:2: lot_size '-1'");
  expect_error("A,0.05,1,1.01\n", "i.csv:2: reference_price '1.01' must be a positive multiple");
  expect_error("", "i.csv: no instruments");
  try {
    parse_instruments("sym,tick\n", "i.csv");
    ADD_FAILURE();
  } catch (const InstrumentsFileError& e) {
    EXPECT_NE(std::string(e.what()).find("i.csv:1: expected the header"), std::string::npos);
  }
}

}  // namespace
}  // namespace vtb::sim
