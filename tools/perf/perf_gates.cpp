// perf_gates: the hot paths CI gates on, each behind a function of its own (`gate_...`, never
// inlined) that callgrind counts the instructions of (ci/perf-gates.sh): the same inputs every run,
// no clock that changes what the code does, no I/O inside a gate, so the counts repeat exactly.
//
//   gate_fix_decode_validate   a FIX 4.4 NewOrderSingle framed, read and validated against the
//                              venue's dictionary, as the session layer does with what arrives
//   gate_fix_encode            the engine's NewOrderSingle from its template
//   gate_matching_operation    one operation of a seeded flow into the matching core (submits,
//                              crossing orders, cancels)
//   gate_feed_handler_packet   one MoldUDP64 packet of the synthetic ITCH stream into the feed
//                              handler and its book (8 messages a packet on average)
//   gate_engine_order          the engine writing an order into its session (template, session)
//   gate_venue_order           a NewOrderSingle through the venue's order entry: decoded, matched,
//                              its ExecutionReports written and its ITCH messages published
//
// Run alone it prints each gate's calls, so that a change that makes a gate skip its work shows.

#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "common/feed_handler/feed_handler.hpp"
#include "common/fix/data_dictionary.hpp"
#include "common/fix/message_view.hpp"
#include "engine/orders/order_templates.hpp"
#include "simulator/feed_publisher/itch_publisher.hpp"
#include "simulator/gateway/fix_acceptor.hpp"
#include "simulator/gateway/order_entry.hpp"
#include "simulator/matching/matching_engine.hpp"
#include "tests/support/fix_text.hpp"
#include "tests/support/synthetic_feed.hpp"

