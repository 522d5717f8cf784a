#include "simulator/reference_data/instruments_file.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include "common/text/decimal.hpp"

namespace vtb::sim {

namespace {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) {
    const auto first = cell.find_first_not_of(" \t\r");
    const auto last = cell.find_last_not_of(" \t\r");
    cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
  }
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

}  // namespace

std::vector<Instrument> parse_instruments(const std::string& text, const std::string& file_name) {
  // The collar column is optional (files from before it still read).
  static const std::vector<std::string> kColumns = {"symbol", "tick_size", "lot_size",
                                                    "reference_price", "collar_percent"};
  std::size_t columns = 0;
  std::vector<Instrument> instruments;
  std::set<std::string> symbols;
  std::istringstream lines(text);
  std::string line;
  int line_number = 0;
  bool header_seen = false;
  while (std::getline(lines, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
    const auto cells = split_csv_line(line);
    const std::string at = file_name + ":" + std::to_string(line_number) + ": ";
    if (!header_seen) {
      const bool with_collar = cells == kColumns;
      if (!with_collar && cells != std::vector<std::string>(kColumns.begin(), kColumns.end() - 1)) {
        throw InstrumentsFileError(
            at +
            "expected the header 'symbol,tick_size,lot_size,reference_price[,collar_percent]'");
      }
      columns = cells.size();
      header_seen = true;
      continue;
    }
    if (cells.size() != columns) {
      throw InstrumentsFileError(at + "expected " + std::to_string(columns) + " columns, found " +
                                 std::to_string(cells.size()));
    }
    Instrument instrument;
    instrument.id = static_cast<InstrumentId>(instruments.size() + 1);
    instrument.symbol = cells[0];
    if (instrument.symbol.empty() || instrument.symbol.size() > 8) {
      throw InstrumentsFileError(at + "symbol '" + cells[0] + "' must be 1 to 8 characters");
    }
    if (!symbols.insert(instrument.symbol).second) {
      throw InstrumentsFileError(at + "symbol '" + cells[0] + "' is listed twice");
    }
    const auto tick = text::parse_price(cells[1]);
    if (!tick || *tick <= 0 || *tick > kMaxPrice) {
      throw InstrumentsFileError(
          at + "tick_size '" + cells[1] +
          "' must be a positive price with at most 4 decimals, at most 429496.7295");
    }
    const auto lot = text::parse_int(cells[2]);
    if (!lot || *lot <= 0 || *lot > kMaxOrderQuantity) {
      throw InstrumentsFileError(at + "lot_size '" + cells[2] +
                                 "' must be a positive integer, at most 1000000000");
    }
    const auto reference = text::parse_price(cells[3]);
    if (!reference || *reference <= 0 || *reference > kMaxPrice || *reference % *tick != 0) {
      throw InstrumentsFileError(
          at + "reference_price '" + cells[3] +
          "' must be a positive multiple of the tick size, at most 429496.7295");
    }
    if (columns == kColumns.size()) {
      // Percent with up to 2 decimals: basis points.
      const auto percent = text::parse_price(cells[4]);
      if (!percent || *percent < 0 || *percent > 100 * kPriceScale || *percent % 100 != 0) {
        throw InstrumentsFileError(at + "collar_percent '" + cells[4] +
                                   "' must be 0 (no collar) to 100, with at most 2 decimals");
      }
      instrument.collar_bps = static_cast<std::int32_t>(*percent / 100);
    }
    instrument.tick_size = *tick;
    instrument.lot_size = *lot;
    instrument.reference_price = *reference;
    instruments.push_back(std::move(instrument));
    if (instruments.size() > 65535) throw InstrumentsFileError(at + "more than 65535 instruments");
  }
  if (instruments.empty()) throw InstrumentsFileError(file_name + ": no instruments");
  return instruments;
}

std::vector<Instrument> load_instruments(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InstrumentsFileError(path + ": cannot open instruments file");
  std::stringstream text;
  text << in.rdbuf();
  return parse_instruments(text.str(), path);
}

}  // namespace vtb::sim
