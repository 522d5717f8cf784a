#include "common/feed_handler/order_table.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

#include "common/hot_path/hot_code.hpp"

namespace vtb::feed {

OrderTable::OrderTable(std::uint32_t max_orders, std::size_t ring_slots)
    : ring_(std::bit_ceil(ring_slots != 0
                              ? ring_slots
                              : std::min(std::size_t{max_orders} * 2 | 2, std::size_t{1} << 22)),
            true),
      overflow_(std::bit_ceil(std::size_t{max_orders} * 2 | 2), true),
      ring_mask_(ring_.size() - 1),
      overflow_mask_(overflow_.size() - 1),
      overflow_shift_(64 - std::countr_zero(overflow_.size())),
      max_orders_(max_orders) {}

void OrderTable::clear() {
  for (auto* part : {&ring_, &overflow_})
    std::memset(static_cast<void*>(part->data()), 0, part->size() * sizeof(RestingOrder));
  ring_size_ = overflow_size_ = 0;
}

VTB_HOT bool OrderTable::insert(const RestingOrder& order) {
  RestingOrder& slot = ring_[order.reference & ring_mask_];
  // Only the ring is checked for a duplicate: a feed that re-adds a reference still live after
  // a whole ring of newer ones is broken in a way this check could not repair anyway, and
  // probing the overflow would cost every add a cache miss.
  if (size() == max_orders_ || (slot.locate != 0 && slot.reference == order.reference)) {
    return false;
  }
  if (slot.locate != 0) {
    overflow_insert(slot);  // an older order outlived its turn of the ring
  } else {
    ++ring_size_;
  }
  slot = order;
  return true;
}

VTB_HOT void OrderTable::erase(RestingOrder* order) {
  if (order >= ring_.data() && order < ring_.data() + ring_.size()) {
    order->locate = 0;
    --ring_size_;
    return;
  }
  std::size_t hole = static_cast<std::size_t>(order - overflow_.data());
  for (std::size_t next = (hole + 1) & overflow_mask_;
       overflow_[next].locate != 0 && displacement(overflow_[next], next) != 0;
       next = (next + 1) & overflow_mask_) {
    overflow_[hole] = overflow_[next];
    hole = next;
  }
  overflow_[hole].locate = 0;
  --overflow_size_;
}

VTB_HOT RestingOrder* OrderTable::overflow_find(std::uint64_t reference) {
  for (std::size_t i = home(reference), distance = 0;; i = (i + 1) & overflow_mask_, ++distance) {
    RestingOrder& slot = overflow_[i];
    if (slot.locate == 0 || displacement(slot, i) < distance) return nullptr;
    if (slot.reference == reference) return &slot;
  }
}

void OrderTable::overflow_insert(const RestingOrder& order) {
  RestingOrder carried = order;
  for (std::size_t i = home(carried.reference), distance = 0;;
       i = (i + 1) & overflow_mask_, ++distance) {
    RestingOrder& slot = overflow_[i];
    if (slot.locate == 0) {
      slot = carried;
      ++overflow_size_;
      return;
    }
    const std::size_t theirs = displacement(slot, i);
    if (theirs < distance) {  // the richer entry yields: carry it on
      std::swap(slot, carried);
      distance = theirs;
    }
  }
}

}  // namespace vtb::feed
