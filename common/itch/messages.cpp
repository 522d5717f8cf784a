#include "common/itch/messages.hpp"

#include "common/wire/big_endian.hpp"

namespace vtb::itch {

Symbol make_symbol(std::string_view text) {
  Symbol s;
  s.fill(' ');
  for (std::size_t i = 0; i < s.size() && i < text.size(); ++i)
    s[i] = text[i];
  return s;
}

std::string_view without_padding(std::string_view alphanumeric) {
  while (!alphanumeric.empty() && alphanumeric.back() == ' ')
    alphanumeric.remove_suffix(1);
  return alphanumeric;
}

std::string_view symbol_text(const Symbol& s) {
  return without_padding({s.data(), s.size()});
}

namespace {

// The layouts in messages.hpp, read in one direction or the other: Out writes the members, In
// assigns them. The names are for the other readers of the layouts.
struct Out {
  wire::BigEndianWriter w;
  void u16(std::string_view, std::uint16_t v) { w.u16(v); }
  void u32(std::string_view, std::uint32_t v) { w.u32(v); }
  void u48(std::string_view, std::uint64_t v) { w.u48(v); }
  void u64(std::string_view, std::uint64_t v) { w.u64(v); }
  void price(std::string_view, std::uint32_t v) { w.u32(v); }
  void ch(std::string_view, char v) { w.ch(v); }
  template <std::size_t N>
  void alpha(std::string_view, const std::array<char, N>& v) {
    w.bytes(v.data(), N);
  }
};

struct In {
  wire::BigEndianReader r;
  void u16(std::string_view, std::uint16_t& v) { v = r.u16(); }
  void u32(std::string_view, std::uint32_t& v) { v = r.u32(); }
  void u48(std::string_view, std::uint64_t& v) { v = r.u48(); }
  void u64(std::string_view, std::uint64_t& v) { v = r.u64(); }
  void price(std::string_view, std::uint32_t& v) { v = r.u32(); }
  void ch(std::string_view, char& v) { v = r.ch(); }
  template <std::size_t N>
  void alpha(std::string_view, std::array<char, N>& v) {
    r.bytes(v.data(), N);
  }
};

template <class M>
std::size_t encode_message(const M& message, char* out) {
  Out io{wire::BigEndianWriter(out)};
  io.ch("type", M::kType);
  M::layout(io, message);
  return M::kSize;
}

template <class M>
bool decode_message(std::string_view bytes, M& message) {
  if (bytes.size() != M::kSize || bytes[0] != M::kType) return false;
  In io{wire::BigEndianReader(bytes.data() + 1)};
  M::layout(io, message);
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
  std::size_t size = 0;
  for_each_message([&]<class M>(M) {
    if (type == M::kType) size = M::kSize;
  });
  return size;
}

}  // namespace vtb::itch
