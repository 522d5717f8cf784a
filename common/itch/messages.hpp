#pragma once
// Nasdaq TotalView-ITCH 5.0 messages with their exact byte layouts: big-endian integers, prices
// with 4 implied decimals, 6-byte timestamps (nanoseconds since midnight), space-padded
// alphanumerics. Every message starts with type(1) stock_locate(2) tracking_number(2) timestamp(6).
// docs/FEED.md is the specification; this file is its code.
//
// Each message's fields are written once, in order, in its layout(): `io.u32("shares", m.shares)`.
// Everything else is derived from the layouts: encoding and decoding (messages.cpp), field offsets
// for decoding in place (offset_of), the size check, message_size(), the field list that the feed
// dump prints and the dissector test expects (message_info.hpp), and the field list that
// tools/wireshark/itch50.lua carries (checked against these layouts by tools/tests). The names are
// the dissector's (`itch50.<name>` in tshark filters).

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vtb::itch {

using Symbol = std::array<char, 8>;  // left-justified, space-padded
Symbol make_symbol(std::string_view text);
std::string_view symbol_text(const Symbol& s);                    // without the padding
std::string_view without_padding(std::string_view alphanumeric);  // trailing spaces removed

// A layout's Io offers one call per wire form, each given the field's name and the member:
//   u16 u32 u48 u64  big-endian unsigned integers (u48: the timestamp)
//   price            u32 with 4 implied decimals
//   ch               one alphanumeric byte
//   alpha            an N-byte space-padded alphanumeric (std::array<char, N>)
struct Header {
  std::uint16_t stock_locate = 0;
  std::uint16_t tracking_number = 0;
  std::uint64_t timestamp = 0;  // ns since midnight, 48 bits on the wire

  template <class Io, class Self>
  static constexpr void layout(Io& io, Self& h) {
    io.u16("stock_locate", h.stock_locate);
    io.u16("tracking_number", h.tracking_number);
    io.u48("timestamp", h.timestamp);
  }
};

// kSize is the specification's total length; a static_assert below checks it against the layout.
struct SystemEvent {
  static constexpr char kType = 'S';
  static constexpr std::string_view kName = "System Event";
  static constexpr std::size_t kSize = 12;
  Header header;
  char event_code = 'O';  // O start of messages, S start of system hours, Q start of market hours,
                          // M end of market hours, E end of system hours, C end of messages

  template <class Io, class Self>
  static constexpr void layout(Io& io, Self& m) {
    Header::layout(io, m.header);
    io.ch("event_code", m.event_code);
  }
};

struct StockDirectory {
  static constexpr char kType = 'R';
  static constexpr std::string_view kName = "Stock Directory";
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

  template <class Io, class Self>
  static constexpr void layout(Io& io, Self& m) {
    Header::layout(io, m.header);
    io.alpha("stock", m.stock);
    io.ch("market_category", m.market_category);
    io.ch("financial_status", m.financial_status);
    io.u32("round_lot_size", m.round_lot_size);
    io.ch("round_lots_only", m.round_lots_only);
    io.ch("issue_classification", m.issue_classification);
    io.alpha("issue_subtype", m.issue_subtype);
    io.ch("authenticity", m.authenticity);
    io.ch("short_sale_threshold", m.short_sale_threshold);
    io.ch("ipo_flag", m.ipo_flag);
    io.ch("luld_tier", m.luld_reference_price_tier);
    io.ch("etp_flag", m.etp_flag);
    io.u32("etp_leverage_factor", m.etp_leverage_factor);
    io.ch("inverse_indicator", m.inverse_indicator);
  }
};

struct StockTradingAction {
  static constexpr char kType = 'H';
  static constexpr std::string_view kName = "Stock Trading Action";
  static constexpr std::size_t kSize = 25;
  Header header;
  Symbol stock{};
  char trading_state = 'T';  // H halted, P paused, Q quotation only, T trading
  char reserved = ' ';
  std::array<char, 4> reason{' ', ' ', ' ', ' '};

  template <class Io, class Self>
  static constexpr void layout(Io& io, Self& m) {
    Header::layout(io, m.header);
    io.alpha("stock", m.stock);
    io.ch("trading_state", m.trading_state);
    io.ch("reserved", m.reserved);
    io.alpha("reason", m.reason);
  }
};

struct AddOrder {
  static constexpr char kType = 'A';
  static constexpr std::string_view kName = "Add Order";
  static constexpr std::size_t kSize = 36;
  Header header;
  std::uint64_t order_reference = 0;
  char side = 'B';  // B buy, S sell
  std::uint32_t shares = 0;
  Symbol stock{};
  std::uint32_t price = 0;

  // Also the first fields of Add Order with MPID and of Trade.
  template <class Io, class Self>
  static constexpr void layout(Io& io, Self& m) {
    Header::layout(io, m.header);
    io.u64("order_reference", m.order_reference);
    io.ch("side", m.side);
    io.u32("shares", m.shares);
    io.alpha("stock", m.stock);
    io.price("price", m.price);
  }
};

struct AddOrderMpid {
  static constexpr char kType = 'F';
  static constexpr std::string_view kName = "Add Order with MPID";
  static constexpr std::size_t kSize = 40;
  Header header;
  std::uint64_t order_reference = 0;
  char side = 'B';
  std::uint32_t shares = 0;
  Symbol stock{};
  std::uint32_t price = 0;
  std::array<char, 4> attribution{' ', ' ', ' ', ' '};

  template <class Io, class Self>
  static constexpr void layout(Io& io, Self& m) {
    AddOrder::layout(io, m);
    io.alpha("attribution", m.attribution);
  }
};

// The same order attributed to a market participant.
inline AddOrderMpid attributed(const AddOrder& a, const std::array<char, 4>& mpid) {
  return {a.header, a.order_reference, a.side, a.shares, a.stock, a.price, mpid};
}

struct OrderExecuted {
  static constexpr char kType = 'E';
  static constexpr std::string_view kName = "Order Executed";
  static constexpr std::size_t kSize = 31;
  Header header;
  std::uint64_t order_reference = 0;
  std::uint32_t executed_shares = 0;
  std::uint64_t match_number = 0;

  // Also the first fields of Order Executed With Price.
  template <class Io, class Self>
  static constexpr void layout(Io& io, Self& m) {
    Header::layout(io, m.header);
    io.u64("order_reference", m.order_reference);
    io.u32("executed_shares", m.executed_shares);
    io.u64("match_number", m.match_number);
  }
};

struct OrderExecutedWithPrice {
  static constexpr char kType = 'C';
  static constexpr std::string_view kName = "Order Executed With Price";
  static constexpr std::size_t kSize = 36;
  Header header;
  std::uint64_t order_reference = 0;
  std::uint32_t executed_shares = 0;
  std::uint64_t match_number = 0;
  char printable = 'Y';
  std::uint32_t execution_price = 0;

  template <class Io, class Self>
  static constexpr void layout(Io& io, Self& m) {
    OrderExecuted::layout(io, m);
    io.ch("printable", m.printable);
    io.price("execution_price", m.execution_price);
  }
};

struct OrderCancel {
  static constexpr char kType = 'X';
  static constexpr std::string_view kName = "Order Cancel";
  static constexpr std::size_t kSize = 23;
  Header header;
  std::uint64_t order_reference = 0;
  std::uint32_t cancelled_shares = 0;

  template <class Io, class Self>
  static constexpr void layout(Io& io, Self& m) {
    Header::layout(io, m.header);
    io.u64("order_reference", m.order_reference);
    io.u32("cancelled_shares", m.cancelled_shares);
  }
};

struct OrderDelete {
  static constexpr char kType = 'D';
  static constexpr std::string_view kName = "Order Delete";
  static constexpr std::size_t kSize = 19;
  Header header;
  std::uint64_t order_reference = 0;

  template <class Io, class Self>
  static constexpr void layout(Io& io, Self& m) {
    Header::layout(io, m.header);
    io.u64("order_reference", m.order_reference);
  }
};

struct OrderReplace {
  static constexpr char kType = 'U';
  static constexpr std::string_view kName = "Order Replace";
  static constexpr std::size_t kSize = 35;
  Header header;
  std::uint64_t original_order_reference = 0;
  std::uint64_t new_order_reference = 0;
  std::uint32_t shares = 0;
  std::uint32_t price = 0;

  template <class Io, class Self>
  static constexpr void layout(Io& io, Self& m) {
    Header::layout(io, m.header);
    io.u64("original_order_reference", m.original_order_reference);
    io.u64("new_order_reference", m.new_order_reference);
    io.u32("shares", m.shares);
    io.price("price", m.price);
  }
};

struct Trade {  // a non-displayed execution
  static constexpr char kType = 'P';
  static constexpr std::string_view kName = "Trade (non-cross)";
  static constexpr std::size_t kSize = 44;
  Header header;
  std::uint64_t order_reference = 0;
  char side = 'B';
  std::uint32_t shares = 0;
  Symbol stock{};
  std::uint32_t price = 0;
  std::uint64_t match_number = 0;

  template <class Io, class Self>
  static constexpr void layout(Io& io, Self& m) {
    AddOrder::layout(io, m);
    io.u64("match_number", m.match_number);
  }
};

struct CrossTrade {  // the volume an auction (cross) executed
  static constexpr char kType = 'Q';
  static constexpr std::string_view kName = "Cross Trade";
  static constexpr std::size_t kSize = 40;
  Header header;
  std::uint64_t shares = 0;
  Symbol stock{};
  std::uint32_t cross_price = 0;
  std::uint64_t match_number = 0;
  char cross_type = 'O';  // O opening, C closing, H re-opening after a halt, I intraday

  template <class Io, class Self>
  static constexpr void layout(Io& io, Self& m) {
    Header::layout(io, m.header);
    io.u64("cross_shares", m.shares);
    io.alpha("stock", m.stock);
    io.price("cross_price", m.cross_price);
    io.u64("match_number", m.match_number);
    io.ch("cross_type", m.cross_type);
  }
};

struct NetOrderImbalance {  // NOII: the state of an auction call, published while it runs
  static constexpr char kType = 'I';
  static constexpr std::string_view kName = "Net Order Imbalance Indicator";
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

  template <class Io, class Self>
  static constexpr void layout(Io& io, Self& m) {
    Header::layout(io, m.header);
    io.u64("paired_shares", m.paired_shares);
    io.u64("imbalance_shares", m.imbalance_shares);
    io.ch("imbalance_direction", m.imbalance_direction);
    io.alpha("stock", m.stock);
    io.price("far_price", m.far_price);
    io.price("near_price", m.near_price);
    io.price("current_reference_price", m.current_reference_price);
    io.ch("cross_type", m.cross_type);
    io.ch("price_variation_indicator", m.price_variation_indicator);
  }
};

// Every message type, in the specification's order.
template <class... M>
struct MessageList {};
using Messages = MessageList<SystemEvent, StockDirectory, StockTradingAction, AddOrder,
                             AddOrderMpid, OrderExecuted, OrderExecutedWithPrice, OrderCancel,
                             OrderDelete, OrderReplace, Trade, CrossTrade, NetOrderImbalance>;

// Calls f(M{}) for every message type M.
template <class F, class... M>
constexpr void for_each_message_in(F&& f, MessageList<M...>) {
  (f(M{}), ...);
}
template <class F>
constexpr void for_each_message(F&& f) {
  for_each_message_in(f, Messages{});
}

// What a field is on the wire, for code that walks a layout without a message's members.
enum class FieldKind : std::uint8_t { integer, timestamp, price, alpha };

// An Io that sees each field as (name, kind, width) and leaves the members alone.
template <class Visit>
struct FieldWalker {
  Visit visit;
  template <class T>
  constexpr void u16(std::string_view name, T&) {
    visit(name, FieldKind::integer, 2);
  }
  template <class T>
  constexpr void u32(std::string_view name, T&) {
    visit(name, FieldKind::integer, 4);
  }
  template <class T>
  constexpr void u48(std::string_view name, T&) {
    visit(name, FieldKind::timestamp, 6);
  }
  template <class T>
  constexpr void u64(std::string_view name, T&) {
    visit(name, FieldKind::integer, 8);
  }
  template <class T>
  constexpr void price(std::string_view name, T&) {
    visit(name, FieldKind::price, 4);
  }
  template <class T>
  constexpr void ch(std::string_view name, T&) {
    visit(name, FieldKind::alpha, 1);
  }
  template <class T, std::size_t N>
  constexpr void alpha(std::string_view name, std::array<T, N>&) {
    visit(name, FieldKind::alpha, N);
  }
};

template <class Visit>
FieldWalker(Visit) -> FieldWalker<Visit>;  // clang before 17 does not deduce aggregates

// Calls visit(name, kind, offset, width) for each field of M after the type byte, in order.
template <class M, class Visit>
constexpr void for_each_field(Visit&& visit) {
  std::size_t offset = 1;
  FieldWalker walker{[&](std::string_view name, FieldKind kind, std::size_t width) {
    visit(name, kind, offset, width);
    offset += width;
  }};
  M m{};
  M::layout(walker, m);
}

template <class M>
consteval std::size_t layout_size() {
  std::size_t end = 1;
  for_each_field<M>([&](std::string_view, FieldKind, std::size_t offset, std::size_t width) {
    end = offset + width;
  });
  return end;
}

// Byte offset of a named field in M, for reading it in place; a name M does not have does not
// compile.
template <class M>
consteval std::size_t offset_of(std::string_view name) {
  std::size_t found = 0;
  for_each_field<M>([&](std::string_view field, FieldKind, std::size_t offset, std::size_t) {
    if (field == name && found == 0) found = offset;
  });
  if (found == 0) throw "ITCH message has no field of that name";
  return found;
}

template <class... M>
consteval bool sizes_match_layouts(MessageList<M...>) {
  return ((layout_size<M>() == M::kSize) && ...);
}
static_assert(sizes_match_layouts(Messages{}), "a layout disagrees with its specification size");

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
