// bench_matching: the matching core alone under a seeded order flow shaped like a busy venue —
// 1000 instruments, up to 50 price levels a side, about 45% passive adds, 40% cancels, 5%
// replaces, 10% aggressive IOC orders. Figures: docs/BENCHMARKS.md.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/hot_path/huge_page_allocator.hpp"
#include "common/stats/latency_histogram.hpp"
#include "common/time/clock.hpp"
#include "simulator/journal/journal.hpp"
#include "simulator/matching/matching_engine.hpp"

namespace {

using namespace vtb;
using namespace vtb::sim;

constexpr InstrumentId kInstruments = 1000;
constexpr Price kMid = 1'000'000;  // 100.0000
constexpr Price kTick = 100;       // 0.01
constexpr int kLevels = 50;
constexpr std::size_t kRestingTarget = kInstruments * 40;  // resting orders, about 40 a book

// splitmix64: cheap enough not to show in the figures, and seeded.
struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(next() % n); }
};

// Knows which orders rest, and whose they are, so that cancels and replaces name live orders as a
// gateway would. Its own costs count in the figures, so it is kept lean: positions by the pool slot
// each id carries (bounded by the resting count, not by every id ever issued).
class RestingOrders : public MatchingListener {
 public:
  struct Resting {
    OrderId id;
    OwnerId owner;
  };
  void on_booked(const Order& order) override {
    const std::uint32_t slot = order_slot(order.id);
    if (position_.size() <= slot) position_.resize(slot + 1);
    position_[slot] = static_cast<std::uint32_t>(orders_.size());
    orders_.push_back({order.id, order.request.owner});
  }
  void on_trade(const Trade& trade) override {
    if (trade.resting.leaves == 0) remove(trade.resting.id);
  }
  void on_canceled(const Order& order, Quantity, CancelReason, bool was_booked) override {
    if (was_booked) remove(order.id);
  }
  void on_replaced(const Order& order, OrderId old_id, bool will_trade) override {
    remove(old_id);
    if (!will_trade) on_booked(order);  // otherwise on_booked comes if anything rests
  }
  bool empty() const { return orders_.empty(); }
  std::size_t size() const { return orders_.size(); }
  Resting pick(Random& random) const {
    return orders_[random.below(static_cast<std::uint32_t>(orders_.size()))];
  }

 private:
  void remove(OrderId id) {
    const std::uint32_t at = position_[order_slot(id)];
    const Resting last = orders_.back();
    orders_[at] = last;
    position_[order_slot(last.id)] = at;
    orders_.pop_back();
  }
  // Picked from at random: huge pages keep them in a few TLB entries.
  std::vector<Resting, HugePageAllocator<Resting>> orders_;
  // By pool slot: where the order is in orders_.
  std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> position_;
};

class Flow {
 public:
  // `tap` hears every input the flow sends the core (to record it for BM_MatchingCoreReplay).
  explicit Flow(InputListener* tap = nullptr) : engine_(instruments()) {
    if (tap) engine_.set_input_listener(tap);
    engine_.add_listener(&resting_);
    while (resting_.size() < kRestingTarget)
      add();
  }

  void step() {
    std::uint32_t dice = random_.below(100);
    // Adds outnumber cancels: past the starting depth an add becomes a cancel, so that the book
    // (and the benchmark's figure) stays the same however long it runs.
    if (dice < 45 && resting_.size() > kRestingTarget) dice = 45;
    if (dice < 45 || resting_.empty()) {
      ++mix_[0];
      add();
    } else if (dice < 85) {
      ++mix_[1];
      const auto [id, owner] = resting_.pick(random_);
      engine_.cancel(id, owner);
    } else if (dice < 90) {
      ++mix_[2];
      // A new price (to the back of another level) or, one time in four, less quantity in place.
      const OrderId id = resting_.pick(random_).id;
      const Order& order = *engine_.find(id);
      const bool smaller = random_.below(4) == 0 && order.leaves > 100;
      const Price price = smaller ? order.request.price : passive_price(order.request.side);
      const Quantity quantity = smaller ? order.request.quantity - 100 : order.request.quantity;
      engine_.replace(id, order.request.owner, price, quantity);
    } else {
      ++mix_[3];
      OrderRequest r = request();
      // Through the touch by up to three levels: trades, then the rest is canceled.
      r.price = r.side == Side::Buy ? kMid + kTick * (1 + random_.below(3))
                                    : kMid - kTick * (1 + random_.below(3));
      r.quantity = 100 * (1 + random_.below(5));
      r.time_in_force = TimeInForce::ImmediateOrCancel;
      engine_.submit(r);
    }
  }

  const MatchingEngine& engine() const { return engine_; }
  // Share of adds, cancels, replaces and aggressive orders actually sent, in percent.
  double share(int kind) const {
    const double all = static_cast<double>(mix_[0] + mix_[1] + mix_[2] + mix_[3]);
    return all == 0 ? 0 : 100.0 * static_cast<double>(mix_[kind]) / all;
  }

