#include "simulator/matching/stop_book.hpp"

#include <algorithm>

#include "simulator/matching/order_pool.hpp"

namespace vtb::sim {

void StopBook::insert(const OrderPool& pool, std::uint32_t index) {
  const OrderRequest& request = pool[index].request;
  const Price stop = request.stop_price;
  auto& stops = request.side == Side::Buy ? buys_ : sells_;
  // Front to back: buys by stop price descending, sells ascending; a new order goes in front of
  // those with its stop price, which came earlier and trigger before it.
  const bool buy = request.side == Side::Buy;
  const auto at = std::partition_point(stops.begin(), stops.end(), [&](std::uint32_t other) {
    const Price p = pool[other].request.stop_price;
    return buy ? p > stop : p < stop;
  });
  stops.insert(at, index);
}

void StopBook::remove(const OrderPool& pool, std::uint32_t index) {
  auto& stops = pool[index].request.side == Side::Buy ? buys_ : sells_;
  const auto it = std::find(stops.begin(), stops.end(), index);
  if (it != stops.end()) stops.erase(it);
}

std::uint32_t StopBook::pop_triggered(const OrderPool& pool, Price last) {
  if (!buys_.empty() && pool[buys_.back()].request.stop_price <= last) {
    const std::uint32_t index = buys_.back();
    buys_.pop_back();
    return index;
  }
  if (!sells_.empty() && pool[sells_.back()].request.stop_price >= last) {
    const std::uint32_t index = sells_.back();
    sells_.pop_back();
    return index;
  }
  return kNoOrder;
}

}  // namespace vtb::sim
