#pragma once
// What the venue reports at the end of a run, from its parts' own counters: printed for a person
// and written as JSON (--summary-json) from the same struct.

#include <cstdint>
#include <cstdio>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "simulator/feed_publisher/feed_history.hpp"
#include "simulator/feed_publisher/itch_publisher.hpp"
#include "simulator/feed_publisher/snapshot_server.hpp"
#include "simulator/gateway/fix_acceptor.hpp"
#include "simulator/gateway/order_entry.hpp"
#include "simulator/matching/matching_engine.hpp"

namespace vtb::sim {

struct JournalSummary {
  std::uint64_t inputs = 0, outputs = 0, bytes = 0;
  std::string error;
};

struct AgentsSummary {
  std::uint64_t steps = 0;
  std::size_t market_makers = 0, noise_takers = 0;
  std::uint64_t noise_orders = 0;
};

struct VenueSummary {
  std::size_t sessions_configured = 0;
  std::uint64_t logons = 0;
  AcceptorStats acceptor;
  OrderEntryStats order_entry;
  JournalSummary journal;
  MatchingStats matching;
  PublisherStats publisher;
  std::uint64_t next_sequence = 0;
  std::uint64_t send_errors = 0;
  FeedHistoryStats retransmission;
  SnapshotServerStats snapshots;
  AgentsSummary agents;
};

nlohmann::json to_json(const VenueSummary& summary);
void print_summary(const VenueSummary& summary, std::FILE* out);

}  // namespace vtb::sim
