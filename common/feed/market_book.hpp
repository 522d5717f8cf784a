#pragma once
// The order-level book an ITCH 5.0 feed describes, for every instrument on the feed, with a
// price-level view per side. Built by the feed handler, read by strategies.

#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/itch/messages.hpp"
#include "common/market/types.hpp"

namespace vtb::feed {

struct PriceLevel {
  Price price;
  Quantity quantity;
  std::uint32_t orders;
};

// One side's price levels, best last, so the common case (activity at the top) touches the end.
class PriceLevels {
 public:
  explicit PriceLevels(Side side) : side_(side) {}
  void add(Price price, Quantity quantity);
  void remove(Price price, Quantity quantity, bool order_gone);
  std::optional<PriceLevel> best() const {
    if (levels_.empty()) return std::nullopt;
    return levels_.back();
  }
  // Levels from best to worst.
  std::size_t depth() const { return levels_.size(); }
  const PriceLevel& level(std::size_t from_best) const {
    return levels_[levels_.size() - 1 - from_best];
  }

 private:
  bool better(Price a, Price b) const { return side_ == Side::Buy ? a > b : a < b; }
  Side side_;
  std::vector<PriceLevel> levels_;
};

struct InstrumentBook {
  itch::Symbol symbol{};
  PriceLevels bids{Side::Buy};
  PriceLevels asks{Side::Sell};
  const PriceLevels& side(Side s) const { return s == Side::Buy ? bids : asks; }
  PriceLevels& side(Side s) { return s == Side::Buy ? bids : asks; }
};

class MarketBook {
 public:
  MarketBook();

  // Apply one ITCH message; returns the stock locate whose book changed, or 0 for none.
  std::uint16_t apply(std::string_view message);

  const InstrumentBook* instrument(std::uint16_t locate) const;
  // Locate of a symbol seen in a Stock Directory or Add Order message, or 0.
  std::uint16_t locate_of(std::string_view symbol) const;

  std::size_t live_orders() const { return orders_.size(); }
  // Messages about orders this book never saw added (joined late, or lost packets).
  std::uint64_t unknown_order_references() const { return unknown_references_; }

 private:
  struct RestingOrder {
    std::uint16_t locate;
    Side side;
    Price price;
    Quantity shares;
  };

  InstrumentBook& book_for(std::uint16_t locate, const itch::Symbol* symbol);
  void add(std::uint64_t reference, std::uint16_t locate, char side, std::uint32_t shares,
           const itch::Symbol& stock, std::uint32_t price);
  // Removes `shares` (all when nullopt) from an order; returns its locate, 0 if unknown.
  std::uint16_t reduce(std::uint64_t reference, std::optional<Quantity> shares);

  std::vector<InstrumentBook> instruments_;  // by stock locate
  std::unordered_map<std::uint64_t, RestingOrder> orders_;
  std::uint64_t unknown_references_ = 0;
};

}  // namespace vtb::feed
