#pragma once
// The matching core's outputs flattened into fixed-size records: one per listener callback, with
// the fields that define it (ids, quantities, prices, reasons), so that two runs can be compared
// or hashed record by record. Used by the journal and by the differential test.

#include <cstdint>
#include <string>
#include <vector>

#include "simulator/matching/matching_listener.hpp"

namespace vtb::sim {

struct CoreEvent {
  char kind = 0;  // A accepted, J rejected, T trade, B booked, C canceled, R reduced, P replaced,
                  // M amended, D decremented, F replenished (refilled), G triggered, H phase,
                  // U auction (uncross)
  std::int64_t a = 0, b = 0, c = 0, d = 0, e = 0;
  bool operator==(const CoreEvent&) const = default;
};

std::string describe(const CoreEvent& event);

// Appends a CoreEvent for every callback to `events`; a subclass can send them elsewhere.
class CoreEventRecorder : public MatchingListener {
 public:
  std::vector<CoreEvent> events;

  void on_accepted(const Order& o) override { record({'A', id(o)}); }
  void on_rejected(const OrderRequest&, RejectReason r) override {
    record({'J', static_cast<std::int64_t>(r)});
  }
  void on_trade(const Trade& t) override {
    record({'T', id(t.aggressor), id(t.resting), t.quantity, t.price});
  }
  void on_booked(const Order& o) override { record({'B', id(o), o.leaves}); }
  void on_canceled(const Order& o, Quantity q, CancelReason reason, bool booked) override {
    record({'C', id(o), q, static_cast<std::int64_t>(reason), booked});
  }
  void on_reduced(const Order& o, Quantity by, Quantity shown) override {
    record({'R', id(o), by, shown});
  }
  void on_replaced(const Order& o, OrderId old_id, bool trades) override {
    record({'P', key(old_id), id(o), o.leaves, o.request.price, trades});
  }
  void on_amended(const Order& o) override { record({'M', id(o)}); }
  void on_decremented(const Order& o, Quantity by, Quantity shown, bool booked) override {
    record({'D', id(o), by, shown, booked});
  }
  void on_replenished(const Order& o, OrderId old_id) override {
    record({'F', key(old_id), id(o), o.displayed, o.leaves});
  }
  void on_triggered(const Order& o) override { record({'G', id(o)}); }
  void on_phase(InstrumentId i, TradingPhase phase) override {
    record({'H', i, static_cast<std::int64_t>(phase)});
  }
  void on_auction(InstrumentId i, AuctionKind kind, Price price, Quantity volume) override {
    record({'U', i, static_cast<std::int64_t>(kind), price, volume});
  }

 protected:
  virtual void record(const CoreEvent& event) { events.push_back(event); }
  // How an order id is recorded: as it is, unless a subclass says otherwise.
  virtual std::int64_t key(OrderId id) { return static_cast<std::int64_t>(id); }

 private:
  std::int64_t id(const Order& o) { return key(o.id); }
};

}  // namespace vtb::sim
