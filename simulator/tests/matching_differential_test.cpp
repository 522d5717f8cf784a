// Differential test: the matching core and an obviously correct reference (reference_matching.hpp)
// take the same random operations and must report the same events in the same order: every
// accept, reject, fill, booking, cancel, replace, iceberg refill, stop trigger and expiry. The
// books are compared level by level as the run goes, and the core's invariants are checked after
// every operation.

#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <random>
#include <string>

#include "simulator/matching/matching_engine.hpp"
#include "simulator/tests/reference_matching.hpp"

namespace vtb::sim {
namespace {

using reference::Event;

std::string show(const std::vector<Event>& events) {
  std::string out;
  for (const Event& e : events)
    out += describe(e) + " ";
  return out;
}

// The reference numbers its orders 1, 2, ...: the core's order ids carry that sequence number
// above a pool slot (order.hpp). Records the sequence numbers, and remembers each one's full id
// so that the reference's choice of order can be sent to the core.
class SequenceRecorder : public CoreEventRecorder {
 public:
  OrderId core_id(OrderId sequence) const { return ids_.at(sequence); }

 protected:
  std::int64_t key(OrderId id) override {
    const std::uint64_t sequence = order_sequence(id);
    if (ids_.size() <= sequence) ids_.resize(sequence + 1);
    ids_[sequence] = id;
    return static_cast<std::int64_t>(sequence);
  }

 private:
  std::vector<OrderId> ids_;
};

constexpr Price kMid = 1'000'000;
constexpr Price kTick = 100;

std::vector<Instrument> instruments() {
  // GLOBEX has a price collar of 0.05%: five ticks either side of its reference.
  return {Instrument{1, "ACME", kTick, 10, kMid}, Instrument{2, "GLOBEX", kTick, 1, kMid, 5}};
}

// Events seen, by kind, over all runs: shows the mix covers every path.
std::array<std::size_t, 128> kinds{};
std::array<std::size_t, 16> cancel_reasons{};  // by CancelReason

// One seeded run of `operations` random operations; returns how many events were compared.
std::size_t run(std::uint64_t seed, int operations) {
  std::mt19937_64 rng(seed);
  const auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
  const auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
  };
  MatchingEngine engine(instruments());
  reference::ReferenceEngine model(instruments(), TradingPhase::Continuous);
  SequenceRecorder recorder;
  engine.add_listener(&recorder);
  std::int64_t now = 1'000'000;
  std::int64_t expiry_counter = 0;
  std::size_t compared = 0;

