#pragma once
// The venue's FIX order-entry application: NewOrderSingle, OrderCancelRequest and
// OrderCancelReplaceRequest in; ExecutionReports and OrderCancelRejects out. Sits between
// the FIX acceptor (sessions) and the matching core, translating both ways; the core never sees
// FIX and the acceptor never sees orders. What a request asks is read by order_decoding, the
// reports are written by execution_report: this keeps the orders' state and decides.

#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/stats/latency_histogram.hpp"
#include "simulator/gateway/cl_ord_id_index.hpp"
#include "simulator/gateway/execution_report.hpp"
#include "simulator/gateway/fix_acceptor.hpp"
#include "simulator/gateway/fix_application.hpp"
#include "simulator/gateway/gateway_input_listener.hpp"
#include "simulator/gateway/order_context.hpp"
#include "simulator/gateway/order_decoding.hpp"
#include "simulator/matching/matching_engine.hpp"

namespace vtb::sim {

struct OrderEntryStats {
  std::uint64_t orders_received = 0;
  std::uint64_t cancel_requests = 0;
  std::uint64_t replace_requests = 0;
  std::uint64_t cancel_rejects = 0;  // OrderCancelReject sent
  std::uint64_t canceled_on_disconnect = 0;
  std::uint64_t status_requests = 0;
  std::uint64_t mass_cancels = 0;
  std::uint64_t mass_status_requests = 0;
  std::uint64_t throttled = 0;        // messages refused for MaxMessagesPerSecond
  std::uint64_t queued = 0;           // messages delayed for it (ThrottleMode=Queue)
  std::uint64_t orders_rejected = 0;  // ExecutionReport with ExecType=Rejected
  std::uint64_t session_rejects = 0;
  std::uint64_t business_rejects = 0;
  std::uint64_t execution_reports = 0;
  std::uint64_t fills = 0;  // ExecutionReports with ExecType=Trade
  std::uint64_t reports_not_sent = 0;
  std::uint64_t drop_copies = 0;  // ExecutionReports copied to drop-copy sessions
};

// Why an order was rejected, as the metrics count it: the core's reasons (RejectReason's values),
// then the gateway's own.
inline constexpr std::size_t kCoreRejectReasons =
    static_cast<std::size_t>(RejectReason::OrderCapacity) + 1;
enum class GatewayReject : std::size_t {
  DuplicateClOrdId = kCoreRejectReasons,
  Unsupported,  // a value the venue does not take (order_decoding's checks)
  Scenario,     // `reject next` of the control port
};
inline constexpr std::size_t kRejectCauses = kCoreRejectReasons + 3;
// "unknown_instrument", ..., "duplicate_cl_ord_id", "unsupported", "scenario".
const char* reject_cause_name(std::size_t cause);

// What one session did, for the venue's metrics.
struct SessionOrderStats {
  std::uint64_t orders = 0, cancels = 0, replaces = 0;  // requests received
  std::uint64_t execution_reports = 0, fills = 0;
  std::uint64_t rejects[kRejectCauses] = {};  // ExecutionReports with ExecType=Rejected, by cause
  std::uint64_t cancel_rejects = 0, session_rejects = 0, business_rejects = 0;
  std::uint64_t throttled = 0, canceled_on_disconnect = 0;
};

class OrderEntry : public FixApplication, public MatchingListener {
 public:
  // Answers go out through `acceptor`'s sessions; each session's settings are read here, once.
  OrderEntry(MatchingEngine& engine, FixAcceptor& acceptor);

  // Owner ids the core sees for FIX sessions: session index + 1. Agents use ids above these.
  static OwnerId owner_of(std::size_t session) { return static_cast<OwnerId>(session + 1); }

  void on_message(std::size_t session, const fix::MessageView& message, Now now) override;
  // With CancelOnDisconnect=Y, the session's live orders are canceled (on the feed; the closed
  // session gets no reports).
  void on_logout(std::size_t session, Now now) override;
  // The venue clock moved with no input: Good-Till-Date orders that are due expire, messages held
  // by an acknowledgement delay that are due are taken, and messages queued by the rate limit
  // (ThrottleMode=Queue) that the rate now allows are handled.
  void on_clock(Now now);
  // When the earliest message held by an acknowledgement delay is due (monotonic), if any: the
  // venue calls on_clock() then.
  std::optional<Nanos> next_release() const;

