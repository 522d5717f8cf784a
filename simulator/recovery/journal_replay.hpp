#pragma once
// A restarted venue's state, rebuilt from its journal (docs/RECOVERY.md): the journal is read up
// to its last commit; core inputs go to the matching core as they were recorded, FIX application
// messages to the order entry (which makes the core inputs they caused again, and rebuilds its
// own state: each live order's ClOrdID and what it echoes), and the outputs the core gives are
// checked against those recorded. Whatever follows the last commit never left the venue and is
// dropped.

#include <cstdint>
#include <string>
#include <vector>

#include "simulator/gateway/order_entry.hpp"
#include "simulator/journal/journal.hpp"
#include "simulator/matching/matching_engine.hpp"

namespace vtb::sim {

struct JournalReplay {
  std::uint64_t inputs = 0;            // core inputs replayed as recorded
  std::uint64_t gateway_messages = 0;  // FIX messages acted on again
  std::uint64_t outputs = 0;           // core outputs, recorded and replayed alike
  std::uint64_t commits = 0;
  std::size_t resume_at = 0;  // the byte offset the journal goes on from (its last commit's end)
  std::size_t dropped_bytes = 0;  // after the last commit: never seen outside
  std::uint64_t feed_next = 0;    // the feed's next sequence number at the last commit (0: none)
  // Each session's numbers at the last commit that moved them, by session index (0, 0: none).
  std::vector<journal::SessionMark> sessions;
};

// Replays `path` into `engine` (with `order_entry` among its listeners, its sessions muted).
// `instruments` and `initial_phase` must be the journal's. Throws std::runtime_error naming the
// file for a journal that cannot be read or a replay that does not give the recorded outputs.
JournalReplay replay_journal(const std::string& path, const std::vector<Instrument>& instruments,
                             TradingPhase initial_phase, std::size_t sessions,
                             MatchingEngine& engine, OrderEntry& order_entry);

}  // namespace vtb::sim
