#include "simulator/venue_summary.hpp"

#include <nlohmann/json.hpp>

namespace vtb::sim {

nlohmann::json to_json(const VenueSummary& s) {
  const auto& fx = s.acceptor;
  const auto& oe = s.order_entry;
  const auto& me = s.matching;
  const auto& md = s.publisher;
  const auto& rr = s.retransmission;
  return {
      {"fix",
       {{"sessions_configured", s.sessions_configured},
        {"logons", s.logons},
        {"connections", fx.connections},
        {"refused_logons", fx.refused_logons},
        {"evicted_connections", fx.evicted_connections},
        {"garbled_messages", fx.garbled_messages},
        {"orders_received", oe.orders_received},
        {"cancel_requests", oe.cancel_requests},
        {"replace_requests", oe.replace_requests},
        {"orders_rejected", oe.orders_rejected},
        {"session_rejects", oe.session_rejects},
        {"business_rejects", oe.business_rejects},
        {"execution_reports", oe.execution_reports},
        {"fills", oe.fills},
        {"reports_not_sent", oe.reports_not_sent},
        {"logon_timeouts", fx.logon_timeouts},
        {"slow_consumers_dropped", fx.slow_consumers}}},
      {"journal",
       {{"inputs", s.journal.inputs},
        {"outputs", s.journal.outputs},
        {"bytes", s.journal.bytes},
        {"error", s.journal.error}}},
      {"matching",
       {{"accepted", me.accepted},
        {"rejected", me.rejected},
        {"trades", me.trades},
        {"traded_quantity", me.traded_quantity},
        {"canceled", me.canceled}}},
      {"market_data",
       {{"messages", md.messages},
        {"packets", md.packets},
        {"heartbeats", md.heartbeats},
        {"imbalances", md.imbalances},
        {"next_sequence", s.next_sequence},
        {"send_errors", s.send_errors},
        {"retransmission_requests", rr.requests},
        {"retransmission_answers", rr.answered},
        {"retransmission_unavailable", rr.unavailable},
        {"retransmission_invalid", rr.invalid_requests},
        {"messages_resent", rr.messages_resent},
        {"snapshots", s.snapshots.snapshots},
        {"snapshot_logins_rejected", s.snapshots.rejected}}},
      {"agents",
       {{"steps", s.agents.steps},
        {"market_makers", s.agents.market_makers},
        {"noise_takers", s.agents.noise_takers},
        {"noise_orders", s.agents.noise_orders}}},
  };
}

void print_summary(const VenueSummary& s, std::FILE* out) {
  const auto& oe = s.order_entry;
  std::fprintf(out, "venue summary\n");
  std::fprintf(out,
               "  FIX          %llu logon(s); orders received %llu, rejected %llu; execution "
               "reports %llu (fills %llu)\n",
               static_cast<unsigned long long>(s.logons),
               static_cast<unsigned long long>(oe.orders_received),
               static_cast<unsigned long long>(oe.orders_rejected),
               static_cast<unsigned long long>(oe.execution_reports),
               static_cast<unsigned long long>(oe.fills));
  std::fprintf(out, "  matching     accepted %llu, trades %llu, traded quantity %llu\n",
               static_cast<unsigned long long>(s.matching.accepted),
               static_cast<unsigned long long>(s.matching.trades),
               static_cast<unsigned long long>(s.matching.traded_quantity));
  std::fprintf(out, "  market data  %llu messages in %llu packets, %llu heartbeats\n",
               static_cast<unsigned long long>(s.publisher.messages),
               static_cast<unsigned long long>(s.publisher.packets),
               static_cast<unsigned long long>(s.publisher.heartbeats));
  std::fflush(out);
}

}  // namespace vtb::sim
