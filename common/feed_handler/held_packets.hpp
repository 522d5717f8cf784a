#pragma once
// The packets a feed handler holds while a gap before them is being recovered: whole MoldUDP64
// datagrams in one buffer sized once, so holding allocates nothing. Each is taken back out, in
// sequence order whatever order they arrived in, as soon as the gap before it is filled.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "common/moldudp64/packet.hpp"
#include "common/wire/big_endian.hpp"

namespace vtb::feed {

class HeldPackets {
 public:
  enum class Held : std::uint8_t { yes, duplicate, no_room };

  explicit HeldPackets(std::size_t bytes) : bytes_(bytes) {}

  bool empty() const { return used_ == 0; }

  // Keeps a copy of the datagram, unless the same one is held already (the other feed's copy)
  // or there is no room left.
  Held hold(std::string_view datagram) {
    for (std::size_t at = 0; at < used_;) {
      const std::uint32_t size = size_at(at);
      if (size == datagram.size() && std::memcmp(&bytes_[at + 4], datagram.data(), size) == 0) {
        return Held::duplicate;
      }
      at += size == 0 ? spent_size(at) : 4 + size;
    }
    if (used_ + 4 + datagram.size() > bytes_.size()) return Held::no_room;
    const auto size = static_cast<std::uint32_t>(datagram.size());
    std::memcpy(&bytes_[used_], &size, sizeof size);
    std::memcpy(&bytes_[used_ + 4], datagram.data(), size);
    used_ += 4 + size;
    ++count_;
    return Held::yes;
  }

  // Offers every held packet to take(PacketReader&), which returns whether it took it (a packet
  // still beyond the gap is left), again and again while any is taken: taking one may close the
  // gap before another that arrived earlier.
  template <class Take>
  void take_ready(Take&& take) {
    for (bool progress = true; progress && count_ != 0;) {
      progress = false;
      for (std::size_t at = 0; at < used_;) {
        const std::uint32_t size = size_at(at);
        if (size == 0) {
          at += spent_size(at);
          continue;
        }
        auto packet = moldudp64::PacketReader::parse({&bytes_[at + 4], size});
        if (take(*packet)) {
          spend(at, size);
          progress = true;
        }
        at += 4 + size;
      }
    }
    if (count_ == 0) used_ = 0;
  }

  // The lowest first sequence number of a held packet above `after`, else `otherwise`: where a
  // run of missing messages starting at `after` ends.
  std::uint64_t first_sequence_after(std::uint64_t after, std::uint64_t otherwise) const {
    std::uint64_t first = otherwise;
    for (std::size_t at = 0; at < used_;) {
      const std::uint32_t size = size_at(at);
      if (size == 0) {
        at += spent_size(at);
        continue;
      }
      const std::uint64_t sequence = wire::load_u64(&bytes_[at + 4 + moldudp64::kSequenceOffset]);
      if (sequence > after && sequence < first) first = sequence;
      at += 4 + size;
    }
    return first;
  }

 private:
  // Entries: [u32 size][datagram], in arrival order. A spent one has size 0, and its size again
  // in the next four bytes so that walks can step over it.
  std::uint32_t size_at(std::size_t at) const {
    std::uint32_t size;
    std::memcpy(&size, &bytes_[at], sizeof size);
    return size;
  }
  std::size_t spent_size(std::size_t at) const { return 4 + size_at(at + 4); }
  void spend(std::size_t at, std::uint32_t size) {
    const std::uint32_t zero = 0;
    std::memcpy(&bytes_[at], &zero, sizeof zero);
    std::memcpy(&bytes_[at + 4], &size, sizeof size);
    --count_;
  }

  std::vector<char> bytes_;
  std::size_t used_ = 0;
  std::size_t count_ = 0;
};

}  // namespace vtb::feed
