#pragma once
// The venue's matching core: price-time priority continuous matching over many instruments.
// Single-threaded and synchronous: every call reports through the listeners before returning.
// Deterministic: the same calls in the same order give the same reports (time enters only
// through advance_time), which is what journal replay relies on.

#include <cstdint>
#include <string>
#include <vector>

#include "simulator/matching/input_listener.hpp"
#include "simulator/matching/instrument.hpp"
#include "simulator/matching/matching_listener.hpp"
#include "simulator/matching/order_book.hpp"
#include "simulator/matching/order_pool.hpp"
#include "simulator/matching/stop_book.hpp"

namespace vtb::sim {

// What an auction would do now: the equilibrium price, the volume that would trade there and the
// surplus (buy volume minus sell volume at that price). All 0 when nothing crosses.
struct AuctionQuote {
  Price price = 0;
  Quantity volume = 0;
  Quantity surplus = 0;
};

struct MatchingStats {
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
  std::uint64_t trades = 0;
  std::uint64_t traded_quantity = 0;
  std::uint64_t canceled = 0;
};

class MatchingEngine {
 public:
  // Instrument ids must be 1..N in order (they are ITCH stock locates). Every instrument starts
  // in `phase`. Past `max_live_orders` live orders (at most kMaxLiveOrders), new orders are
  // rejected (RejectReason::OrderCapacity).
  explicit MatchingEngine(std::vector<Instrument> instruments,
                          TradingPhase phase = TradingPhase::Continuous,
                          std::uint32_t max_live_orders = kMaxLiveOrders);

  void add_listener(MatchingListener* listener) { listeners_.push_back(listener); }
  void remove_listener(MatchingListener* listener) { std::erase(listeners_, listener); }
  // Hears every input before it is acted on (the journal).
  void set_input_listener(InputListener* listener) { input_listener_ = listener; }

  // Returns the new order's id, or 0 when rejected (listeners heard why).
  OrderId submit(const OrderRequest& request);
  CancelResult cancel(OrderId id, OwnerId owner);
  // Cancel/replace of a resting order: new limit price and new total quantity (FIX OrderQty,
  // executed shares included). Keeps time priority only when the price is unchanged and the
  // quantity goes down; otherwise the order gets a new id, goes to the back of the new level and
  // may trade at once. A pending stop order is amended in place and keeps its id; a new
  // `stop_price` (0 keeps it) queues it behind the stops already at that price. `why` says what
  // was wrong when the result is Rejected.
  ReplaceResult replace(OrderId id, OwnerId owner, Price price, Quantity quantity,
                        RejectReason* why = nullptr, Price stop_price = 0);
  // The venue clock moves to `now` (nanoseconds since the epoch; never backwards): GoodTillDate
  // orders whose expire time has come are canceled (CancelReason::Expired), earliest first.
  void advance_time(std::int64_t now);
  std::int64_t now() const { return now_; }

  // Moves an instrument to another trading phase, running the auction the move calls for:
  // PreOpen -> Continuous (opening; At-the-Open remainders are canceled after it), Halted ->
  // Continuous (re-opening), PreClose -> Closed (closing; At-the-Close remainders are canceled).
  // Entering PreClose books the held At-the-Close orders; entering Closed ends every Day order.
  // Allowed moves: Closed -> PreOpen; PreOpen -> Continuous | Closed; Continuous -> Halted |
  // PreClose | Closed; Halted -> Continuous | PreClose | Closed; PreClose -> Closed. Returns
  // false (and changes nothing) for any other.
  bool set_phase(InstrumentId id, TradingPhase phase);
  TradingPhase phase(InstrumentId id) const { return state_[id - 1].phase; }
  // Continuous matching executes at most `quantity` at a time (0: no limit): an order that meets
  // a larger one fills in parts, each its own execution (and match number) against the same
  // resting order. A venue behaviour for testing how engines handle partial fills; auctions
  // cross whole.
  void set_max_execution(InstrumentId id, Quantity quantity);
  Quantity max_execution(InstrumentId id) const { return state_[id - 1].max_execution; }
  // The auction the instrument's book would run now: the price with the most executable volume,
  // then the least surplus, then market pressure (all surplus on the buy side: the highest such
  // price; all on the sell side: the lowest), then the price nearest the reference (the last
  // trade, else the instrument's reference price), which is itself a candidate.
  AuctionQuote indicative(InstrumentId id) const;

