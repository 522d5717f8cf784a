#pragma once
// Nasdaq TotalView-ITCH 5.0 messages with their exact byte layouts: big-endian integers, prices
// with 4 implied decimals, 6-byte timestamps (nanoseconds since midnight), space-padded
// alphanumerics. Every message starts with type(1) stock_locate(2) tracking_number(2) timestamp(6).
// docs/FEED.md is the specification; this file is its code.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vtb::itch {

using Symbol = std::array<char, 8>;  // left-justified, space-padded
Symbol make_symbol(std::string_view text);
std::string_view symbol_text(const Symbol& s);  // without the padding

struct Header {
  std::uint16_t stock_locate = 0;
  std::uint16_t tracking_number = 0;
  std::uint64_t timestamp = 0;  // ns since midnight, 48 bits on the wire
};

struct SystemEvent {  // 'S'
  static constexpr char kType = 'S';
  static constexpr std::size_t kSize = 12;
  Header header;
  char event_code = 'O';  // O start of messages, S start of system hours, Q start of market hours,
                          // M end of market hours, E end of system hours, C end of messages
};

struct StockDirectory {  // 'R'
  static constexpr char kType = 'R';
  static constexpr std::size_t kSize = 39;
  Header header;
  Symbol stock{};
  char market_category = 'Q';
  char financial_status = 'N';
  std::uint32_t round_lot_size = 100;
  char round_lots_only = 'N';
  char issue_classification = 'C';
  std::array<char, 2> issue_subtype{'Z', ' '};
  char authenticity = 'P';
  char short_sale_threshold = 'N';
  char ipo_flag = 'N';
  char luld_reference_price_tier = '1';
  char etp_flag = 'N';
  std::uint32_t etp_leverage_factor = 0;
  char inverse_indicator = 'N';
};

struct StockTradingAction {  // 'H'
  static constexpr char kType = 'H';
  static constexpr std::size_t kSize = 25;
  Header header;
  Symbol stock{};
  char trading_state = 'T';  // H halted, P paused, Q quotation only, T trading
  char reserved = ' ';
  std::array<char, 4> reason{' ', ' ', ' ', ' '};
};

struct AddOrder {  // 'A'
  static constexpr char kType = 'A';
  static constexpr std::size_t kSize = 36;
  Header header;
  std::uint64_t order_reference = 0;
  char side = 'B';  // B buy, S sell
  std::uint32_t shares = 0;
  Symbol stock{};
  std::uint32_t price = 0;
};

struct AddOrderMpid {  // 'F'
  static constexpr char kType = 'F';
  static constexpr std::size_t kSize = 40;
  Header header;
  std::uint64_t order_reference = 0;
  char side = 'B';
  std::uint32_t shares = 0;
  Symbol stock{};
  std::uint32_t price = 0;
  std::array<char, 4> attribution{' ', ' ', ' ', ' '};
};

// The same order attributed to a market participant.
inline AddOrderMpid attributed(const AddOrder& a, const std::array<char, 4>& mpid) {
  return {a.header, a.order_reference, a.side, a.shares, a.stock, a.price, mpid};
}

struct OrderExecuted {  // 'E'
  static constexpr char kType = 'E';
  static constexpr std::size_t kSize = 31;
  Header header;
  std::uint64_t order_reference = 0;
  std::uint32_t executed_shares = 0;
  std::uint64_t match_number = 0;
};

struct OrderExecutedWithPrice {  // 'C'
  static constexpr char kType = 'C';
  static constexpr std::size_t kSize = 36;
  Header header;
  std::uint64_t order_reference = 0;
  std::uint32_t executed_shares = 0;
  std::uint64_t match_number = 0;
  char printable = 'Y';
  std::uint32_t execution_price = 0;
};

struct OrderCancel {  // 'X'
  static constexpr char kType = 'X';
  static constexpr std::size_t kSize = 23;
  Header header;
  std::uint64_t order_reference = 0;
  std::uint32_t cancelled_shares = 0;
};

struct OrderDelete {  // 'D'
  static constexpr char kType = 'D';
  static constexpr std::size_t kSize = 19;
  Header header;
  std::uint64_t order_reference = 0;
};

struct OrderReplace {  // 'U'
  static constexpr char kType = 'U';
  static constexpr std::size_t kSize = 35;
  Header header;
  std::uint64_t original_order_reference = 0;
  std::uint64_t new_order_reference = 0;
  std::uint32_t shares = 0;
  std::uint32_t price = 0;
};

struct Trade {  // 'P', a non-displayed execution
  static constexpr char kType = 'P';
  static constexpr std::size_t kSize = 44;
  Header header;
  std::uint64_t order_reference = 0;
  char side = 'B';
  std::uint32_t shares = 0;
  Symbol stock{};
  std::uint32_t price = 0;
  std::uint64_t match_number = 0;
};

struct CrossTrade {  // 'Q', the volume an auction (cross) executed
  static constexpr char kType = 'Q';
  static constexpr std::size_t kSize = 40;
  Header header;
  std::uint64_t shares = 0;
  Symbol stock{};
  std::uint32_t cross_price = 0;
  std::uint64_t match_number = 0;
  char cross_type = 'O';  // O opening, C closing, H re-opening after a halt, I intraday
};

struct NetOrderImbalance {  // 'I', NOII: the state of an auction call, published while it runs
  static constexpr char kType = 'I';
  static constexpr std::size_t kSize = 50;
  Header header;
  std::uint64_t paired_shares = 0;     // what would execute at the near price
  std::uint64_t imbalance_shares = 0;  // what would be left on the heavier side
  char imbalance_direction = 'N';      // B buy, S sell, N none, O insufficient orders
  Symbol stock{};
  std::uint32_t far_price = 0;
  std::uint32_t near_price = 0;
  std::uint32_t current_reference_price = 0;
  char cross_type = 'O';                 // O opening, C closing, H halt or IPO
  char price_variation_indicator = ' ';  // L under 1 %, 1..9, A, B, C; space: not calculable
};

// encode(): writes exactly M::kSize bytes to `out`, returns kSize.
// decode(): reads a message whose type byte is M::kType; false if `bytes` is not exactly kSize.
#define VTB_ITCH_CODEC(M)                          \
  std::size_t encode(const M& message, char* out); \
  bool decode(std::string_view bytes, M& message);
VTB_ITCH_CODEC(SystemEvent)
VTB_ITCH_CODEC(StockDirectory)
VTB_ITCH_CODEC(StockTradingAction)
VTB_ITCH_CODEC(AddOrder)
VTB_ITCH_CODEC(AddOrderMpid)
VTB_ITCH_CODEC(OrderExecuted)
VTB_ITCH_CODEC(OrderExecutedWithPrice)
VTB_ITCH_CODEC(OrderCancel)
VTB_ITCH_CODEC(OrderDelete)
VTB_ITCH_CODEC(OrderReplace)
VTB_ITCH_CODEC(Trade)
VTB_ITCH_CODEC(CrossTrade)
VTB_ITCH_CODEC(NetOrderImbalance)
#undef VTB_ITCH_CODEC

// Size of a message given its type byte, 0 for a type this library does not know.
std::size_t message_size(char type);

}  // namespace vtb::itch
