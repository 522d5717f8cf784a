#include "common/fix/sent_messages.hpp"

#include <algorithm>
#include <cstring>

namespace vtb::fix {

void SentMessages::put(std::uint64_t seq, std::string_view message) {
  if (seq == 0 || message.empty()) return;
  if (used_ + message.size() > kBlock || message.size() > kBlock) {
    // Not zeroed: every byte is written before it is read.
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(std::max(kBlock, message.size())));
    used_ = 0;
  }
  char* at = blocks_.back().get() + used_;
  std::memcpy(at, message.data(), message.size());
  const std::size_t n = seq - 1;
  while (places_.size() <= n / kPlacesPerBlock)
    places_.push_back(std::make_unique<Place[]>(kPlacesPerBlock));
  places_[n / kPlacesPerBlock][n % kPlacesPerBlock] =
      Place{static_cast<std::uint32_t>(blocks_.size() - 1), static_cast<std::uint32_t>(used_),
            static_cast<std::uint32_t>(message.size())};
  used_ += message.size();
  end_ = std::max(end_, seq + 1);
}

std::optional<std::string_view> SentMessages::get(std::uint64_t seq) const {
  if (seq == 0 || seq >= end_) return std::nullopt;
  const std::size_t n = seq - 1;
  const Place& p = places_[n / kPlacesPerBlock][n % kPlacesPerBlock];
  if (p.length == 0) return std::nullopt;
  return std::string_view(blocks_[p.block].get() + p.offset, p.length);
}

void SentMessages::truncate(std::uint64_t next) {
  if (next == 0) next = 1;
  for (std::uint64_t seq = next; seq < end_; ++seq) {
    const std::size_t n = seq - 1;
    places_[n / kPlacesPerBlock][n % kPlacesPerBlock] = Place{};
  }
  end_ = std::min(end_, next);
}

void SentMessages::clear() {
  blocks_.clear();
  places_.clear();
  used_ = kBlock;
  end_ = 1;
}

}  // namespace vtb::fix
