#pragma once
// Test helper: a venue's matching core and feed publisher trading on three instruments, with the
// feed's packets collected, and its messages kept in a FeedHistory for re-requests.

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "simulator/feed_publisher/feed_history.hpp"
#include "simulator/feed_publisher/itch_publisher.hpp"
#include "simulator/matching/matching_engine.hpp"

namespace vtb::sim {

struct FeedTestSink : DatagramSink {
  std::vector<std::string> datagrams;
  void send(std::string_view d) override { datagrams.emplace_back(d); }
};

inline std::vector<Instrument> feed_test_instruments() {
  return {Instrument{1, "ACME", 100, 1, 1'000'000}, Instrument{2, "INITECH", 100, 1, 500'000},
          Instrument{3, "HOOLI", 100, 1, 2'000'000}};
}

// A trading session on three instruments: adds, cancels, replaces and crossing orders, one input
// at a time, each flushed as the venue does. Everything the feed carried is in `sink`.
struct FeedTestVenue {
  FeedTestSink sink;
  FeedHistory history{1 << 16, "VTB0000001", 1400};
  MatchingEngine engine{feed_test_instruments()};
  ItchPublisher publisher{PublisherConfig{}, feed_test_instruments(), sink, &history};

  std::mt19937_64 rng{11};
  std::vector<std::pair<OrderId, OwnerId>> resting;

  FeedTestVenue() {
    engine.add_listener(&publisher);
    publisher.start_of_day(Now::read());
  }

  void trade(int inputs) {
    for (int i = 0; i < inputs; ++i) {
      const auto instrument = static_cast<InstrumentId>(1 + rng() % 3);
      const Price mid = feed_test_instruments()[instrument - 1].reference_price;
      const Price price = mid + (static_cast<Price>(rng() % 11) - 5) * 100;
      if (!resting.empty() && rng() % 3 == 0) {
        const std::size_t pick = rng() % resting.size();
        const auto [id, owner] = resting[pick];
        if (engine.find(id)) {
          if (rng() % 2) {
            engine.cancel(id, owner);
          } else {
            engine.replace(id, owner, engine.find(id)->request.price + 100 * (rng() % 3),
                           1 + static_cast<Quantity>(rng() % 80));
          }
        }
        resting[pick] = resting.back();
        resting.pop_back();
      } else {
        OrderRequest r;
        r.instrument = instrument;
        r.side = rng() % 2 ? Side::Buy : Side::Sell;
        r.price = price;
        r.quantity = 1 + static_cast<Quantity>(rng() % 100);
        r.owner = 1 + static_cast<OwnerId>(rng() % 4);
        const OrderId id = engine.submit(r);
        if (id != 0 && engine.find(id)) resting.emplace_back(id, r.owner);
      }
      publisher.after_input(Now::read());
    }
  }
};

}  // namespace vtb::sim
