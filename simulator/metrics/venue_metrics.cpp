#include "simulator/metrics/venue_metrics.hpp"

#include <prometheus/collectable.h>

#include <array>
#include <mutex>

#include "common/market/types.hpp"
#include "common/metrics/metric_families.hpp"

namespace vtb::sim {

namespace {

using prometheus::MetricType;

// The venue answers in microseconds (its order path) and matches in hundreds of nanoseconds.
constexpr std::array<std::int64_t, 13> kOrderToAckNs = {
    1'000,   2'000,   5'000,     10'000,    20'000,    50'000,    100'000,
    200'000, 500'000, 1'000'000, 2'000'000, 5'000'000, 10'000'000};
constexpr std::array<std::int64_t, 11> kMatchingNs = {
    100, 200, 500, 1'000, 2'000, 5'000, 10'000, 20'000, 50'000, 100'000, 1'000'000};

constexpr const char* kSides[2] = {"bid", "ask"};
constexpr const char* kFeeds[2] = {"A", "B"};

}  // namespace

class VenueMetrics::Collector : public prometheus::Collectable {
 public:
  std::vector<prometheus::MetricFamily> Collect() const override {
    // Copied out under the lock (on the heap: two histograms are ~36 KB and the HTTP threads'
    // stacks are small), families built outside it.
    const auto copy = std::make_unique<VenueMetricsSnapshot>();
    {
      std::lock_guard lock(mutex_);
      *copy = snapshot_;
    }
    const VenueMetricsSnapshot& s = *copy;
    std::vector<prometheus::MetricFamily> out;
    const auto per_session = [&](const char* name, const char* help, MetricType type, auto value) {
      metrics::Family f(name, help, type);
      for (const auto& session : s.sessions)
        f.add(static_cast<double>(value(session)), {{"session", session.comp_id}});
      out.push_back(f.take());
    };
    const auto counter = [&](const char* name, const char* help, auto value) {
      per_session(name, help, MetricType::Counter, value);
    };
    using S = VenueMetricsSnapshot::Session;
    counter("vtb_venue_orders_total", "NewOrderSingle messages received",
            [](const S& x) { return x.orders.orders; });
    counter("vtb_venue_cancel_requests_total", "OrderCancelRequests received",
            [](const S& x) { return x.orders.cancels; });
    counter("vtb_venue_replace_requests_total", "OrderCancelReplaceRequests received",
            [](const S& x) { return x.orders.replaces; });
    counter("vtb_venue_execution_reports_total", "ExecutionReports sent (or stored for resend)",
            [](const S& x) { return x.orders.execution_reports; });
    counter("vtb_venue_fills_total", "ExecutionReports with ExecType Trade",
            [](const S& x) { return x.orders.fills; });
    counter("vtb_venue_cancel_rejects_total", "OrderCancelRejects sent",
            [](const S& x) { return x.orders.cancel_rejects; });
    counter("vtb_venue_session_rejects_total",
            "Session-level Rejects (35=3) of application "
            "messages",
            [](const S& x) { return x.orders.session_rejects; });
    counter("vtb_venue_business_rejects_total", "BusinessMessageRejects (35=j) sent",
            [](const S& x) { return x.orders.business_rejects; });
    counter("vtb_venue_throttled_total", "Messages refused for the session's rate limit",
            [](const S& x) { return x.orders.throttled; });
    counter("vtb_venue_canceled_on_disconnect_total",
            "Orders canceled because their session disconnected",
            [](const S& x) { return x.orders.canceled_on_disconnect; });
    counter("vtb_venue_logons_total", "Logons accepted", [](const S& x) { return x.logons; });
    counter("vtb_venue_disconnects_total", "Connections of a logged-on session that ended",
            [](const S& x) { return x.disconnects; });
    counter("vtb_venue_resend_requests_total", "ResendRequests received",
            [](const S& x) { return x.resend_requests; });
    per_session("vtb_venue_session_logged_on", "1 while the session is logged on",
                MetricType::Gauge, [](const S& x) { return x.logged_on ? 1 : 0; });
    metrics::Family rejected("vtb_venue_orders_rejected_total",
                             "ExecutionReports with ExecType Rejected, by session and reason",
                             MetricType::Counter);
    for (const auto& session : s.sessions)
      for (std::size_t cause = 0; cause < kRejectCauses; ++cause)
        rejected.add(static_cast<double>(session.orders.rejects[cause]),
                     {{"session", session.comp_id}, {"reason", reject_cause_name(cause)}});
    out.push_back(rejected.take());

    metrics::Family packets("vtb_venue_feed_packets_total",
                            "MoldUDP64 packets sent, by feed (after its faults)",
                            MetricType::Counter);
    metrics::Family messages("vtb_venue_feed_messages_total",
                             "ITCH messages sent, by feed (after its faults)", MetricType::Counter);
    metrics::Family faults("vtb_venue_feed_faults_total",
                           "Packets a fault rule acted on, by feed and action",
                           MetricType::Counter);
    for (int f = 0; f < (s.feed_b ? 2 : 1); ++f) {
      const auto& line = s.feed[f];
      packets.add(static_cast<double>(line.packets), {{"feed", kFeeds[f]}});
      messages.add(static_cast<double>(line.messages), {{"feed", kFeeds[f]}});
      for (const auto& [action, n] :
           {std::pair{"drop", line.faults.dropped}, std::pair{"duplicate", line.faults.duplicated},
            std::pair{"reorder", line.faults.reordered}, std::pair{"delay", line.faults.delayed}})
        faults.add(static_cast<double>(n), {{"feed", kFeeds[f]}, {"action", action}});
    }
    out.push_back(packets.take());
    out.push_back(messages.take());
    out.push_back(faults.take());
    out.push_back(metrics::scalar("vtb_venue_feed_next_sequence",
                                  "The MoldUDP64 sequence number the next message gets",
                                  MetricType::Gauge, static_cast<double>(s.feed_sequence)));
    const auto& r = s.retransmission;
    out.push_back(metrics::Family("vtb_venue_rerequests_total",
                                  "MoldUDP64 re-requests received, by outcome", MetricType::Counter)
                      .add(static_cast<double>(r.answered), {{"outcome", "answered"}})
                      .add(static_cast<double>(r.unavailable), {{"outcome", "unavailable"}})
                      .add(static_cast<double>(r.invalid_requests), {{"outcome", "invalid"}})
                      .take());
    out.push_back(metrics::scalar("vtb_venue_rerequest_messages_resent_total",
                                  "Messages sent again in answer to re-requests",
                                  MetricType::Counter, static_cast<double>(r.messages_resent)));
    out.push_back(metrics::scalar("vtb_venue_snapshots_served_total",
                                  "Book snapshots served over SoupBinTCP", MetricType::Counter,
                                  static_cast<double>(s.snapshots.snapshots)));
    out.push_back(metrics::scalar("vtb_venue_snapshot_logins_refused_total",
                                  "Snapshot logins refused", MetricType::Counter,
                                  static_cast<double>(s.snapshots.rejected)));
    out.push_back(metrics::scalar("vtb_venue_trades_total", "Executions in the matching core",
                                  MetricType::Counter, static_cast<double>(s.trades)));

    metrics::Family levels("vtb_venue_book_levels", "Price levels in the book, by side",
                           MetricType::Gauge);
    metrics::Family price("vtb_venue_best_price", "Best bid and offer (only while there is one)",
                          MetricType::Gauge);
    metrics::Family quantity("vtb_venue_best_quantity",
                             "Quantity at the best bid and offer (only while there is one)",
                             MetricType::Gauge);
    for (const auto& book : s.books) {
      for (int side = 0; side < 2; ++side) {
        const metrics::Labels labels{{"symbol", book.symbol}, {"side", kSides[side]}};
        levels.add(static_cast<double>(book.levels[side]), labels);
        if (book.best_price[side] == 0) continue;
        price.add(static_cast<double>(book.best_price[side]) / kPriceScale, labels);
        quantity.add(static_cast<double>(book.best_quantity[side]), labels);
      }
    }
    out.push_back(levels.take());
    out.push_back(price.take());
    out.push_back(quantity.take());

    out.push_back({"vtb_venue_order_to_ack_seconds",
                   "A NewOrderSingle from the venue's read of it to its reports written "
                   "(matching included)",
                   MetricType::Histogram,
                   {metrics::histogram(s.order_to_ack, kOrderToAckNs)}});
    out.push_back({"vtb_venue_matching_seconds",
                   "The matching core's handling of a new order",
                   MetricType::Histogram,
                   {metrics::histogram(s.matching, kMatchingNs)}});
    return out;
  }

  bool try_publish(const VenueMetricsSnapshot& snapshot) {
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock) return false;
    snapshot_ = snapshot;
    return true;
  }

 private:
  mutable std::mutex mutex_;
  VenueMetricsSnapshot snapshot_;
};

VenueMetrics::VenueMetrics(const std::string& address, int port)
    : collector_(std::make_shared<Collector>()), endpoint_(address, port) {
  endpoint_.serve(collector_);
}

VenueMetrics::~VenueMetrics() = default;

int VenueMetrics::port() const {
  return endpoint_.port();
}

bool VenueMetrics::try_publish(const VenueMetricsSnapshot& snapshot) {
  return collector_->try_publish(snapshot);
}

}  // namespace vtb::sim
