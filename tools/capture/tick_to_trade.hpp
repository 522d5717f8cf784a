#pragma once
// Tick-to-trade on the wire, from a capture: each order (FIX NewOrderSingle over TCP) is matched
// with the market-data message that triggered it (MoldUDP64/ITCH over UDP), and the latency is the
// order's wire time minus the trigger's. The venue's own latencies come from the same capture
// (VenueLatency).
//
// Frames go in in capture order. Feed messages count from their first arrival across A and B
// (FeedArrivals); FIX messages from the segment carrying their first byte, STAC's definition, or
// their last byte on request (FixFlows), orders and the venue's reports alike. Matching
// follows CorrelationOptions: a tagged order whose trigger is not in the capture, or is later than
// the order, is unmatched.

#include <cstdint>
#include <optional>
#include <vector>

#include "tools/capture/correlation.hpp"
#include "tools/capture/feed_arrivals.hpp"
#include "tools/capture/fix_flows.hpp"
#include "tools/capture/latency_summary.hpp"
#include "tools/capture/pcap_file.hpp"
#include "tools/capture/venue_latency.hpp"

namespace vtb::capture {

struct TickToTradeResult {
  std::string correlation;                  // how orders were matched, in words
  FixTime order_time = FixTime::FirstByte;  // which byte of a FIX message timed it
  std::uint64_t frames = 0;
  std::uint64_t feed_packets = 0;
  std::uint64_t feed_messages = 0;  // distinct sequence numbers
  std::uint64_t fix_messages = 0;
  std::uint64_t garbled_fix = 0;
  std::uint64_t other_tcp_flows = 0;  // not FIX: ignored
  std::uint64_t orders = 0;
  std::uint64_t matched = 0;
  std::uint64_t unmatched = 0;
  std::vector<Nanos> latencies;  // of the matched orders
  LatencySummary summary;
  VenueLatencyResult venue;
};

// What the figures measure under `time`, in words, for reports.
std::string describe_tick_to_trade(FixTime time);
std::string describe_fix_time(FixTime time);  // "the first byte of each FIX message" or "last"

class TickToTradeAnalyzer {
 public:
  struct Listener : VenueLatency::Listener {  // for live reporting
    virtual void on_tick_to_trade(Nanos latency) = 0;
    virtual void on_unmatched_order() = 0;
  };

  // Throws std::invalid_argument naming the option when `options` are not usable.
  explicit TickToTradeAnalyzer(CorrelationOptions options = {},
                               FixTime order_time = FixTime::FirstByte);
  void set_listener(Listener* listener);
  // For a long-lived live capture: memory stays bounded. Latencies go to the listener only (the
  // result's vectors and summaries stay empty), feed arrival times are kept for the last 16 M
  // messages, and an order whose trigger has not been seen is unmatched at once.
  void set_streaming();

  void on_frame(int link_type, const Frame& frame);
  // Matches the tagged orders whose triggers came later in the file (merged captures) and
  // summarizes.
  TickToTradeResult finish();

 private:
  struct PendingOrder {
    std::uint64_t trigger;
    Nanos time;
  };
  void on_feed_message(std::string_view itch, Nanos time);
  void on_fix(const FlowKey& flow, const fix::MessageView& message, Nanos time);
  void on_order(const fix::MessageView& message, Nanos time);
  void matched(Nanos latency);
  void unmatched();

  CorrelationOptions options_;
  TriggerTag tag_;
  std::optional<TriggerWindow> window_;
  std::optional<std::uint16_t> trigger_locate_;  // window mode with a symbol, once its R is seen
  FeedArrivals feed_;
  FixFlows fix_;
  VenueLatency venue_;
  std::vector<PendingOrder> pending_;
  TickToTradeResult result_;
  Listener* listener_ = nullptr;
  bool streaming_ = false;
};

}  // namespace vtb::capture
