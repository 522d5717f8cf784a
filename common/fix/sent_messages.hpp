#pragma once
// The messages a session keeps for resend, by sequence number: their bytes back to back in 1 MiB
// blocks that never move, and each one's place in blocks of 64 Ki entries. Storing a message
// copies its bytes; memory is allocated only when a block fills, so storing costs no allocation
// per message and growing never copies what is already stored (a vector of strings did both).

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace vtb::fix {

class SentMessages {
 public:
  void put(std::uint64_t seq, std::string_view message);
  std::optional<std::string_view> get(std::uint64_t seq) const;
  // Forgets every message numbered `next` or above.
  void truncate(std::uint64_t next);
  void clear();
  // One past the highest sequence number stored (1: none).
  std::uint64_t end() const { return end_; }
  std::size_t bytes() const { return blocks_.size() * kBlock; }  // held, roughly

 private:
  static constexpr std::size_t kBlock = 1 << 20;
  static constexpr std::size_t kPlacesPerBlock = 1 << 16;
  struct Place {
    std::uint32_t block = 0, offset = 0, length = 0;  // length 0: nothing stored
  };

  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = kBlock;  // in the last block: the first put starts one
  std::vector<std::unique_ptr<Place[]>> places_;
  std::uint64_t end_ = 1;
};

}  // namespace vtb::fix