  const std::vector<Instrument>& instruments() const { return instruments_; }
  const Instrument* instrument(InstrumentId id) const {
    return id >= 1 && id <= instruments_.size() ? &instruments_[id - 1] : nullptr;
  }
  const OrderBook& book(InstrumentId id) const { return state_[id - 1].book; }
  const StopBook& stops(InstrumentId id) const { return state_[id - 1].stops; }
  // Price of the instrument's last trade; 0 before the first. Stop orders trigger on it.
  Price last_trade_price(InstrumentId id) const { return state_[id - 1].last_trade; }
  // What collars and auctions measure from: the last trade, else the instrument's reference.
  Price reference_price(InstrumentId id) const { return state_[id - 1].reference(); }
  const Order* find(OrderId id) const;
  // The orders queued at one price level, first to match first (diagnostics and tests).
  std::vector<const Order*> queue(const PriceLevel& level) const;
  const MatchingStats& stats() const { return stats_; }

  // The book rules every event must leave intact: levels strictly ordered and never crossed in
  // continuous trading,
  // each level's quantity and count the sum of its queue, queue links consistent, every order's
  // shown quantity within its leaves, stops pending in trigger order. Returns the first rule
  // broken (empty when all hold). The overload without an instrument also checks that every live
  // order is in a book or a stop book. Debug builds, and builds with VTB_CHECK_INVARIANTS, check
  // the instrument an event touched after every call and abort on a violation.
  std::string check_invariants(InstrumentId id) const;
  std::string check_invariants() const;

 private:
  // `pending_stop`: the stop price must not already be reached (new stops and pending ones).
  // Inline: most orders are plain and pass the short test; check_request() finds what is wrong.
  bool validate(const OrderRequest& request, bool pending_stop, RejectReason& reason) const {
    const InstrumentState* state = state_of(request.instrument);
    return (state && plain_limit_valid(request, *state)) ||
           check_request(request, pending_stop, reason);
  }
  bool check_request(const OrderRequest& request, bool pending_stop, RejectReason& reason) const;
  // Puts an order's remainder in the book (it shows its peak) and reports it.
  void book_order(OrderBook& book, std::uint32_t index);
  void uncross(InstrumentId instrument, AuctionKind kind);
  // Cancels every live order of the instrument `ends` selects (book, stops, held), oldest id first.
  template <class Predicate>
  void cancel_all(InstrumentId instrument, CancelReason reason, Predicate ends);
  // A live order that may trade now (a new order or a triggered stop): minimum-quantity and
  // fill-or-kill checks, then matching, then booking or canceling what is left.
  void execute(std::uint32_t index);
  // Triggers and executes, one at a time, the stops the instrument's last trade has reached
  // (their trades may trigger more). Inline: most instruments have none pending.
  void trigger_stops(InstrumentId instrument) {
    if (state_[instrument - 1].stops.size() > 0) trigger_pending_stops(instrument);
  }
  void trigger_pending_stops(InstrumentId instrument);
  void cancel_at(std::uint32_t index, CancelReason reason);
  void cancel_remainder(std::uint32_t index, CancelReason reason);  // an order not in the book
  // Why matching an aggressor stopped: it is filled or nothing more crosses; self-match
  // prevention ended it (what is left must not rest); the price collar (`reach`) was reached.
  enum class MatchEnd : std::uint8_t { Done, SelfMatch, Collar };
  // Trades the order at `aggressor_index` against the book. `reach`: how far an order that trades
  // at any price may go (0: no limit).
  MatchEnd match(OrderBook& book, std::uint32_t aggressor_index, Price reach);
  // Books the aggressor's remainder, or cancels it: after match(), for submit and replace.
  void finish(OrderBook& book, std::uint32_t index, MatchEnd end);
  // What the book offers an incoming order at prices it accepts (and within `reach`), up to
  // `wanted`, leaving out what self-match prevention would not let it trade.
  Quantity available(const OrderBook& book, const OrderRequest& request, Quantity wanted,
                     Price reach) const;
  // One execution: both orders' quantities and values, the last trade price, the reports.
  // `*_shown`: how much came out of what each order showed (the book's quantities are the
  // caller's to reduce).
  void trade(Order& aggressor, Order& resting, Price price, Quantity quantity,
             Quantity aggressor_shown, Quantity resting_shown, bool auction);
  // After an execution: a resting order with nothing left leaves the book; an iceberg whose
  // peak is gone shows the next.
  void settle(OrderBook& book, std::uint32_t index);
  // Self-match Decrement: the order loses `by` shares of quantity without trading.
  void decrement(std::uint32_t index, Quantity by, bool booked);
  // An iceberg's shown peak has traded: the next one goes to the back of the level, new id.
  void replenish(OrderBook& book, std::uint32_t index);
  // The order is known by a new id from now on (it lost its time priority).
  void rekey(std::uint32_t index);
  void release(std::uint32_t index) { pool_.release(index); }
  void verify(InstrumentId instrument) const;

