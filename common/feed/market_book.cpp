#include "common/feed/market_book.hpp"

#include <algorithm>

namespace vtb::feed {

void PriceLevels::add(Price price, Quantity quantity) {
  // Search from the best end: new orders cluster near the top of the book.
  auto it = levels_.end();
  while (it != levels_.begin() && better((it - 1)->price, price))
    --it;
  if (it != levels_.begin() && (it - 1)->price == price) {
    (it - 1)->quantity += quantity;
    (it - 1)->orders += 1;
    return;
  }
  levels_.insert(it, PriceLevel{price, quantity, 1});
}

void PriceLevels::remove(Price price, Quantity quantity, bool order_gone) {
  for (auto it = levels_.end(); it != levels_.begin();) {
    --it;
    if (it->price != price) continue;
    it->quantity -= quantity;
    if (order_gone) it->orders -= 1;
    if (it->orders == 0 || it->quantity <= 0) levels_.erase(it);
    return;
  }
}

MarketBook::MarketBook() {
  orders_.reserve(1 << 16);
}

InstrumentBook& MarketBook::book_for(std::uint16_t locate, const itch::Symbol* symbol) {
  if (locate >= instruments_.size()) instruments_.resize(locate + 1u);
  InstrumentBook& book = instruments_[locate];
  if (symbol) book.symbol = *symbol;
  return book;
}

const InstrumentBook* MarketBook::instrument(std::uint16_t locate) const {
  return locate < instruments_.size() ? &instruments_[locate] : nullptr;
}

std::uint16_t MarketBook::locate_of(std::string_view symbol) const {
  for (std::size_t i = 1; i < instruments_.size(); ++i) {
    if (itch::symbol_text(instruments_[i].symbol) == symbol) return static_cast<std::uint16_t>(i);
  }
  return 0;
}

void MarketBook::add(std::uint64_t reference, std::uint16_t locate, char side, std::uint32_t shares,
                     const itch::Symbol& stock, std::uint32_t price) {
  const Side s = side == 'S' ? Side::Sell : Side::Buy;
  book_for(locate, &stock).side(s).add(price, shares);
  orders_[reference] = RestingOrder{locate, s, static_cast<Price>(price), shares};
}

std::uint16_t MarketBook::reduce(std::uint64_t reference, std::optional<Quantity> shares) {
  const auto it = orders_.find(reference);
  if (it == orders_.end()) {
    ++unknown_references_;
    return 0;
  }
  RestingOrder& order = it->second;
  const Quantity removed = shares ? std::min(*shares, order.shares) : order.shares;
  const bool gone = removed == order.shares;
  const std::uint16_t locate = order.locate;
  instruments_[locate].side(order.side).remove(order.price, removed, gone);
  if (gone) {
    orders_.erase(it);
  } else {
    order.shares -= removed;
  }
  return locate;
}

std::uint16_t MarketBook::apply(std::string_view message) {
  if (message.empty()) return 0;
  switch (message[0]) {
    case itch::AddOrder::kType: {
      itch::AddOrder m;
      if (!itch::decode(message, m)) return 0;
      add(m.order_reference, m.header.stock_locate, m.side, m.shares, m.stock, m.price);
      return m.header.stock_locate;
    }
    case itch::AddOrderMpid::kType: {
      itch::AddOrderMpid m;
      if (!itch::decode(message, m)) return 0;
      add(m.order_reference, m.header.stock_locate, m.side, m.shares, m.stock, m.price);
      return m.header.stock_locate;
    }
    case itch::OrderExecuted::kType: {
      itch::OrderExecuted m;
      if (!itch::decode(message, m)) return 0;
      return reduce(m.order_reference, m.executed_shares);
    }
    case itch::OrderExecutedWithPrice::kType: {
      itch::OrderExecutedWithPrice m;
      if (!itch::decode(message, m)) return 0;
      return reduce(m.order_reference, m.executed_shares);
    }
    case itch::OrderCancel::kType: {
      itch::OrderCancel m;
      if (!itch::decode(message, m)) return 0;
      return reduce(m.order_reference, m.cancelled_shares);
    }
    case itch::OrderDelete::kType: {
      itch::OrderDelete m;
      if (!itch::decode(message, m)) return 0;
      return reduce(m.order_reference, std::nullopt);
    }
    case itch::OrderReplace::kType: {
      itch::OrderReplace m;
      if (!itch::decode(message, m)) return 0;
      const auto it = orders_.find(m.original_order_reference);
      if (it == orders_.end()) {
        ++unknown_references_;
        return 0;
      }
      const RestingOrder old = it->second;
      reduce(m.original_order_reference, std::nullopt);
      InstrumentBook& book = instruments_[old.locate];
      book.side(old.side).add(m.price, m.shares);
      orders_[m.new_order_reference] =
          RestingOrder{old.locate, old.side, static_cast<Price>(m.price), m.shares};
      return old.locate;
    }
    case itch::StockDirectory::kType: {
      itch::StockDirectory m;
      if (itch::decode(message, m)) book_for(m.header.stock_locate, &m.stock);
      return 0;
    }
    default:
      return 0;
  }
}

}  // namespace vtb::feed
