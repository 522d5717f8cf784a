#pragma once
// The order-level book an ITCH 5.0 feed describes, for every instrument on the feed, with a
// price-level view per side. Built by the feed handler, read by strategies.
//
// Everything is sized up front (live orders, every stock locate, 64 levels a side when an
// instrument first appears), so applying messages allocates nothing unless a side grows past its
// deepest point so far. Messages are decoded in place: only the fields the book needs are read.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/feed_handler/order_table.hpp"
#include "common/hot_path/zeroed_array.hpp"
#include "common/itch/messages.hpp"
#include "common/market/types.hpp"
#include "common/wire/big_endian.hpp"

namespace vtb::feed {

// Offsets of the fields the book reads in place, from the layouts (common/itch/messages.hpp).
namespace itch_offsets {
using itch::offset_of;
inline constexpr std::size_t kLocate = offset_of<itch::AddOrder>("stock_locate");
inline constexpr std::size_t kReference = offset_of<itch::AddOrder>("order_reference");
inline constexpr std::size_t kAddSide = offset_of<itch::AddOrder>("side");
inline constexpr std::size_t kAddShares = offset_of<itch::AddOrder>("shares");
inline constexpr std::size_t kAddStock = offset_of<itch::AddOrder>("stock");
inline constexpr std::size_t kAddPrice = offset_of<itch::AddOrder>("price");
// Executed, Executed With Price and Cancel put their shares at the same place.
inline constexpr std::size_t kReducedShares = offset_of<itch::OrderExecuted>("executed_shares");
static_assert(kReducedShares == offset_of<itch::OrderExecutedWithPrice>("executed_shares") &&
              kReducedShares == offset_of<itch::OrderCancel>("cancelled_shares"));
inline constexpr std::size_t kReplaceNew = offset_of<itch::OrderReplace>("new_order_reference");
inline constexpr std::size_t kReplaceShares = offset_of<itch::OrderReplace>("shares");
inline constexpr std::size_t kReplacePrice = offset_of<itch::OrderReplace>("price");
inline constexpr std::size_t kDirectoryStock = offset_of<itch::StockDirectory>("stock");
inline constexpr std::size_t kTradingState = offset_of<itch::StockTradingAction>("trading_state");
inline constexpr std::size_t kExecutedPrintable =
    offset_of<itch::OrderExecutedWithPrice>("printable");
inline constexpr std::size_t kExecutedPrice =
    offset_of<itch::OrderExecutedWithPrice>("execution_price");
inline constexpr std::size_t kTradeSide = offset_of<itch::Trade>("side");
inline constexpr std::size_t kTradeShares = offset_of<itch::Trade>("shares");
inline constexpr std::size_t kTradePrice = offset_of<itch::Trade>("price");
// Every message the book reads by reference has it where Add Order does (the locate is in the
// header every layout starts with).
static_assert(kReference == offset_of<itch::OrderDelete>("order_reference") &&
              kReference == offset_of<itch::OrderReplace>("original_order_reference") &&
              kReference == offset_of<itch::OrderExecuted>("order_reference") &&
              kReference == offset_of<itch::OrderExecutedWithPrice>("order_reference") &&
              kReference == offset_of<itch::OrderCancel>("order_reference") &&
              kReference == offset_of<itch::Trade>("order_reference"));
}  // namespace itch_offsets

struct PriceLevel {
  Price price;
  Quantity quantity;
  std::uint32_t orders;
};

// One level as the book stores it: 16 bytes, four to a cache line.
struct BookLevel {
  std::uint32_t price;
  std::uint32_t orders;
  std::uint64_t shares;
};

// One side's price levels, best first. Their storage starts in the MarketBook's arena, at an
// address fixed by the stock locate, so that a handler can ask for the top of a book before it
// has read anything else about it; a side that grows deeper than its arena room moves to the heap
// (the only allocation, once per new depth record). A side outside any MarketBook (a test's)
// lives on the heap from its first level. Activity clusters at the top, so searches
// run from the best level and stop after one or two, and inserts move few levels.
class PriceLevels {
 public:
  explicit PriceLevels(Side side) : buy_(side == Side::Buy) {}
  ~PriceLevels();
  PriceLevels(const PriceLevels&) = delete;
  PriceLevels& operator=(const PriceLevels&) = delete;
  PriceLevels(PriceLevels&& other) noexcept;  // other is left empty
  PriceLevels& operator=(PriceLevels&&) = delete;

  void attach(BookLevel* storage, std::uint32_t capacity) {
    data_ = storage;
    capacity_ = capacity;
  }
  void add(std::uint32_t price, std::uint32_t shares);
  void remove(std::uint32_t price, std::uint32_t shares, bool order_gone);
  void clear() { size_ = 0; }

  std::optional<PriceLevel> best() const {
    if (size_ == 0) return std::nullopt;
    return level(0);
  }
  std::size_t depth() const { return size_; }
  // Levels from best (0) to worst.
  PriceLevel level(std::size_t from_best) const {
    const BookLevel& l = data_[from_best];
    return {l.price, static_cast<Quantity>(l.shares), l.orders};
  }

 private:
  bool better(std::uint32_t a, std::uint32_t b) const { return buy_ ? a > b : a < b; }
  void grow();

