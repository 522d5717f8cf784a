#include "tools/capture/feed_arrivals.hpp"

#include <algorithm>

namespace vtb::capture {

bool FeedArrivals::first_arrival(std::uint64_t sequence, Nanos time) {
  if (first_arrival_.empty()) first_sequence_ = sequence;
  if (sequence < first_sequence_) return false;  // before the first message seen: not kept
  const std::uint64_t index = sequence - first_sequence_;
  if (index >= first_arrival_.size()) {
    // A sequence number more than 2^28 messages (2 GiB of times) past the first one seen is taken
    // for garbage rather than allocated for.
    if (index > (std::uint64_t{1} << 28)) return false;
    if (index >= first_arrival_.capacity())
      first_arrival_.reserve(std::max<std::size_t>(index + 1, first_arrival_.capacity() * 2));
    first_arrival_.resize(index + 1, 0);
    if (bound_ != 0 && first_arrival_.size() > 2 * bound_) {  // drop the older half, in one go
      const std::size_t drop = first_arrival_.size() - bound_;
      first_arrival_.erase(first_arrival_.begin(),
                           first_arrival_.begin() + static_cast<std::ptrdiff_t>(drop));
      first_sequence_ += drop;
      return first_arrival(sequence, time);
    }
  }
  if (first_arrival_[index] != 0) return false;
  first_arrival_[index] = time;
  ++messages_;
  return true;
}

}  // namespace vtb::capture
