#pragma once
// A ClOrdID held in place (no allocation): the engine's ids are a sequence number and a short
// suffix, well under the 23 characters kept.

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "common/fix/values.hpp"

namespace vtb::engine {

class ClOrdId {
 public:
  static constexpr std::size_t kMax = 23;

  ClOrdId() = default;
  explicit ClOrdId(std::string_view id) { assign(id); }

  // False (and nothing kept) for an id longer than kMax.
  bool assign(std::string_view id) {
    if (id.size() > kMax) return false;
    std::memcpy(text_.data(), id.data(), id.size());
    length_ = static_cast<std::uint8_t>(id.size());
    return true;
  }
  std::string_view view() const { return {text_.data(), length_}; }
  bool operator==(std::string_view other) const { return view() == other; }

 private:
  std::array<char, kMax> text_{};
  std::uint8_t length_ = 0;
};

// OrdStatus(39) values after which an order is over.
inline bool ends_order(char ord_status) {
  namespace status = fix::ord_status;
  return ord_status == status::Filled || ord_status == status::Canceled ||
         ord_status == status::Rejected || ord_status == status::Expired;
}

}  // namespace vtb::engine