  std::vector<Instrument> instruments_;
  // Everything kept per instrument, in one place: an order touches one instrument, and this keeps
  // what it touches on adjacent cache lines (separate arrays cost a miss each). Aligned, with
  // what every order reads first (the phase, the divisibility constants, the last trade, the
  // book, the stops) and what collars and auctions use after.
  struct alignas(64) InstrumentState {
    TradingPhase phase = TradingPhase::Continuous;
    std::int32_t collar_bps = 0;
    Quantity max_execution = 0;  // 0: none
    // Divisibility by tick and lot without a division (prices and quantities are validated to fit
    // 32 bits first): n is a multiple of d when n * M <= M - 1, M = 2^64 / d rounded up (Lemire).
    std::uint64_t tick_magic = 0;
    std::uint64_t lot_magic = 0;
    Price last_trade = 0;  // 0 before the first trade
    OrderBook book;
    StopBook stops;
    Price reference_price = 0;
    // Where collars and auctions measure from: the last trade, else the reference price.
    Price reference() const { return last_trade > 0 ? last_trade : reference_price; }
    std::vector<std::uint32_t> held;  // At-the-Close orders waiting, in entry order
  };
  std::vector<InstrumentState> state_;
  // The common order, a Day, GTC, IOC or FOK limit order with no iceberg or minimum in continuous
  // trading, passes every check check_request() makes: true when it is one and does, in a few
  // branch-free tests (false sends it through check_request(), which says what is wrong).
  bool plain_limit_valid(const OrderRequest& request, const InstrumentState& state) const;
  // A limit price inside the instrument's collar (always, without one).
  bool within_collar(const OrderRequest& request, const InstrumentState& state) const;
  // The instrument's state, or nullptr for an id that is not one.
  const InstrumentState* state_of(InstrumentId id) const {
    return id >= 1 && id <= state_.size() ? &state_[id - 1] : nullptr;
  }
  // How far an order that trades at any price may go now (the collar's edge on its side); 0 when
  // the instrument has no collar.
  Price reach(const InstrumentState& state, Side side) const;
  // GoodTillDate orders by expire time (a min-heap). Entries outlive their orders; expiry checks
  // the order is still there with that id and expire time.
  struct Expiry {
    std::int64_t time;
    OrderId id;
  };
  std::vector<Expiry> expiries_;
  std::int64_t now_ = 0;
  OrderPool pool_;
  std::vector<MatchingListener*> listeners_;
  InputListener* input_listener_ = nullptr;
  std::uint64_t next_sequence_ = 1;  // of the next order id (order.hpp)
  std::uint64_t next_match_number_ = 1;
  MatchingStats stats_;
};

}  // namespace vtb::sim
