#pragma once
// Order id -> pool index, without a heap node per order: open addressing with linear probing in
// one power-of-two array, deletion by backward shift (no tombstones), grown at half full. Ids are
// never 0 (0 marks an empty slot). Allocates only when it grows.

#include <cstdint>
#include <vector>

#include "simulator/matching/order.hpp"

namespace vtb::sim {

class OrderIndex {
 public:
  explicit OrderIndex(std::size_t capacity = 1 << 16) { slots_.resize(round_up(capacity)); }

  void insert(OrderId id, std::uint32_t index) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    std::size_t i = home(id);
    while (slots_[i].id != 0 && slots_[i].id != id)
      i = (i + 1) & mask();
    if (slots_[i].id == 0) ++size_;
    slots_[i] = {id, index};
  }

  std::uint32_t find(OrderId id) const {
    for (std::size_t i = home(id);; i = (i + 1) & mask()) {
      if (slots_[i].id == id) return slots_[i].index;
      if (slots_[i].id == 0) return kNoOrder;
    }
  }

  void erase(OrderId id) {
    std::size_t i = home(id);
    while (slots_[i].id != id) {
      if (slots_[i].id == 0) return;
      i = (i + 1) & mask();
    }
    // Pull later entries of the probe run back into the hole, so lookups never need tombstones.
    for (std::size_t j = (i + 1) & mask(); slots_[j].id != 0; j = (j + 1) & mask()) {
      const std::size_t want = home(slots_[j].id);
      // Move j into i when its home is not in the cyclic range (i, j].
      const bool stays = i <= j ? (want > i && want <= j) : (want > i || want <= j);
      if (!stays) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i] = {};
    --size_;
  }

  std::size_t size() const { return size_; }

 private:
  struct Slot {
    OrderId id = 0;
    std::uint32_t index = 0;
  };

  static std::size_t round_up(std::size_t n) {
    std::size_t c = 16;
    while (c < n)
      c <<= 1;
    return c;
  }
  std::size_t mask() const { return slots_.size() - 1; }
  std::size_t home(OrderId id) const {
    return static_cast<std::size_t>((id * 0x9E3779B97F4A7C15ULL) >> 20) & mask();
  }
  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    size_ = 0;
    for (const Slot& s : old) {
      if (s.id != 0) insert(s.id, s.index);
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace vtb::sim
