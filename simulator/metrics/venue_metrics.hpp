#pragma once
// The venue's Prometheus endpoint (http://ADDRESS:PORT/metrics, 9301 by convention): orders,
// reports and rejects by session, session state, the feed per line, re-requests and snapshots
// served, each book's depth and best prices, and the venue's own order-to-acknowledgement and
// matching latencies.
//
// The venue's thread owns every figure and never waits for a scrape: once a second, between
// inputs, it copies them into the exporter's snapshot under a try_lock (a scrape in progress
// means the copy waits a second). The snapshot's vectors keep their size from one copy to the
// next, so copying allocates nothing after the first. prometheus-cpp's HTTP threads do the rest.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/metrics/endpoint.hpp"
#include "common/stats/latency_histogram.hpp"
#include "simulator/feed_publisher/feed_faults.hpp"
#include "simulator/feed_publisher/feed_history.hpp"
#include "simulator/feed_publisher/snapshot_server.hpp"
#include "simulator/gateway/order_entry.hpp"

namespace vtb::sim {

struct VenueMetricsSnapshot {
  struct Session {
    std::string comp_id;  // its TargetCompID at the venue
    SessionOrderStats orders;
    bool logged_on = false;
    std::uint64_t logons = 0, disconnects = 0, resend_requests = 0;
  };
  struct Book {
    std::string symbol;
    std::uint64_t levels[2] = {};     // bid, ask
    std::int64_t best_price[2] = {};  // fixed point (kPriceScale); 0: that side is empty
    std::int64_t best_quantity[2] = {};
  };
  struct Line {
    std::uint64_t packets = 0, messages = 0;
    FeedFaultStats faults;
  };
  std::vector<Session> sessions;
  std::vector<Book> books;
  Line feed[2];  // A, B
  bool feed_b = false;
  FeedHistoryStats retransmission;
  SnapshotServerStats snapshots;
  std::uint64_t trades = 0, feed_sequence = 0;
  LatencyHistogram order_to_ack, matching;
};

class VenueMetrics {
 public:
  // Listens on `address:port` (0: any free port). Throws std::runtime_error naming the address
  // when it cannot.
  VenueMetrics(const std::string& address, int port);
  ~VenueMetrics();
  VenueMetrics(const VenueMetrics&) = delete;
  VenueMetrics& operator=(const VenueMetrics&) = delete;

  int port() const;  // the one listened on
  // The venue's side: never blocks; false when a scrape holds the snapshot.
  bool try_publish(const VenueMetricsSnapshot& snapshot);

 private:
  class Collector;
  std::shared_ptr<Collector> collector_;
  metrics::Endpoint endpoint_;
};

}  // namespace vtb::sim
