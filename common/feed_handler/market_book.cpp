#include "common/feed_handler/market_book.hpp"

#include <cstring>
#include <utility>

#include "common/hot_path/hot_code.hpp"
#include "common/wire/big_endian.hpp"

namespace vtb::feed {

namespace {

using wire::load_u16;
using wire::load_u32;
using wire::load_u64;
using namespace itch_offsets;

}  // namespace

PriceLevels::~PriceLevels() {
  if (on_heap_) delete[] data_;
}

PriceLevels::PriceLevels(PriceLevels&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)),
      buy_(other.buy_),
      on_heap_(std::exchange(other.on_heap_, false)) {}

void PriceLevels::grow() {
  const std::uint32_t capacity = capacity_ == 0 ? 8 : capacity_ * 2;
  auto* bigger = new BookLevel[capacity];
  if (size_ != 0) std::memcpy(bigger, data_, sizeof(BookLevel) * size_);
  if (on_heap_) delete[] data_;
  data_ = bigger;
  capacity_ = capacity;
  on_heap_ = true;
}

// Levels shift with plain loops, not memmove: a call into libc reads the GOT and runs libc's code,
// two pages, each a page walk after the system call that brought the packet (tools/page-trace).
// Books are a few dozen levels deep. (With GCC, market_book.cpp is built with
// -fno-tree-loop-distribute-patterns, or the loops would turn back into memmove calls.)
VTB_HOT void PriceLevels::add(std::uint32_t price, std::uint32_t shares) {
  std::uint32_t i = 0;
  while (i < size_ && better(data_[i].price, price))
    ++i;
  if (i < size_ && data_[i].price == price) {
    data_[i].shares += shares;
    data_[i].orders += 1;
    return;
  }
  if (size_ == capacity_) [[unlikely]]
    grow();
  for (std::uint32_t j = size_; j > i; --j)
    data_[j] = data_[j - 1];
  data_[i] = BookLevel{price, 1, shares};
  ++size_;
}

VTB_HOT void PriceLevels::remove(std::uint32_t price, std::uint32_t shares, bool order_gone) {
  for (std::uint32_t i = 0; i < size_; ++i) {
    if (data_[i].price != price) continue;
    data_[i].shares -= shares;
    if (order_gone) data_[i].orders -= 1;
    if (data_[i].orders == 0) {
      --size_;
      for (std::uint32_t j = i; j < size_; ++j)
        data_[j] = data_[j + 1];
    }
    return;
  }
}

MarketBook::MarketBook(std::uint32_t max_orders)
    : instruments_(std::size_t{1} << 16),
      arena_(instruments_.size() * 2 * kArenaLevels),
      orders_(max_orders) {}

InstrumentBook& MarketBook::book_for(std::uint16_t locate, const char* symbol) {
  InstrumentBook& book = instruments_[locate];
  if (!book.listed) [[unlikely]] {
    book.listed = true;
    std::memcpy(book.symbol.data(), symbol, book.symbol.size());
    book.bids.attach(arena_levels(locate, Side::Buy), kArenaLevels);
    book.asks.attach(arena_levels(locate, Side::Sell), kArenaLevels);
  }
  return book;
}

void MarketBook::clear() {
  orders_.clear();
  for (InstrumentBook& book : instruments_) {
    book.bids.clear();
    book.asks.clear();
  }
}

std::uint16_t MarketBook::locate_of(std::string_view symbol) const {
  for (std::size_t i = 1; i < instruments_.size(); ++i) {
    if (instruments_[i].listed && itch::symbol_text(instruments_[i].symbol) == symbol) {
      return static_cast<std::uint16_t>(i);
    }
  }
  return 0;
}

VTB_HOT std::uint16_t MarketBook::add(const char* m) {
  const std::uint16_t locate = load_u16(m + kLocate);
  if (locate == 0) {
    ++stats_.invalid_messages;
    return 0;
  }
  const RestingOrder order{load_u64(m + kReference), load_u32(m + kAddPrice),
                           load_u32(m + kAddShares), locate,
                           m[kAddSide] == 'S' ? Side::Sell : Side::Buy};
  if (!orders_.insert(order)) {
    ++(orders_.size() == orders_.max_orders() ? stats_.dropped_orders
                                              : stats_.duplicate_references);
    return 0;
  }
  book_for(locate, m + kAddStock).side(order.side).add(order.price, order.shares);
  return locate;
}

VTB_HOT std::uint16_t MarketBook::reduce(std::uint64_t reference, std::uint32_t shares, bool all) {
  RestingOrder* order = orders_.find(reference);
  if (!order) {
    ++stats_.unknown_references;
    return 0;
  }
  const std::uint32_t removed = all || shares > order->shares ? order->shares : shares;
  const bool gone = removed == order->shares;
  const std::uint16_t locate = order->locate;
  instruments_[locate].side(order->side).remove(order->price, removed, gone);
  if (gone) {
    orders_.erase(order);
  } else {
    order->shares -= removed;
  }
  return locate;
}