  BookLevel* data_ = nullptr;
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = 0;
  bool buy_;
  bool on_heap_ = false;
};

// One cache line: the header of an instrument's book.
struct alignas(64) InstrumentBook {
  itch::Symbol symbol{};
  bool listed = false;  // seen in a Stock Directory or an Add Order
  // As the last Stock Trading Action said: H halted, P paused, Q quotation only, T trading.
  char trading_state = 'T';
  PriceLevels bids{Side::Buy};
  PriceLevels asks{Side::Sell};
  const PriceLevels& side(Side s) const { return s == Side::Buy ? bids : asks; }
  // No order may be sent for it: halted or paused.
  bool halted() const { return trading_state == 'H' || trading_state == 'P'; }
  PriceLevels& side(Side s) { return s == Side::Buy ? bids : asks; }
};
static_assert(sizeof(InstrumentBook) == 64);

struct BookStats {
  std::uint64_t unknown_references = 0;    // about orders never added (joined late, or lost)
  std::uint64_t duplicate_references = 0;  // Add Order for a reference already live
  std::uint64_t dropped_orders = 0;        // Add Order with the order table full
  std::uint64_t invalid_messages = 0;      // wrong size for its type, or stock locate 0
  std::uint64_t other_instruments = 0;     // skipped by track_only()
};

// A printed execution (ITCH E, printable C, or P), as a strategy sees it.
struct TradePrint {
  std::uint16_t locate;
  Side aggressor;  // the side that took liquidity: opposite to the resting order's
  Price price;
  Quantity shares;
};

class MarketBook {
 public:
  static constexpr std::uint32_t kDefaultMaxOrders = 1u << 20;

  // Levels a side keeps in the arena before it moves to the heap.
  static constexpr std::uint32_t kArenaLevels = 64;

  explicit MarketBook(std::uint32_t max_orders = kDefaultMaxOrders);
  MarketBook(const MarketBook&) = delete;
  MarketBook& operator=(const MarketBook&) = delete;

  // Apply one ITCH message; returns the stock locate whose book changed, or 0 for none.
  std::uint16_t apply(std::string_view message);
  // Every order and level gone (instruments stay listed), before a snapshot rebuilds the book.
  void clear();

  // Keep only `symbol`'s book: every other instrument's messages are skipped once their stock
  // locate is read (an engine trading one instrument need not pay for the others). The locate is
  // learnt from the first Stock Directory or Add Order naming the symbol.
  void track_only(std::string_view symbol);

  // The execution `message` prints, if it is one (E; C marked printable; P) about a tracked
  // instrument. Call before apply(): an E's price and side are those of the order it executes.
  // Inline for the common answer: most messages are not executions.
  std::optional<TradePrint> trade_print(std::string_view message) const {
    if (message.empty()) return std::nullopt;
    const char type = message[0];
    if (type != itch::OrderExecuted::kType && type != itch::OrderExecutedWithPrice::kType &&
        type != itch::Trade::kType) {
      return std::nullopt;
    }
    return execution_print(message);
  }

  // Hints for a packet's messages, issued before they are applied so that their cache misses
  // overlap: prefetch() asks for the order's ring slot, the instrument's book and the top of both
  // its sides (every ITCH message carries its stock locate); prefetch_levels(), once the ring
  // slot has arrived, for the order's overflow slot if it is not in the ring.
  // No effect on the book.
  void prefetch(std::string_view message) const {
    using namespace itch_offsets;
    if (message.size() < kReference + 8) return;
    const char* m = message.data();
    const std::uint16_t locate = wire::load_u16(m + kLocate);
    if (tracking_ && locate != tracked_locate_) return;
    if (m[0] != itch::StockDirectory::kType) orders_.prefetch(wire::load_u64(m + kReference));
    vtb::prefetch(&instruments_[locate]);
    vtb::prefetch(arena_levels(locate, Side::Buy));
    vtb::prefetch(arena_levels(locate, Side::Sell));
  }
  void prefetch_overflow(std::string_view message) const {
    using namespace itch_offsets;
    if (message.size() < kReference + 8) return;
    const char* m = message.data();
    if (tracking_ && wire::load_u16(m + kLocate) != tracked_locate_) return;
    if (m[0] != itch::AddOrder::kType && m[0] != itch::AddOrderMpid::kType) {
      orders_.prefetch_overflow(wire::load_u64(m + kReference));
    }
  }

  const InstrumentBook* instrument(std::uint16_t locate) const {
    return instruments_[locate].listed ? &instruments_[locate] : nullptr;
  }
  // Locate of a symbol seen in a Stock Directory or Add Order message, or 0.
  std::uint16_t locate_of(std::string_view symbol) const;

  std::size_t live_orders() const { return orders_.size(); }
  const OrderTable& orders() const { return orders_; }
  const BookStats& stats() const { return stats_; }
  std::uint64_t unknown_order_references() const { return stats_.unknown_references; }

 private:
  InstrumentBook& book_for(std::uint16_t locate, const char* symbol);
  std::optional<TradePrint> execution_print(std::string_view message) const;  // E, C or P
  // With track_only(): whether `m` is about the tracked instrument (learning its locate).
  bool tracked(const char* m, std::size_t size);
  std::uint16_t add(const char* message);  // A or F: the same first 36 bytes
  // Takes `shares` off an order (all of them when `all`); returns its locate, 0 if unknown.
  std::uint16_t reduce(std::uint64_t reference, std::uint32_t shares, bool all);
  std::uint16_t replace(const char* message);

  BookLevel* arena_levels(std::uint16_t locate, Side side) const {
    return const_cast<BookLevel*>(arena_.data()) +
           (std::size_t{locate} * 2 + (side == Side::Sell)) * kArenaLevels;
  }

  std::vector<InstrumentBook> instruments_;  // by stock locate: all 65,536
  ZeroedArray<BookLevel> arena_;             // kArenaLevels a side for every locate
  OrderTable orders_;
  BookStats stats_;
  bool tracking_ = false;
  itch::Symbol tracked_symbol_{};
  std::uint16_t tracked_locate_ = 0;  // 0 until learnt
};

}  // namespace vtb::feed
