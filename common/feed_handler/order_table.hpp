#pragma once
// The live orders of an ITCH feed by Order Reference Number, sized once so that the feed handler
// never allocates in steady state.
//
// Exchanges number orders sequentially, and most orders die young (quotes are cancelled or
// replaced within moments), so the table has two parts:
//  - a ring indexed by the reference's low bits, where every new order goes. Consecutive orders
//    sit side by side, and the cancels and executions that follow an add closely find it in
//    memory touched moments ago.
//  - an overflow hash for the orders that outlive a turn of the ring: when a new order needs a
//    ring slot still held by an older live order, the older one moves there. It uses open
//    addressing with Robin Hood ordering (an entry nearer its home yields its slot to one further
//    from its own), so lookups of absent references stop early and erasing needs no tombstones.
// References that are not sequential (the venue's carry a pool slot in their low bits) still
// work: collisions in the ring simply send more orders to the overflow.

#include <cstddef>
#include <cstdint>

#include "common/hot_path/prefetch.hpp"
#include "common/hot_path/zeroed_array.hpp"
#include "common/market/types.hpp"

namespace vtb::feed {

struct RestingOrder {
  std::uint64_t reference = 0;
  std::uint32_t price = 0;
  std::uint32_t shares = 0;
  std::uint16_t locate = 0;  // 0 marks an empty slot: ITCH stock locates start at 1
  Side side = Side::Buy;
};

class OrderTable {
 public:
  // Room for `max_orders` live orders. The ring holds the newest `ring_slots` references (a power
  // of two; 0: twice max_orders, at most 2^22). Both parts are faulted in here, zeroed, at 24
  // bytes a slot: 96 MiB for a million orders.
  explicit OrderTable(std::uint32_t max_orders, std::size_t ring_slots = 0);

  RestingOrder* find(std::uint64_t reference) {
    RestingOrder& slot = ring_[reference & ring_mask_];
    if (slot.reference == reference && slot.locate != 0) return &slot;
    return overflow_size_ == 0 ? nullptr : overflow_find(reference);
  }
  const RestingOrder* find(std::uint64_t reference) const {
    return const_cast<OrderTable*>(this)->find(reference);
  }

  // Stores `order` (its locate must not be 0). False when its reference is already in the ring
  // or the table holds max_orders. May move one other order, invalidating pointers to it.
  bool insert(const RestingOrder& order);

  void clear();

  // Invalidates pointers to other orders: overflow entries after it may move back.
  void erase(RestingOrder* order);

  // Two steps, for a caller that can wait between them: the ring slot; then, once that has
  // arrived, the overflow slot if the order is not in the ring.
  void prefetch(std::uint64_t reference) const { vtb::prefetch(&ring_[reference & ring_mask_]); }
  void prefetch_overflow(std::uint64_t reference) const {
    const RestingOrder& slot = ring_[reference & ring_mask_];
    if (overflow_size_ != 0 && (slot.reference != reference || slot.locate == 0)) {
      vtb::prefetch(&overflow_[home(reference)]);
    }
  }

  std::size_t size() const { return ring_size_ + overflow_size_; }
  std::uint32_t max_orders() const { return max_orders_; }

  template <class F>
  void for_each(F&& f) const {
    for (const auto* part : {&ring_, &overflow_})
      for (const RestingOrder& slot : *part)
        if (slot.locate != 0) f(slot);
  }

 private:
  using Slots = ZeroedArray<RestingOrder>;

  std::size_t home(std::uint64_t reference) const {
    return (reference * 0x9E3779B97F4A7C15ull) >> overflow_shift_;  // Fibonacci hashing
  }
  std::size_t displacement(const RestingOrder& slot, std::size_t index) const {
    return (index - home(slot.reference)) & overflow_mask_;
  }
  RestingOrder* overflow_find(std::uint64_t reference);
  void overflow_insert(const RestingOrder& order);

  Slots ring_;
  Slots overflow_;
  std::size_t ring_mask_;
  std::size_t overflow_mask_;
  int overflow_shift_;
  std::size_t ring_size_ = 0;
  std::size_t overflow_size_ = 0;
  std::uint32_t max_orders_;
};

}  // namespace vtb::feed