// The new reference takes the old one's side and instrument, and goes to the back of its level.
VTB_HOT std::uint16_t MarketBook::replace(const char* m) {
  RestingOrder* old = orders_.find(load_u64(m + kReference));
  if (!old) {
    ++stats_.unknown_references;
    return 0;
  }
  const RestingOrder was = *old;
  instruments_[was.locate].side(was.side).remove(was.price, was.shares, true);
  orders_.erase(old);
  const RestingOrder order{load_u64(m + kReplaceNew), load_u32(m + kReplacePrice),
                           load_u32(m + kReplaceShares), was.locate, was.side};
  if (!orders_.insert(order)) {
    ++stats_.duplicate_references;
    return was.locate;
  }
  instruments_[was.locate].side(was.side).add(order.price, order.shares);
  return was.locate;
}

void MarketBook::track_only(std::string_view symbol) {
  tracking_ = true;
  tracked_symbol_ = itch::make_symbol(symbol);
  tracked_locate_ = 0;
}

VTB_HOT bool MarketBook::tracked(const char* m, std::size_t size) {
  const std::uint16_t locate = load_u16(m + kLocate);
  if (tracked_locate_ != 0) return locate == tracked_locate_;
  const char* symbol = nullptr;
  if (m[0] == itch::StockDirectory::kType && size == itch::StockDirectory::kSize) {
    symbol = m + kDirectoryStock;
  } else if ((m[0] == itch::AddOrder::kType && size == itch::AddOrder::kSize) ||
             (m[0] == itch::AddOrderMpid::kType && size == itch::AddOrderMpid::kSize)) {
    symbol = m + kAddStock;
  }
  if (symbol == nullptr || locate == 0 ||
      std::memcmp(symbol, tracked_symbol_.data(), tracked_symbol_.size()) != 0) {
    return false;
  }
  tracked_locate_ = locate;
  return true;
}

VTB_HOT std::optional<TradePrint> MarketBook::execution_print(std::string_view message) const {
  if (message.size() < kReference + 8) return std::nullopt;
  const char* m = message.data();
  const std::uint16_t locate = load_u16(m + kLocate);
  if (tracking_ && locate != tracked_locate_) return std::nullopt;
  switch (m[0]) {
    case itch::OrderExecuted::kType:
    case itch::OrderExecutedWithPrice::kType: {
      const bool with_price = m[0] == itch::OrderExecutedWithPrice::kType;
      if (message.size() !=
          (with_price ? itch::OrderExecutedWithPrice::kSize : itch::OrderExecuted::kSize)) {
        return std::nullopt;
      }
      if (with_price && m[kExecutedPrintable] != 'Y') return std::nullopt;
      const RestingOrder* order = orders_.find(load_u64(m + kReference));
      if (order == nullptr) return std::nullopt;
      return TradePrint{order->locate, opposite(order->side),
                        with_price ? load_u32(m + kExecutedPrice) : order->price,
                        load_u32(m + kReducedShares)};
    }
    case itch::Trade::kType:
      if (message.size() != itch::Trade::kSize || locate == 0) return std::nullopt;
      return TradePrint{locate, opposite(m[kTradeSide] == 'S' ? Side::Sell : Side::Buy),
                        load_u32(m + kTradePrice), load_u32(m + kTradeShares)};
    default:
      return std::nullopt;
  }
}

VTB_HOT std::uint16_t MarketBook::apply(std::string_view message) {
  if (message.empty()) return 0;
  const char* m = message.data();
  if (tracking_ && (message.size() < kLocate + 2 || !tracked(m, message.size()))) {
    ++stats_.other_instruments;
    return 0;
  }
  // A known type must have its exact size; a type the book does not use is skipped.
  const auto sized = [&](std::size_t size) {
    if (message.size() == size) return true;
    ++stats_.invalid_messages;
    return false;
  };
  switch (m[0]) {
    case itch::AddOrder::kType:
      return sized(itch::AddOrder::kSize) ? add(m) : 0;
    case itch::AddOrderMpid::kType:
      return sized(itch::AddOrderMpid::kSize) ? add(m) : 0;
    case itch::OrderExecuted::kType:
      return sized(itch::OrderExecuted::kSize)
                 ? reduce(load_u64(m + kReference), load_u32(m + kReducedShares), false)
                 : 0;
    case itch::OrderExecutedWithPrice::kType:
      return sized(itch::OrderExecutedWithPrice::kSize)
                 ? reduce(load_u64(m + kReference), load_u32(m + kReducedShares), false)
                 : 0;
    case itch::OrderCancel::kType:
      return sized(itch::OrderCancel::kSize)
                 ? reduce(load_u64(m + kReference), load_u32(m + kReducedShares), false)
                 : 0;
    case itch::OrderDelete::kType:
      return sized(itch::OrderDelete::kSize) ? reduce(load_u64(m + kReference), 0, true) : 0;
    case itch::OrderReplace::kType:
      return sized(itch::OrderReplace::kSize) ? replace(m) : 0;
    case itch::StockDirectory::kType:
      if (sized(itch::StockDirectory::kSize) && load_u16(m + kLocate) != 0) {
        book_for(load_u16(m + kLocate), m + kDirectoryStock);
      }
      return 0;
    case itch::StockTradingAction::kType:
      if (sized(itch::StockTradingAction::kSize)) {
        InstrumentBook& book = instruments_[load_u16(m + kLocate)];
        if (book.listed) book.trading_state = m[kTradingState];
      }
      return 0;
    default:
      return 0;
  }
}

}  // namespace vtb::feed
