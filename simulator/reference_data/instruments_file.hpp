#pragma once
// The venue's instrument list: a CSV file with the header
//   symbol,tick_size,lot_size,reference_price[,collar_percent]
// one instrument per line, '#' comments. collar_percent (optional; 0 or absent: none) is the price
// collar (Instrument::collar_bps) as a percentage of the reference. Stock locates are assigned 1..N
// in file order.

#include <stdexcept>
#include <string>
#include <vector>

#include "simulator/matching/instrument.hpp"

namespace vtb::sim {

class InstrumentsFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws InstrumentsFileError naming file, line and column of the problem.
std::vector<Instrument> load_instruments(const std::string& path);
std::vector<Instrument> parse_instruments(const std::string& text, const std::string& file_name);

}  // namespace vtb::sim