namespace {

using namespace vtb;

constexpr Nanos kWall = 1'796'000'000'000'000'000;  // a fixed time: what a gate writes repeats
const Now kNow{1'000'000'000, kWall};

std::string new_order(int seq, const std::string& cl_ord_id, char side, const std::string& price) {
  return testing::framed("FIX.4.4",
                         "35=D|34=" + std::to_string(seq) +
                             "|49=ENGINE|52=20261207-12:00:00.000|56=VENUE|11=" + cl_ord_id +
                             "|21=1|38=100|40=2|44=" + price + "|54=" + std::string(1, side) +
                             "|55=ACME|59=0|60=20261207-12:00:00.000|");
}

[[gnu::noinline]] std::size_t gate_fix_decode_validate(std::string_view bytes,
                                                       const fix::DataDictionary& dictionary) {
  const fix::FrameResult frame = fix::frame_message(bytes, 4096);
  if (frame.status != fix::FrameStatus::Complete) return 0;
  const fix::MessageView message(bytes.substr(0, frame.length));
  return fix::validate_message(message, dictionary, dictionary) ? 0 : frame.length;
}

[[gnu::noinline]] std::size_t gate_fix_encode(const fix::MessageTemplate& order, char* buffer,
                                              std::uint64_t seq) {
  return engine::encode_new_order(order, buffer, 512, seq, "12345678", Side::Buy, 999'800, 100,
                                  kWall);
}

// The order's id when it is a submit that rests, else 0.
[[gnu::noinline]] sim::OrderId gate_matching_operation(sim::MatchingEngine& engine,
                                                       const sim::OrderRequest& request,
                                                       sim::OrderId cancel) {
  if (cancel != 0) {
    engine.cancel(cancel, request.owner);
    return 0;
  }
  const sim::OrderId id = engine.submit(request);
  return id != 0 && engine.find(id) ? id : 0;
}

struct BookListener {
  std::uint64_t updates = 0;
  void on_book_update(std::uint64_t, std::uint16_t) { ++updates; }
};

[[gnu::noinline]] void gate_feed_handler_packet(feed::FeedHandler<BookListener>& handler,
                                                std::string_view packet) {
  handler.on_datagram(packet);
}

[[gnu::noinline]] bool gate_engine_order(fix::Session& session, const fix::MessageTemplate& order,
                                         std::string_view cl_ord_id) {
  return engine::write_new_order(session, order, cl_ord_id, Side::Buy, 999'800, 100, kNow);
}

[[gnu::noinline]] void gate_venue_order(sim::OrderEntry& entry, std::string_view bytes) {
  entry.on_message(0, fix::MessageView(bytes), kNow);
}

struct NoSink : sim::DatagramSink {
  std::uint64_t packets = 0;
  void send(std::string_view) override { ++packets; }
};

struct Application : sim::FixApplication {
  sim::OrderEntry* entry = nullptr;
  void on_message(std::size_t s, const fix::MessageView& m, Now now) override {
    entry->on_message(s, m, now);
  }
};

fix::SessionConfig venue_session() {
  fix::SessionConfig c;
  c.begin_string = "FIX.4.4";
  c.sender_comp_id = "VENUE";
  c.target_comp_id = "ENGINE";
  c.reset_on_logon = true;
  return c;
}

}  // namespace

int main() {
  const std::string dictionary_path = VTB_SOURCE_DIR "/fixtures/venue-fix44.xml";
  const fix::DataDictionary dictionary = fix::DataDictionary::load(dictionary_path);
  std::size_t checked = 0;

  // FIX: decode and validate; encode.
  const std::string order_bytes = new_order(2, "12345678", '1', "99.98");
  for (int i = 0; i < 10'000; ++i)
    checked += gate_fix_decode_validate(order_bytes, dictionary) != 0;
  std::printf("gate_fix_decode_validate: %zu valid of 10000\n", checked);
  fix::SessionConfig engine_session;
  engine_session.begin_string = "FIX.4.4";
  engine_session.sender_comp_id = "ENGINE";
  engine_session.target_comp_id = "VENUE";
  const fix::MessageTemplate order_template = engine::new_order_template(engine_session, "ACME");
  char buffer[512];
  std::size_t bytes = 0;
  for (std::uint64_t seq = 1; seq <= 10'000; ++seq)
    bytes += gate_fix_encode(order_template, buffer, seq);
  std::printf("gate_fix_encode: %zu bytes\n", bytes);

  // Matching: a seeded flow of limit orders around a mid on two instruments, a fifth of them
  // crossing, and cancels of earlier ones.
  {
    sim::MatchingEngine engine({sim::Instrument{1, "ACME", 100, 1, 1'000'000},
                                sim::Instrument{2, "GLOBEX", 100, 1, 425'000}});
    std::mt19937_64 rng(3);
    std::vector<std::pair<sim::OrderId, sim::OwnerId>> resting;
    for (int i = 0; i < 100'000; ++i) {
      sim::OrderRequest r;
      r.instrument = static_cast<sim::InstrumentId>(1 + rng() % 2);
      r.side = rng() % 2 ? Side::Buy : Side::Sell;
      const Price mid = r.instrument == 1 ? 1'000'000 : 425'000;
      const Price away = static_cast<Price>(1 + rng() % 10) * 100;
      const bool cross = rng() % 5 == 0;
      r.price = (r.side == Side::Buy) != cross ? mid - away : mid + away;
      r.quantity = static_cast<Quantity>(1 + rng() % 10) * 10;
      r.owner = static_cast<sim::OwnerId>(1 + rng() % 8);
      sim::OrderId cancel = 0;
      if (!resting.empty() && rng() % 3 == 0) {
        const std::size_t pick = rng() % resting.size();
        cancel = resting[pick].first;
        r.owner = resting[pick].second;
        resting[pick] = resting.back();
        resting.pop_back();
      }
      if (const sim::OrderId id = gate_matching_operation(engine, r, cancel))
        resting.emplace_back(id, r.owner);
    }
    std::printf("gate_matching_operation: %llu trades\n",
                static_cast<unsigned long long>(engine.stats().trades));
  }

  // The feed handler on the synthetic stream.
  {
    feed::SyntheticFeedConfig config;
    config.messages = 200'000;
    config.instruments = 200;
    const feed::SyntheticFeed stream(config);
    BookListener listener;
    feed::FeedHandler<BookListener> handler(listener, 1u << 16);
    for (std::size_t i = 0; i < stream.packet_count(); ++i)
      gate_feed_handler_packet(handler, stream.packet(i));
    std::printf("gate_feed_handler_packet: %zu packets, %llu messages, %llu updates\n",
                stream.packet_count(), static_cast<unsigned long long>(stream.message_count()),
                static_cast<unsigned long long>(listener.updates));
  }

  // The engine writing orders into a logged-on session.
  {
    net::ByteBuffer outbox(1 << 20);
    fix::SessionConfig c = engine_session;
    c.initiator = true;
    c.persist_messages = false;
    fix::Session session(c, outbox);
    session.on_connect(kNow);  // sends its Logon
    session.on_message(
        fix::MessageView(testing::framed("FIX.4.4",
                                         "35=A|34=1|49=VENUE|52=20261207-12:00:00.000|56=ENGINE|"
                                         "98=0|108=30|")),
        Now{kNow.mono, 1'796'644'800'000'000'000});
    std::size_t written = 0;
    for (int i = 0; i < 10'000; ++i) {
      written += gate_engine_order(session, order_template, "12345678");
      if (outbox.size() > (1 << 19)) outbox.clear();
    }
    std::printf("gate_engine_order: %zu written (session active: %d)\n", written,
                session.active() ? 1 : 0);
  }

  // The venue's order entry: orders that rest, then orders that trade with them.
  {
    boost::asio::io_context io;
    Application app;
    sim::FixAcceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0},
                              {venue_session()}, app);
    sim::MatchingEngine engine({sim::Instrument{1, "ACME", 100, 1, 1'000'000}});
    sim::OrderEntry entry(engine, acceptor);
    app.entry = &entry;
    NoSink sink;
    sim::ItchPublisher publisher(sim::PublisherConfig{}, engine.instruments(), sink);
    engine.add_listener(&entry);
    engine.add_listener(&publisher);
    fix::Session& session = acceptor.session(0);
    session.on_connect(kNow);
    session.on_message(
        fix::MessageView(testing::framed("FIX.4.4",
                                         "35=A|34=1|49=ENGINE|52=20261207-12:00:00.000|56=VENUE|"
                                         "98=0|108=30|")),
        Now{kNow.mono, 1'796'644'800'000'000'000});
    std::vector<std::string> orders;
    for (int i = 0; i < 4'000; ++i) {
      const bool crossing = i % 2 == 1;  // every other order trades with the one before it
      char id[16];                       // (GCC 12 warns falsely inside "V" + std::to_string(...))
      std::snprintf(id, sizeof id, "V%d", i);
      orders.push_back(new_order(2 + i, id, crossing ? '2' : '1', "99.98"));
    }
    for (const std::string& o : orders) {
      gate_venue_order(entry, o);
      publisher.after_input(kNow);
      acceptor.flush_all();  // no connection: what was written is dropped
    }
    std::printf("gate_venue_order: %llu orders, %llu reports, %llu fills, %llu packets\n",
                static_cast<unsigned long long>(entry.stats().orders_received),
                static_cast<unsigned long long>(entry.stats().execution_reports),
                static_cast<unsigned long long>(entry.stats().fills),
                static_cast<unsigned long long>(sink.packets));
  }
  return 0;
}
