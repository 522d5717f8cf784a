#pragma once
// What the engine reports at the end of a run: the counts, the feed's health and the latency
// distributions, printed for a person and written as JSON (--summary-json) from the same struct.

#include <cstdint>
#include <cstdio>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "common/feed_handler/feed_handler.hpp"
#include "common/stats/latency_histogram.hpp"
#include "engine/engine_stats.hpp"
#include "engine/risk/risk_limits.hpp"

namespace vtb::engine {

// One latency distribution, with what it measures and what measured it.
struct LatencySummary {
  const char* definition = "";
  const char* label = nullptr;  // "clock" (of an interval) or "source" (of a receive timestamp)
  std::string labelled;
  std::uint64_t count = 0;
  std::int64_t min = 0, p50 = 0, p90 = 0, p99 = 0, p999 = 0, max = 0;
  std::vector<std::pair<std::int64_t, std::uint64_t>> buckets;  // (upper edge, count), non-empty

  static LatencySummary of(const LatencyHistogram& h, const char* definition, const char* label,
                           std::string labelled);
};

struct EngineSummary {
  EngineStats engine;
  const char* strategy = "";
  bool bid_live = false, ask_live = false;  // resting orders at the end
  std::size_t open_orders_at_end = 0;
  RiskStats risk;
  bool killed = false;
  std::string kill_reason;
  std::string end_reason;
  std::uint64_t fix_reconnections = 0;
  feed::FeedStats feed;
  std::uint64_t unknown_order_references = 0;
  LatencySummary tick_to_trade, tick_to_decision, decision_to_send, tick_to_trade_rx;
};

nlohmann::json to_json(const EngineSummary& summary);
void print_summary(const EngineSummary& summary, std::FILE* out);

}  // namespace vtb::engine