  for (int op = 0; op < operations; ++op) {
    const InstrumentId instrument = chance(1) ? 3 : static_cast<InstrumentId>(pick(1, 2));
    const Quantity lot = instrument == 1 ? 10 : 1;
    // Keep each book near a hundred orders: cancel more as it grows.
    const std::size_t live = model.live();
    const int cancel_percent = static_cast<int>(std::min<std::size_t>(60, live / 4));
    std::string what;
    if (live > 0 && chance(cancel_percent)) {
      const auto [id, owner] = model.live_order(rng() % live);
      const OwnerId as = chance(95) ? owner : owner + 1;
      what = "cancel " + std::to_string(id);
      EXPECT_EQ(engine.cancel(recorder.core_id(id), as), model.cancel(id, as)) << what;
    } else if (live > 0 && chance(20)) {
      const auto [id, owner] = model.live_order(rng() % live);
      const Price price = kMid + pick(-8, 8) * kTick + (chance(2) ? 1 : 0);
      const Quantity quantity = lot * pick(1, 12);
      const Price stop = chance(50) ? kMid + pick(-6, 6) * kTick : 0;
      what = "replace " + std::to_string(id);
      EXPECT_EQ(engine.replace(recorder.core_id(id), owner, price, quantity, nullptr, stop),
                model.replace(id, owner, price, quantity, stop))
          << what;
    } else if (instrument <= 2 &&
               chance(engine.phase(instrument) == TradingPhase::Continuous ? 1 : 4) &&
               chance(engine.phase(instrument) == TradingPhase::Continuous ? 20 : 100)) {
      // Mostly the day's natural order, long stretches of continuous trading, short calls; one
      // move in ten at random, which is usually refused (and must be by both).
      using P = TradingPhase;
      P phase = P::Closed;
      switch (engine.phase(instrument)) {
        case P::Closed:
          phase = P::PreOpen;
          break;
        case P::PreOpen:
        case P::Halted:
          phase = chance(80) ? P::Continuous : P::PreClose;
          break;
        case P::Continuous:
          phase = chance(50) ? P::Halted : P::PreClose;
          break;
        case P::PreClose:
          phase = P::Closed;
          break;
      }
      if (chance(10)) phase = static_cast<TradingPhase>(pick(0, 4));
      what = "set_phase " + std::to_string(static_cast<int>(phase));
      EXPECT_EQ(engine.set_phase(instrument, phase), model.set_phase(instrument, phase)) << what;
    } else if (chance(3)) {
      now += pick(1, 3'000'000);
      what = "advance_time " + std::to_string(now);
      engine.advance_time(now);
      model.advance_time(now);
    } else {
      OrderRequest r;
      r.instrument = instrument;
      r.side = chance(50) ? Side::Buy : Side::Sell;
      const int type = static_cast<int>(pick(0, 99));
      r.type = type < 76   ? OrderType::Limit
               : type < 84 ? OrderType::Market
               : type < 92 ? OrderType::Stop
                           : OrderType::StopLimit;
      r.price = r.type == OrderType::Limit || r.type == OrderType::StopLimit
                    ? kMid + pick(-8, 8) * kTick + (chance(1) ? 50 : 0)
                    : 0;
      r.quantity = chance(1) ? 0 : lot * pick(1, 12) + (chance(1) ? 1 : 0);
      if (is_stop(r)) {
        const Price last = engine.last_trade_price(instrument <= 2 ? instrument : 1);
        // Mostly on the side not yet reached; sometimes through it (rejected).
        const Price away = (r.side == Side::Buy ? 1 : -1) * pick(chance(90) ? 1 : -2, 4) * kTick;
        r.stop_price = (last ? last : kMid) + away;
      }
      const int tif = static_cast<int>(pick(0, 99));
      r.time_in_force = tif < 50   ? TimeInForce::Day
                        : tif < 62 ? TimeInForce::GoodTillCancel
                        : tif < 77 ? TimeInForce::ImmediateOrCancel
                        : tif < 85 ? TimeInForce::FillOrKill
                        : tif < 93 ? TimeInForce::GoodTillDate
                        : tif < 96 ? TimeInForce::AtTheOpen
                                   : TimeInForce::AtTheClose;
      if (r.time_in_force == TimeInForce::GoodTillDate) {
        // Unique expire times: the order of simultaneous expiries is not part of the contract.
        r.expire_time = now + pick(-1, 20) * 1'000'000 + (++expiry_counter % 1'000'000);
      }
      if (chance(15)) r.display_quantity = lot * pick(1, 4);
      if (chance(8)) r.min_quantity = lot * pick(1, 10);
      r.owner = static_cast<OwnerId>(pick(1, 4));
      r.self_match = static_cast<SelfMatchPrevention>(pick(0, 4));
      what = "submit #" + std::to_string(op);
      EXPECT_EQ(order_sequence(engine.submit(r)), model.submit(r)) << what;
    }
    if (recorder.events != model.events) {
      ADD_FAILURE() << "seed " << seed << ", operation " << op << " (" << what
                    << ")\n  core:      " << show(recorder.events)
                    << "\n  reference: " << show(model.events);
      return compared;
    }
    compared += recorder.events.size();
    for (const Event& e : recorder.events) {
      ++kinds[static_cast<unsigned char>(e.kind)];
      if (e.kind == 'C') ++cancel_reasons[static_cast<std::size_t>(e.c)];
    }
    recorder.events.clear();
    model.events.clear();
    if (instrument <= 2) {
      const std::string broken = engine.check_invariants(instrument);
      if (!broken.empty()) {
        ADD_FAILURE() << "seed " << seed << ", operation " << op << ": " << broken;
        return compared;
      }
    }
    if (op % 500 == 0 || op == operations - 1) {
      for (InstrumentId i = 1; i <= 2; ++i) {
        for (const Side side : {Side::Buy, Side::Sell}) {
          for (const PriceLevel& level : engine.book(i).levels(side)) {
            const auto [quantity, count] = model.level(i, side, level.price);
            if (quantity != level.quantity || count != level.orders) {
              ADD_FAILURE() << "seed " << seed << ", operation " << op << ": level " << level.price
                            << " differs";
              return compared;
            }
          }
        }
        if (engine.last_trade_price(i) != model.last_trade(i)) {
          ADD_FAILURE() << "last trade differs";
          return compared;
        }
      }
      const std::string broken = engine.check_invariants();
      if (!broken.empty()) {
        ADD_FAILURE() << broken;
        return compared;
      }
    }
  }
  return compared;
}

// Operations per seed: VTB_DIFFERENTIAL_OPS overrides (longer soak runs); sanitizer builds run
// fewer, being several times slower.
int operations_per_seed() {
  if (const char* env = std::getenv("VTB_DIFFERENTIAL_OPS")) return std::atoi(env);
#if defined(__SANITIZE_ADDRESS__)
  return 100'000;
#else
  return 500'000;
#endif
}

TEST(MatchingDifferential, CoreAndReferenceAgreeOnEveryEvent) {
  const int operations = operations_per_seed();
  std::size_t events = 0;
  for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
    events += run(seed, operations);
    if (HasFailure()) return;
  }
  std::printf("%d operations x 4 seeds, %zu events compared:", operations, events);
  for (const char kind : std::string_view("AJTBCRPMDFGHU"))
    std::printf(" %c=%zu", kind, kinds[static_cast<unsigned char>(kind)]);
  std::printf("\n");
  // Every kind of event happened, many times: the random mix reaches every rule.
  for (const char kind : std::string_view("AJTBCRPMDFGHU"))
    EXPECT_GT(kinds[static_cast<unsigned char>(kind)], 100u) << kind;
  for (int reason = 0; reason <= static_cast<int>(CancelReason::ReplacedToExecuted); ++reason)
    EXPECT_GT(cancel_reasons[static_cast<std::size_t>(reason)], 100u) << "CancelReason " << reason;
}

}  // namespace
}  // namespace vtb::sim
