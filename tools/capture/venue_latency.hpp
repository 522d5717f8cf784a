#pragma once
// The venue's side of the wire, from a capture: how long it takes to answer an order, and to show
// it in its market data.
//
// - Order to acknowledgement: each NewOrderSingle (D), OrderCancelRequest (F) and
//   OrderCancelReplaceRequest (G) to the first ExecutionReport (8) or OrderCancelReject (9) with
//   the same ClOrdID on the same connection's other direction.
// - Order to market data: each NewOrderSingle to the first feed message that reflects it: an Add
//   Order (A, F) whose order reference is the order's OrderID(37), or an execution (E, C) whose
//   match number is the TrdMatchID(880) of one of its fills (SecondaryExecID(527) on FIX 4.4). This
//   relies on the venue's ids being its feed's, as this venue's are (docs/FIX.md); an order that
//   never shows on the feed (an IOC that did not trade, a reject) has no such latency.
//
// Times are those of the messages' last bytes (FIX) and first arrivals (feed). A request is settled
// one second (of capture time) after it was sent: its latencies are final then, and the order to
// market data one is reported to the listener then.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tools/capture/fix_flows.hpp"
#include "tools/capture/latency_summary.hpp"
#include "common/fix/message_view.hpp"

namespace vtb::capture {

struct VenueLatencyResult {
  std::uint64_t requests = 0;  // D, F and G seen
  std::uint64_t answered = 0;
  std::uint64_t unanswered = 0;
  std::vector<Nanos> order_to_ack;
  LatencySummary ack;
  std::uint64_t new_orders = 0;
  std::uint64_t on_feed = 0;
  std::uint64_t not_on_feed = 0;  // new orders no feed message reflected
  std::vector<Nanos> order_to_market_data;
  LatencySummary market_data;
};

class VenueLatency {
 public:
  struct Listener {  // for live reporting, called once per measured latency
    virtual ~Listener() = default;
    virtual void on_order_to_ack(Nanos latency) = 0;
    virtual void on_order_to_market_data(Nanos latency) = 0;
  };
  void set_listener(Listener* listener) { listener_ = listener; }
  // Streaming (a long-lived live capture): latencies go to the listener only, not into the
  // result's vectors, so that memory does not grow with the orders.
  void set_streaming(bool streaming) { streaming_ = streaming; }

  void on_fix(const FlowKey& flow, const fix::MessageView& message, Nanos time);
  // A feed message seen for the first time.
  void on_feed(std::string_view itch, Nanos time);

  VenueLatencyResult finish();

 private:
  // A feed message that can reflect an order: an Add Order by its reference, an execution by its
  // match number.
  enum class Kind : std::uint8_t { Add, Execution };
  struct Wanted {
    std::uint64_t id;
    Kind kind;
    bool operator==(const Wanted&) const = default;
  };
  struct WantedHash {
    std::size_t operator()(const Wanted& w) const {
      return static_cast<std::size_t>(w.id * 0x9E3779B97F4A7C15ull) ^
             static_cast<std::size_t>(w.kind);
    }
  };
  struct FeedEvent {
    std::uint64_t id;
    Nanos time;
    Kind kind;
  };
  struct Request {
    std::string key;  // in by_cl_ord_id_
    Nanos sent;
    Nanos ack = 0;
    Nanos market_data = 0;
    bool new_order;
    std::vector<Wanted> waiting;  // in waiting_
  };
  static void make_key(std::string& key, const FlowKey& flow, std::string_view cl_ord_id);
  void on_request(const FlowKey& flow, const fix::MessageView& message, Nanos time);
  void on_report(const FlowKey& flow, const fix::MessageView& message, Nanos time);
  Request* request(std::uint64_t number);
  // Request `number` is reflected by feed message `wanted`: already seen since the request was
  // sent, or awaited.
  void link(Wanted wanted, std::uint64_t number);
  void reflected(Request& request, Nanos time);
  // Requests are settled (their latencies taken as final) a while after they were sent: later
  // reports may still name an earlier feed message (a fill's execution before the rest's Add).
  void settle_until(Nanos time);
  void settle_front();

  std::deque<Request> open_;  // request numbers first_open_.. in sending order
  std::uint64_t first_open_ = 0;
  std::unordered_map<std::string, std::uint64_t> by_cl_ord_id_;  // make_key(): flow + ClOrdID
  std::string lookup_;
  // Recent feed events in arrival order, searched from the end when a report names one: the venue
  // may publish before it answers. Bounded, for long-lived captures.
  std::vector<FeedEvent> feed_events_;
  std::unordered_multimap<Wanted, std::uint64_t, WantedHash> waiting_;
  VenueLatencyResult result_;
  Listener* listener_ = nullptr;
  bool streaming_ = false;
};

}  // namespace vtb::capture
