#pragma once
// A session's live orders by ClOrdID: open addressing with linear probing over the order
// contexts' slots, the ClOrdIDs themselves read from the contexts (`key_of(slot)`). Nothing is
// allocated per order (a node-based map allocated on every insert); the table doubles when half
// full, and an erase shifts the entries behind it back, so no tombstones pile up.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace vtb::sim {

class ClOrdIdIndex {
 public:
  explicit ClOrdIdIndex(std::size_t capacity = 256) : table_(round_up(capacity)) {}

  template <class KeyOf>
  std::optional<std::uint32_t> find(std::string_view id, const KeyOf& key_of) const {
    const std::uint32_t h = hash(id);
    for (std::size_t i = h & mask(); table_[i].slot != 0; i = (i + 1) & mask()) {
      const Entry& e = table_[i];
      if (e.hash == h && key_of(e.slot - 1) == id) return e.slot - 1;
    }
    return std::nullopt;
  }
  template <class KeyOf>
  bool contains(std::string_view id, const KeyOf& key_of) const {
    return find(id, key_of).has_value();
  }

  // `slot`'s ClOrdID (key_of(slot) == id) now names it, in place of any other.
  template <class KeyOf>
  void insert(std::string_view id, std::uint32_t slot, const KeyOf& key_of) {
    if ((size_ + 1) * 2 > table_.size()) grow();
    const std::uint32_t h = hash(id);
    std::size_t i = h & mask();
    for (; table_[i].slot != 0; i = (i + 1) & mask()) {
      if (table_[i].hash == h && key_of(table_[i].slot - 1) == id) {
        table_[i].slot = slot + 1;
        return;
      }
    }
    table_[i] = Entry{h, slot + 1};
    ++size_;
  }

  // Removes `id` if it names `slot`; false when it does not.
  template <class KeyOf>
  bool erase(std::string_view id, std::uint32_t slot, const KeyOf& key_of) {
    const std::uint32_t h = hash(id);
    std::size_t i = h & mask();
    for (; table_[i].slot != 0; i = (i + 1) & mask()) {
      if (table_[i].hash == h && table_[i].slot == slot + 1 && key_of(slot) == id) break;
    }
    if (table_[i].slot == 0) return false;
    // Backward shift: an entry after the hole moves into it unless its home lies in (hole, it].
    for (std::size_t j = i;;) {
      j = (j + 1) & mask();
      if (table_[j].slot == 0) break;
      const std::size_t home = table_[j].hash & mask();
      const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (stays) continue;
      table_[i] = table_[j];
      i = j;
    }
    table_[i] = Entry{};
    --size_;
    return true;
  }

  // f(slot) for each live order, in no particular order.
  template <class F>
  void for_each(F&& f) const {
    for (const Entry& e : table_)
      if (e.slot != 0) f(e.slot - 1);
  }
  std::size_t size() const { return size_; }

  // FNV-1a: ClOrdIDs are short.
  static std::uint32_t hash(std::string_view id) {
    std::uint32_t h = 2166136261u;
    for (const char c : id)
      h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
  }

 private:
  struct Entry {
    std::uint32_t hash = 0;
    std::uint32_t slot = 0;  // the context's slot + 1; 0: empty
  };
  static std::size_t round_up(std::size_t n) {
    std::size_t c = 16;
    while (c < n)
      c *= 2;
    return c;
  }
  std::size_t mask() const { return table_.size() - 1; }
  void grow() {
    std::vector<Entry> old(table_.size() * 2);
    old.swap(table_);
    for (const Entry& e : old) {
      if (e.slot == 0) continue;
      std::size_t i = e.hash & mask();
      while (table_[i].slot != 0)
        i = (i + 1) & mask();
      table_[i] = e;
    }
  }

  std::vector<Entry> table_;
  std::size_t size_ = 0;
};

}  // namespace vtb::sim
