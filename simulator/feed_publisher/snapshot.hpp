#pragma once
// The GLIMPSE-style snapshot of the venue's book for receivers that join late or lost more than
// re-requests can fill: the ITCH 5.0 messages that rebuild the book from nothing, each in a
// SoupBinTCP Sequenced Data packet, then End of Snapshot ('G') carrying the MoldUDP64 sequence
// number of the first feed message the snapshot does not include.
//
// Contents, per instrument in locate order: Stock Directory (R), Stock Trading Action (H) with
// its phase, then an Add Order (A) for every displayed resting order, bids then asks, best price
// first and each level in time priority, under the order's feed reference and with the shares it
// shows (Add Order with MPID, F, for an attributed owner's orders, as on the feed). Hidden
// quantity and pending stops are never shown, as on the feed.

#include <cstdint>
#include <string>
#include <vector>

#include "common/time/clock.hpp"
#include "simulator/feed_publisher/attribution.hpp"
#include "simulator/matching/instrument.hpp"
#include "simulator/matching/matching_engine.hpp"

namespace vtb::sim {

inline constexpr char kEndOfSnapshot = 'G';  // GLIMPSE: type, then 20 ASCII digits

// The snapshot as SoupBinTCP packets. `next_sequence` must be the feed's next sequence number
// with every earlier message already sent (flush the publisher first).
std::string glimpse_snapshot(const MatchingEngine& engine,
                             const std::vector<Instrument>& instruments,
                             std::uint64_t next_sequence, Nanos wall,
                             const Attributions* attributions = nullptr);

}  // namespace vtb::sim
