#include "engine/engine_summary.hpp"

#include <nlohmann/json.hpp>

namespace vtb::engine {

LatencySummary LatencySummary::of(const LatencyHistogram& h, const char* definition,
                                  const char* label, std::string labelled) {
  LatencySummary s{definition,
                   label,
                   std::move(labelled),
                   h.count(),
                   h.min(),
                   h.percentile(0.50),
                   h.percentile(0.90),
                   h.percentile(0.99),
                   h.percentile(0.999),
                   h.max(),
                   {}};
  h.for_each_bucket([&](std::int64_t edge, std::uint64_t n) { s.buckets.emplace_back(edge, n); });
  return s;
}

namespace {

nlohmann::json latency_json(const LatencySummary& l) {
  nlohmann::json j = {{"definition", l.definition},
                      {"count", l.count},
                      {"min", l.min},
                      {"p50", l.p50},
                      {"p90", l.p90},
                      {"p99", l.p99},
                      {"p999", l.p999},
                      {"max", l.max},
                      {"buckets", l.buckets}};  // [[upper edge ns, count], ...]
  if (l.label) j[l.label] = l.labelled;
  return j;
}

}  // namespace

nlohmann::json to_json(const EngineSummary& s) {
  const EngineStats& e = s.engine;
  const feed::FeedStats& f = s.feed;
  return {
      {"orders_sent", e.orders_sent},
      {"acknowledged", e.acknowledged},
      {"fills", e.fills},
      {"filled_quantity", e.filled_quantity},
      {"rejected", e.rejected},
      {"session_rejects", e.session_rejects},
      {"business_rejects", e.business_rejects},
      {"canceled", e.canceled},
      {"position", e.position},
      {"triggers_skipped_for_gap", e.skipped_gap},
      {"orders_skipped_while_halted", e.skipped_halted},
      {"orders_unanswered", e.orders_unanswered},
      {"orders_not_sent", e.not_sent},
      {"strategy", s.strategy},
      {"quotes",
       {{"replaces_sent", e.replaces_sent},
        {"cancels_sent", e.cancels_sent},
        {"mass_cancels_sent", e.mass_cancels_sent},
        {"bid_live", s.bid_live},
        {"ask_live", s.ask_live}}},
      {"open_orders_at_end", s.open_orders_at_end},
      {"risk",
       {{"accepted", s.risk.accepted},
        {"refused_kill_switch", s.risk.killed},
        {"refused_position", s.risk.position},
        {"refused_rate", s.risk.rate},
        {"refused_open_orders", s.risk.open_orders},
        {"refused_collar", s.risk.collar},
        {"killed", s.killed},
        {"kill_reason", s.kill_reason}}},
      {"end_reason", s.end_reason},
      {"fix_reconnections", s.fix_reconnections},
      {"feed",
       {{"packets", f.packets},
        {"messages", f.messages},
        {"duplicate_messages", f.duplicate_messages},
        {"gaps", f.gaps},
        {"recovered_gaps", f.recovered_gaps},
        {"retransmission_requests", f.retransmission_requests},
        {"held_packets", f.held_packets},
        {"snapshots", f.snapshots},
        {"lost_messages", f.lost_messages},
        {"malformed_packets", f.malformed_packets},
        {"unknown_order_references", s.unknown_order_references}}},
      {"tick_to_trade_internal_ns", latency_json(s.tick_to_trade)},
      {"tick_to_decision_ns", latency_json(s.tick_to_decision)},
      {"decision_to_send_ns", latency_json(s.decision_to_send)},
      {"tick_to_trade_from_rx_timestamp_ns", latency_json(s.tick_to_trade_rx)},
  };
}

void print_summary(const EngineSummary& s, std::FILE* out) {
  const EngineStats& e = s.engine;
  const auto u = [](std::uint64_t v) { return static_cast<unsigned long long>(v); };
  const auto i = [](std::int64_t v) { return static_cast<long long>(v); };
  std::fprintf(out, "engine summary\n");
  std::fprintf(out,
               "  orders       sent %llu, acknowledged %llu, fills %llu (quantity %lld), "
               "IOC canceled %llu, rejected %llu, position %lld\n",
               u(e.orders_sent), u(e.acknowledged), u(e.fills), i(e.filled_quantity), u(e.canceled),
               u(e.rejected), i(e.position));
  std::fprintf(out,
               "  feed         %llu packets, %llu messages, %llu duplicates (A/B), %llu gaps\n",
               u(s.feed.packets), u(s.feed.messages), u(s.feed.duplicate_messages), u(s.feed.gaps));
  const LatencySummary& t = s.tick_to_trade;
  std::fprintf(out, "  tick-to-trade, internal (%s; clock: %s):\n", t.definition,
               t.labelled.c_str());
  std::fprintf(out,
               "               n=%llu  min %lld ns  p50 %lld ns  p90 %lld ns  p99 %lld ns  "
               "p99.9 %lld ns  max %lld ns\n",
               u(t.count), i(t.min), i(t.p50), i(t.p90), i(t.p99), i(t.p999), i(t.max));
  for (const auto& [part, label] : {std::pair{&s.tick_to_decision, "to the decision "},
                                    std::pair{&s.decision_to_send, "decision to send"}}) {
    std::fprintf(out, "    %s   p50 %lld ns  p90 %lld ns  p99 %lld ns  p99.9 %lld ns\n", label,
                 i(part->p50), i(part->p90), i(part->p99), i(part->p999));
  }
  const LatencySummary& rx = s.tick_to_trade_rx;
  if (rx.count != 0) {
    std::fprintf(out, "  tick-to-trade from the receive timestamp, %s:\n", rx.labelled.c_str());
    std::fprintf(out, "               n=%llu  min %lld ns  p50 %lld ns  p99 %lld ns  max %lld ns\n",
                 u(rx.count), i(rx.min), i(rx.p50), i(rx.p99), i(rx.max));
  }
  std::fprintf(out, "  ended        %s\n", s.end_reason.c_str());
}

}  // namespace vtb::engine
