#pragma once
// Which order owners' resting orders the feed attributes: a FIX session configured with an MPID
// (a 4-character market participant id) has its orders published as Add Order with MPID (F)
// instead of Add Order (A), on the feed and in snapshots.

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "simulator/matching/order.hpp"

namespace vtb::sim {

using Mpid = std::array<char, 4>;

class Attributions {
 public:
  void set(OwnerId owner, std::string_view mpid) {
    if (owner >= by_owner_.size()) by_owner_.resize(owner + 1);
    Mpid m{' ', ' ', ' ', ' '};
    for (std::size_t i = 0; i < m.size() && i < mpid.size(); ++i)
      m[i] = mpid[i];
    by_owner_[owner] = Entry{true, m};
  }
  // The owner's MPID, or nullptr for an anonymous owner.
  const Mpid* find(OwnerId owner) const {
    return owner < by_owner_.size() && by_owner_[owner].set ? &by_owner_[owner].mpid : nullptr;
  }

 private:
  struct Entry {
    bool set = false;
    Mpid mpid{};
  };
  std::vector<Entry> by_owner_;  // FIX sessions are owners 1..N: a short vector
};

}  // namespace vtb::sim