  void on_accepted(const Order& order) override;
  void on_rejected(const OrderRequest& request, RejectReason reason) override;
  void on_trade(const Trade& trade) override;
  void on_canceled(const Order& order, Quantity canceled, CancelReason reason,
                   bool was_booked) override;
  void on_reduced(const Order& order, Quantity reduced_by, Quantity shown_reduced_by) override;
  void on_amended(const Order& order) override;
  void on_decremented(const Order& order, Quantity reduced_by, Quantity shown_reduced_by,
                      bool was_booked) override;
  void on_replenished(const Order& order, OrderId old_id) override;
  void on_triggered(const Order& order) override;
  void on_replaced(const Order& order, OrderId old_id, bool will_trade) override;

  const OrderEntryStats& stats() const { return stats_; }
  const SessionOrderStats& session_stats(std::size_t session) const { return by_session_[session]; }
  // The venue's own latencies, in nanoseconds: a NewOrderSingle from its input's read to its
  // reports written (order to acknowledgement, matching included), and the core's submit alone.
  const LatencyHistogram& order_to_ack() const { return order_to_ack_; }
  const LatencyHistogram& matching() const { return matching_; }

  // The next `count` NewOrderSingles (any session) are rejected with `text`, whatever they ask: a
  // venue behaviour scenarios script (control command `reject`).
  void reject_next(std::uint64_t count, std::string text) {
    if (input_listener_) input_listener_->on_reject_next(count, text);
    reject_next_ = count;
    reject_text_ = std::move(text);
  }

  // Told of every application message acted on (the journal; not owned; null: none).
  void set_input_listener(GatewayInputListener* listener) { input_listener_ = listener; }
  // A restarted venue's replay: acts on a journaled message as when it arrived at `now`, with the
  // sessions muted (fix::Session::set_muted) so that nothing is answered twice.
  void replay(std::size_t session, std::string_view message, Now now);

  // Venue behaviours the control port changes while a session trades (`session COMPID ...`),
  // starting from its settings. A rate limit of `per_second` application messages (0: none),
  // beyond it refused with a BusinessMessageReject or, with `queue`, held until the rate allows.
  void set_throttle(std::size_t session, int per_second, bool queue);
  void set_cancel_on_disconnect(std::size_t session, bool on);
  // The session's application messages wait `delay` plus a uniform draw in [-jitter, +jitter]
  // (seeded), never overtaking each other, before the gateway takes them: they reach the book
  // and are acknowledged that much later, as behind a slow gateway. A zero delay ends it (what is
  // held still goes, when due).
  void set_ack_delay(std::size_t session, Nanos delay, Nanos jitter, std::uint64_t seed);