  static std::vector<Instrument> instruments() {
    std::vector<Instrument> list;
    for (InstrumentId id = 1; id <= kInstruments; ++id) {
      std::string symbol = std::to_string(id);
      symbol.insert(symbol.begin(), 'S');  // (operator+ here trips GCC 12's -Wrestrict)
      list.push_back({id, symbol, kTick, 100, kMid});
    }
    return list;
  }

 private:
  OrderRequest request() {
    OrderRequest r;
    r.instrument = static_cast<InstrumentId>(1 + random_.below(kInstruments));
    r.side = random_.below(2) ? Side::Buy : Side::Sell;
    r.owner = 1 + random_.below(16);
    return r;
  }
  Price passive_price(Side side) {
    const Price away = kTick * (1 + random_.below(kLevels));
    return side == Side::Buy ? kMid - away : kMid + away;
  }
  void add() {
    OrderRequest r = request();
    r.price = passive_price(r.side);
    r.quantity = 100 * (1 + random_.below(3));
    engine_.submit(r);
  }

  MatchingEngine engine_;
  RestingOrders resting_;
  Random random_{20261122};
  std::uint64_t mix_[4] = {};
};

void BM_MatchingMix(benchmark::State& state) {
  Flow flow;
  for (auto _ : state)
    flow.step();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["trades"] = static_cast<double>(flow.engine().stats().trades);
  state.counters["add%"] = flow.share(0);
  state.counters["cancel%"] = flow.share(1);
  state.counters["replace%"] = flow.share(2);
  state.counters["ioc%"] = flow.share(3);
}

// Runs `step` once an iteration, each timed (the clock read, ~20 ns here, is included), and
// reports the percentiles.
template <class Step>
void time_each(benchmark::State& state, Step step) {
  LatencyHistogram latency;
  for (auto _ : state) {
    const Nanos start = monotonic_ns();
    step();
    latency.record(monotonic_ns() - start);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["p50_ns"] = static_cast<double>(latency.percentile(0.50));
  state.counters["p99_ns"] = static_cast<double>(latency.percentile(0.99));
  state.counters["p999_ns"] = static_cast<double>(latency.percentile(0.999));
}

// The same flow with each operation timed.
void BM_MatchingMixLatency(benchmark::State& state) {
  Flow flow;
  time_each(state, [&] { flow.step(); });
}

// Counts events, so every callback still costs a virtual call as a venue's listeners would.
struct Counter : MatchingListener {
  std::uint64_t trades = 0, booked = 0;
  void on_trade(const Trade&) override { ++trades; }
  void on_booked(const Order&) override { ++booked; }
};

constexpr std::int64_t kReplayOperations = 3'000'000;

// The flow's inputs to the core, recorded once: the starting book, then the timed operations.
// Replaying them into a new core gives the same orders and ids (the core is deterministic),
// without the flow's own bookkeeping.
struct RecordedFlow {
  journal::InputRecorder recorder;
  std::size_t setup = 0;  // inputs that build the starting book
  RecordedFlow() {
    Flow flow(&recorder);
    setup = recorder.inputs.size();
    for (std::int64_t i = 0; i < kReplayOperations; ++i)
      flow.step();
  }
};

// A fresh core brought to where the recorded flow's timed part starts.
class Replay {
 public:
  Replay() : engine_(Flow::instruments()) {
    static const RecordedFlow flow;
    // Read from huge pages, as a venue reads a small ring that stays in the TLB: with 4 KiB pages
    // the 250 MB of inputs cost a page walk every fifty operations (a third of the time on this
    // VM), which is the benchmark's cost, not the core's.
    static const Inputs inputs(flow.recorder.inputs.begin(), flow.recorder.inputs.end());
    inputs_ = &inputs;
    engine_.add_listener(&counter_);
    for (next_ = 0; next_ < flow.setup; ++next_)
      journal::apply(engine_, inputs[next_]);
  }
  void step() { journal::apply(engine_, (*inputs_)[next_++]); }
  const Counter& counter() const { return counter_; }

 private:
  MatchingEngine engine_;
  Counter counter_;
  using Inputs = std::vector<journal::Input, HugePageAllocator<journal::Input>>;
  const Inputs* inputs_ = nullptr;
  std::size_t next_ = 0;
};

// The same flow replayed: the core alone, with none of the flow's own lookups (which pick a
// random resting order for each cancel and miss the cache).
void BM_MatchingCoreReplay(benchmark::State& state) {
  Replay replay;
  for (auto _ : state)
    replay.step();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["trades"] = static_cast<double>(replay.counter().trades);
}

// The replay with each operation timed.
void BM_MatchingCoreReplayLatency(benchmark::State& state) {
  Replay replay;
  time_each(state, [&] { replay.step(); });
}

BENCHMARK(BM_MatchingMix);
BENCHMARK(BM_MatchingMixLatency);
BENCHMARK(BM_MatchingCoreReplay)->Iterations(kReplayOperations);
BENCHMARK(BM_MatchingCoreReplayLatency)->Iterations(kReplayOperations);

}  // namespace

BENCHMARK_MAIN();
