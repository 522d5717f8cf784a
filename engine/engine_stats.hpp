#pragma once
// What the engine counts as it trades: its summary and its metrics report these.

#include <cstdint>

namespace vtb::engine {

struct EngineStats {
  std::uint64_t orders_sent = 0;
  std::uint64_t acknowledged = 0;
  std::uint64_t fills = 0;
  std::int64_t filled_quantity = 0;
  std::uint64_t rejected = 0;
  std::uint64_t session_rejects = 0;
  std::uint64_t business_rejects = 0;  // BusinessMessageReject (35=j) received
  std::uint64_t canceled = 0;          // IOC remainders
  std::int64_t position = 0;
  // Decisions not carried out because the feed had a gap: a trigger whose strategy wanted to act,
  // counted once however many actions it returned.
  std::uint64_t skipped_gap = 0;
  // New orders and replaces not sent because the instrument was halted or paused (ITCH H).
  std::uint64_t skipped_halted = 0;
  std::uint64_t orders_unanswered = 0;  // no final ExecutionReport within the order timeout
  std::uint64_t not_sent = 0;  // accepted by risk, refused by the session (not logged on, or full)
  std::uint64_t replaces_sent = 0;      // market maker: quotes moved
  std::uint64_t cancels_sent = 0;       // market maker: quotes pulled
  std::uint64_t mass_cancels_sent = 0;  // quotes pulled after a reconnection
};

}  // namespace vtb::engine
