#pragma once
// Reference data the matching core needs per instrument.

#include <string>

#include "simulator/matching/order.hpp"

namespace vtb::sim {

struct Instrument {
  InstrumentId id = 0;
  std::string symbol;     // up to 8 characters (ITCH Stock field)
  Price tick_size = 100;  // 0.01
  Quantity lot_size = 1;
  Price reference_price = 0;  // where background liquidity starts quoting
};

}  // namespace vtb::sim
