#pragma once
// Fetches a GLIMPSE-style snapshot (SoupBinTCP; simulator/feed_publisher/snapshot.hpp has the
// contents) and hands each ITCH message to a callback, for a feed handler's late join or recovery.
// Blocking, with one deadline for the whole exchange: for start-up and recovery, never the hot
// path.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "common/time/clock.hpp"

namespace vtb::feed {

struct SnapshotEnd {
  std::uint64_t next_sequence = 0;  // the first feed message the snapshot does not include
  std::uint64_t messages = 0;
};

// Throws std::runtime_error naming the server and what went wrong (refused, rejected login,
// malformed stream, deadline passed).
SnapshotEnd fetch_snapshot(const std::string& host, std::uint16_t port, std::string_view session,
                           Nanos timeout, const std::function<void(std::string_view)>& on_message);

}  // namespace vtb::feed
