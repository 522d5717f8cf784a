#include "common/itch/messages.hpp"

#include <concepts>
#include <type_traits>

#include "common/wire/big_endian.hpp"

namespace vtb::itch {

Symbol make_symbol(std::string_view text) {
  Symbol s;
  s.fill(' ');
  for (std::size_t i = 0; i < s.size() && i < text.size(); ++i)
    s[i] = text[i];
  return s;
}

std::string_view symbol_text(const Symbol& s) {
  std::size_t n = s.size();
  while (n > 0 && s[n - 1] == ' ')
    --n;
  return {s.data(), n};
}

namespace {

// Each layout is written once and used in both directions: Out reads the fields, In assigns them.
struct Out {
  wire::BigEndianWriter w;
  void u16(std::uint16_t v) { w.u16(v); }
  void u32(std::uint32_t v) { w.u32(v); }
  void u48(std::uint64_t v) { w.u48(v); }
  void u64(std::uint64_t v) { w.u64(v); }
  void ch(char v) { w.ch(v); }
  template <std::size_t N>
  void chars(const std::array<char, N>& v) {
    w.bytes(v.data(), N);
  }
};

struct In {
  wire::BigEndianReader r;
  void u16(std::uint16_t& v) { v = r.u16(); }
  void u32(std::uint32_t& v) { v = r.u32(); }
  void u48(std::uint64_t& v) { v = r.u48(); }
  void u64(std::uint64_t& v) { v = r.u64(); }
  void ch(char& v) { v = r.ch(); }
  template <std::size_t N>
  void chars(std::array<char, N>& v) {
    r.bytes(v.data(), N);
  }
};

template <class M, class T>
concept Is = std::same_as<std::remove_const_t<M>, T>;

template <class Io, class H>
void header(Io& io, H& h) {
  io.u16(h.stock_locate);
  io.u16(h.tracking_number);
  io.u48(h.timestamp);
}

template <class Io, Is<SystemEvent> M>
void layout(Io& io, M& m) {
  header(io, m.header);
  io.ch(m.event_code);
}

template <class Io, Is<StockDirectory> M>
void layout(Io& io, M& m) {
  header(io, m.header);
  io.chars(m.stock);
  io.ch(m.market_category);
  io.ch(m.financial_status);
  io.u32(m.round_lot_size);
  io.ch(m.round_lots_only);
  io.ch(m.issue_classification);
  io.chars(m.issue_subtype);
  io.ch(m.authenticity);
  io.ch(m.short_sale_threshold);
  io.ch(m.ipo_flag);
  io.ch(m.luld_reference_price_tier);
  io.ch(m.etp_flag);
  io.u32(m.etp_leverage_factor);
  io.ch(m.inverse_indicator);
}

template <class Io, Is<StockTradingAction> M>
void layout(Io& io, M& m) {
  header(io, m.header);
  io.chars(m.stock);
  io.ch(m.trading_state);
  io.ch(m.reserved);
  io.chars(m.reason);
}

// Add Order with MPID is Add Order plus Attribution; Executed with Price is Executed plus two.
template <class Io, class M>
void add_order_fields(Io& io, M& m) {
  header(io, m.header);
  io.u64(m.order_reference);
  io.ch(m.side);
  io.u32(m.shares);
  io.chars(m.stock);
  io.u32(m.price);
}

template <class Io, Is<AddOrder> M>
void layout(Io& io, M& m) {
  add_order_fields(io, m);
}

template <class Io, Is<AddOrderMpid> M>
void layout(Io& io, M& m) {
  add_order_fields(io, m);
  io.chars(m.attribution);
}

template <class Io, class M>
void executed_fields(Io& io, M& m) {
  header(io, m.header);
  io.u64(m.order_reference);
  io.u32(m.executed_shares);
  io.u64(m.match_number);
}

template <class Io, Is<OrderExecuted> M>
void layout(Io& io, M& m) {
  executed_fields(io, m);
}

template <class Io, Is<OrderExecutedWithPrice> M>
void layout(Io& io, M& m) {
  executed_fields(io, m);
  io.ch(m.printable);
  io.u32(m.execution_price);
}

template <class Io, Is<OrderCancel> M>
void layout(Io& io, M& m) {
  header(io, m.header);
  io.u64(m.order_reference);
  io.u32(m.cancelled_shares);
}

template <class Io, Is<OrderDelete> M>
void layout(Io& io, M& m) {
  header(io, m.header);
  io.u64(m.order_reference);
}

template <class Io, Is<OrderReplace> M>
void layout(Io& io, M& m) {
  header(io, m.header);
  io.u64(m.original_order_reference);
  io.u64(m.new_order_reference);
  io.u32(m.shares);
  io.u32(m.price);
}

template <class Io, Is<Trade> M>
void layout(Io& io, M& m) {
  header(io, m.header);
  io.u64(m.order_reference);
  io.ch(m.side);
  io.u32(m.shares);
  io.chars(m.stock);
  io.u32(m.price);
  io.u64(m.match_number);
}

template <class Io, Is<CrossTrade> M>
void layout(Io& io, M& m) {
  header(io, m.header);
  io.u64(m.shares);
  io.chars(m.stock);
  io.u32(m.cross_price);
  io.u64(m.match_number);
  io.ch(m.cross_type);
}

template <class Io, Is<NetOrderImbalance> M>
void layout(Io& io, M& m) {
  header(io, m.header);
  io.u64(m.paired_shares);
  io.u64(m.imbalance_shares);
  io.ch(m.imbalance_direction);
  io.chars(m.stock);
  io.u32(m.far_price);
  io.u32(m.near_price);
  io.u32(m.current_reference_price);
  io.ch(m.cross_type);
  io.ch(m.price_variation_indicator);
}

template <class M>
std::size_t encode_message(const M& message, char* out) {
  Out io{wire::BigEndianWriter(out)};
  io.ch(M::kType);
  layout(io, message);
  return M::kSize;
}

template <class M>
bool decode_message(std::string_view bytes, M& message) {
  if (bytes.size() != M::kSize || bytes[0] != M::kType) return false;
  In io{wire::BigEndianReader(bytes.data() + 1)};
  layout(io, message);
  return true;
}

}  // namespace

#define VTB_ITCH_CODEC(M)                           \
  std::size_t encode(const M& message, char* out) { \
    return encode_message(message, out);            \
  }                                                 \
  bool decode(std::string_view bytes, M& message) { \
    return decode_message(bytes, message);          \
  }
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

std::size_t message_size(char type) {
  switch (type) {
    case SystemEvent::kType:
      return SystemEvent::kSize;
    case StockDirectory::kType:
      return StockDirectory::kSize;
    case StockTradingAction::kType:
      return StockTradingAction::kSize;
    case AddOrder::kType:
      return AddOrder::kSize;
    case AddOrderMpid::kType:
      return AddOrderMpid::kSize;
    case OrderExecuted::kType:
      return OrderExecuted::kSize;
    case OrderExecutedWithPrice::kType:
      return OrderExecutedWithPrice::kSize;
    case OrderCancel::kType:
      return OrderCancel::kSize;
    case OrderDelete::kType:
      return OrderDelete::kSize;
    case OrderReplace::kType:
      return OrderReplace::kSize;
    case Trade::kType:
      return Trade::kSize;
    case CrossTrade::kType:
      return CrossTrade::kSize;
    case NetOrderImbalance::kType:
      return NetOrderImbalance::kSize;
    default:
      return 0;
  }
}

}  // namespace vtb::itch
