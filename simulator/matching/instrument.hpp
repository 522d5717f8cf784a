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
  // Price collar, in basis points (0: none): a buy may not be priced above, nor a sell below, the
  // reference (the last trade, else reference_price) by more than this, and market orders trade
  // no further than that from where it stood when they arrived.
  std::int32_t collar_bps = 0;
};

}  // namespace vtb::sim