 private:
  // An application message past any acknowledgement delay: through the rate limit to handle().
  void admit(std::size_t session, const fix::MessageView& message, Now now);
  // Held messages due by `until` (monotonic), in order, to admit().
  void release_held(std::size_t session, Nanos until, Now now);
  // An application message the rate limit let through: journaled, then handle_message().
  void handle(std::size_t session, const fix::MessageView& message, Now now);
  void handle_message(std::size_t session, const fix::MessageView& message, Now now);
  void new_order_single(std::size_t session, const fix::MessageView& message, Now now);
  // OrderStatusRequest (H): an ExecutionReport with ExecType=I.
  void order_status(std::size_t session, const fix::MessageView& message, Now now);
  // OrderMassCancelRequest (q): cancels, then one OrderMassCancelReport (r).
  void mass_cancel(std::size_t session, const fix::MessageView& message, Now now);
  // OrderMassStatusRequest (AF): an ExecutionReport with ExecType=I per live order.
  void mass_status(std::size_t session, const fix::MessageView& message, Now now);
  // OrderCancelRequest (F) and OrderCancelReplaceRequest (G).
  void cancel_or_replace(std::size_t session, const fix::MessageView& message, bool replace,
                         Now now);
  // OrderCancelReject (9) of `request`.
  void cancel_reject(std::size_t session, const fix::MessageView& request,
                     std::string_view cl_ord_id, std::string_view orig_cl_ord_id,
                     const OrderContext* context, bool replace, int reason, std::string_view text,
                     Now now);
  void session_reject(std::size_t session, const fix::MessageView& message,
                      const SessionProblem& problem, Now now);
  void business_reject(std::size_t session, const fix::MessageView& message, int reason,
                       std::string_view text, Now now);
  // To the order's session, and a copy to every drop-copy session.
  void send_report(const OrderContext& context, const Order* order, const OrderRequest& request,
                   const ReportFields& fields);
  // One ExecutionReport on `session`; a drop copy names the order's session (`on_behalf_of`).
  void write_report(std::size_t session, const std::string* on_behalf_of, std::uint64_t exec_id,
                    const OrderContext& context, const Order* order, const OrderRequest& request,
                    const ReportFields& fields);
  bool owned_by_session(const OrderRequest& request) const;
  std::optional<InstrumentId> instrument_of(std::optional<std::string_view> symbol) const;
  // The session's live orders in `instrument` (0: any) with Side(54) `side` as sent (none:
  // either), oldest first: what mass cancels and mass status requests act on.
  std::vector<std::uint32_t> live_orders(std::size_t session, InstrumentId instrument,
                                         std::optional<std::string_view> side) const;
  std::uint32_t allocate_context();
  void release_context(std::uint64_t slot);

  MatchingEngine& engine_;
  FixAcceptor& acceptor_;
  InstrumentsBySymbol instruments_by_symbol_;
  // A deque: growing never moves the contexts (a vector's growth copied every live order's).
  std::deque<OrderContext> contexts_;
  // The ClOrdID a context slot goes by, for the index.
  auto cl_ord_id_of() const {
    return [this](std::uint32_t slot) { return std::string_view(contexts_[slot].cl_ord_id); };
  }
  // Per-session rate limit: a token bucket refilled continuously at MaxMessagesPerSecond.
  struct Throttle {
    double tokens = 0;
    Nanos refilled_at = 0;
    std::deque<std::string> waiting;  // ThrottleMode=Queue: whole messages, in arrival order
  };
  bool within_rate(std::size_t session, Now now);
  std::vector<Throttle> throttles_;
  // Per-session acknowledgement delay (set_ack_delay): held messages in arrival order, each with
  // the monotonic time it is due.
  struct AckDelay {
    Nanos delay = 0, jitter = 0;
    std::mt19937_64 random;
    std::deque<std::pair<Nanos, std::string>> held;
  };
  std::vector<AckDelay> ack_delays_;
  // Live orders by (session, ClOrdID), for cancels and replaces: one index per session.
  std::vector<ClOrdIdIndex> live_by_cl_ord_id_;
  std::vector<std::uint32_t> free_contexts_;
  // Each session's settings as the gateway uses them, read at construction rather than per
  // message.
  struct SessionTraits {
    SelfMatchPrevention self_match = SelfMatchPrevention::None;
    int max_messages_per_second = 0;  // 0: no limit
    bool throttle_queue = false;
    bool drop_copy = false;
    bool cancel_on_disconnect = false;
    ReportVersion version;
  };
  std::vector<SessionTraits> traits_;
  std::vector<std::size_t> drop_copy_sessions_;
  std::uint64_t next_exec_id_ = 1;
  Now now_{};  // time of the input being handled
  GatewayInputListener* input_listener_ = nullptr;
  bool replaying_ = false;  // replay(): no latency is measured
  std::uint64_t reject_next_ = 0;
  std::string reject_text_;
  OrderEntryStats stats_;
  std::vector<SessionOrderStats> by_session_;
  LatencyHistogram order_to_ack_, matching_;
};

}  // namespace vtb::sim
