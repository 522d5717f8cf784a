#include "simulator/journal/journal.hpp"

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>

#include "simulator/matching/matching_engine.hpp"

namespace vtb::sim {
namespace {

namespace fs = std::filesystem;

std::vector<Instrument> instruments() {
  return {Instrument{1, "ACME", 100, 10, 1'000'000}, Instrument{2, "GLOBEX", 100, 1, 500'000}};
}

struct JournalTest : ::testing::Test {
  fs::path path = fs::temp_directory_path() / ("vtb-journal-" + std::to_string(::getpid()));
  ~JournalTest() override { fs::remove(path); }

  // A run with every kind of input: orders of all types, cancels, replaces, the clock, phases and
  // the largest execution.
  std::vector<CoreEvent> record_run(int operations) {
    MatchingEngine engine(instruments(), TradingPhase::PreOpen);
    CoreEventRecorder outputs;
    engine.add_listener(&outputs);
    journal::Writer writer(path.string(), instruments(), TradingPhase::PreOpen);
    engine.set_input_listener(&writer);
    engine.add_listener(&writer);
    std::mt19937_64 rng(7);
    std::int64_t now = 1'000;
    std::vector<OrderId> issued{0};  // cancels and replaces name these, live or not (0: never)
    for (int i = 0; i < operations; ++i) {
      const auto instrument = static_cast<InstrumentId>(1 + rng() % 2);
      const int what = static_cast<int>(rng() % 100);
      if (what < 2) {
        engine.set_phase(instrument, static_cast<TradingPhase>(rng() % 5));
      } else if (what < 3) {
        engine.set_max_execution(instrument, 20 * static_cast<Quantity>(rng() % 3));
      } else if (what < 5) {
        engine.advance_time(now += static_cast<std::int64_t>(rng() % 1000));
      } else if (what < 25) {
        engine.cancel(issued[rng() % issued.size()], 1 + static_cast<OwnerId>(rng() % 3));
      } else if (what < 35) {
        engine.replace(issued[rng() % issued.size()], 1 + static_cast<OwnerId>(rng() % 3),
                       1'000'000 + (static_cast<Price>(rng() % 9) - 4) * 100,
                       10 * static_cast<Quantity>(1 + rng() % 9));
      } else {
        OrderRequest r;
        r.instrument = instrument;
        r.side = rng() % 2 ? Side::Buy : Side::Sell;
        r.type = static_cast<OrderType>(rng() % 4);
        r.price = 1'000'000 + (static_cast<Price>(rng() % 9) - 4) * 100;
        r.stop_price = r.price + (r.side == Side::Buy ? 300 : -300);
        r.quantity = 10 * static_cast<Quantity>(1 + rng() % 9);
        r.time_in_force = static_cast<TimeInForce>(rng() % 7);
        r.expire_time = now + static_cast<std::int64_t>(rng() % 5000);
        r.display_quantity = rng() % 5 == 0 ? 10 : 0;
        r.owner = 1 + static_cast<OwnerId>(rng() % 3);
        r.owner_tag = rng();
        r.self_match = static_cast<SelfMatchPrevention>(rng() % 5);
        if (const OrderId id = engine.submit(r)) issued.push_back(id);
      }
    }
    EXPECT_EQ(writer.outputs(), outputs.events.size());
    return outputs.events;
  }
};

TEST_F(JournalTest, ReplayingAJournalReproducesEveryOutput) {
  const std::vector<CoreEvent> live = record_run(20'000);
  const journal::Journal journal = journal::read(path.string());
  EXPECT_EQ(journal.instruments.size(), 2u);
  EXPECT_EQ(journal.instruments[1].symbol, "GLOBEX");
  EXPECT_EQ(journal.initial_phase, TradingPhase::PreOpen);
  const journal::ReplayResult result = journal::replay(journal);
  EXPECT_EQ(result.inputs, 20'000u);
  EXPECT_EQ(result.recorded, live);  // the file holds exactly what the listeners heard
  EXPECT_TRUE(result.identical());
  EXPECT_EQ(result.recorded_hash, result.replayed_hash);
  EXPECT_EQ(result.recorded_hash, journal::hash(live));
  // The run traded, in continuous trading and in auctions.
  const auto count = [&](char kind) {
    return std::count_if(live.begin(), live.end(),
                         [&](const CoreEvent& e) { return e.kind == kind; });
  };
  EXPECT_GT(count('T'), 500);
  EXPECT_GT(count('U'), 5);
}

TEST_F(JournalTest, ReplayFindsTheFirstOutputThatDiffers) {
  record_run(2'000);
  journal::Journal journal = journal::read(path.string());
  // Tamper with one recorded trade's quantity, as a core that had changed behaviour would.
  std::size_t outputs = 0, tampered = 0;
  for (auto& record : journal.records) {
    if (auto* e = std::get_if<CoreEvent>(&record)) {
      if (e->kind == 'T' && tampered == 0) {
        e->c += 1;
        tampered = outputs;
      }
      ++outputs;
    }
  }
  ASSERT_GT(tampered, 0u);
  const journal::ReplayResult result = journal::replay(journal);
  EXPECT_FALSE(result.identical());
  EXPECT_EQ(result.first_difference, static_cast<std::int64_t>(tampered));
  EXPECT_NE(result.recorded_hash, result.replayed_hash);
}

TEST_F(JournalTest, AJournalCutShortReadsUpToItsLastCompleteRecordOrSaysWhy) {
  record_run(500);
  const auto size = fs::file_size(path);
  fs::resize_file(path, size + 4096);  // a crashed writer's preallocated zeros
  EXPECT_TRUE(journal::replay(journal::read(path.string())).identical());
  fs::resize_file(path, size - 3);  // the last record torn
  try {
    journal::read(path.string());
    FAIL() << "a torn record was read";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("is cut short"), std::string::npos) << e.what();
  }
  std::ofstream(path) << "not a journal";
  EXPECT_THROW(journal::read(path.string()), std::runtime_error);
}

// What a restart reads: FIX messages, reject-next and commits come back as written, and a writer
// resumed after the last commit drops what followed it, as a crash would have left it.
TEST_F(JournalTest, ARestartReadsUpToTheLastCommitAndDropsTheRest) {
  OrderRequest r;
  r.instrument = 1;
  r.side = Side::Buy;
  r.price = 1'000'000;
  r.quantity = 10;
  r.owner = 1;
  std::size_t committed_at = 0;
  {
    MatchingEngine engine(instruments());
    journal::Writer writer(path.string(), instruments(), TradingPhase::Continuous);
    engine.set_input_listener(&writer);
    engine.add_listener(&writer);
    writer.on_message_begin(2, Now{11, 22}, "8=FIX.4.4|35=D|11=a|");
    engine.submit(r);
    writer.on_message_end();
    writer.on_reject_next(3, "risk check");
    EXPECT_TRUE(writer.uncommitted());
    const journal::SessionMark marks[] = {{2, 7, 5}};
    writer.commit(42, marks);
    EXPECT_FALSE(writer.uncommitted());
    committed_at = writer.bytes();
    engine.submit(r);  // never committed: killed here
  }
  {
    journal::Reader reader(path.string());
    std::vector<journal::Record> records;
    journal::Record record;
    while (reader.next(record))
      records.push_back(record);
    EXPECT_TRUE(reader.problem().empty()) << reader.problem();
    ASSERT_EQ(records.size(), 10u);  // message, submit, accepted, booked, end, reject, commit, ...
    const auto& message = std::get<journal::GatewayMessage>(records[0]);
    EXPECT_EQ(message.session, 2u);
    EXPECT_EQ(message.now.mono, 11);
    EXPECT_EQ(message.now.wall, 22);
    EXPECT_EQ(message.message, "8=FIX.4.4|35=D|11=a|");
    EXPECT_TRUE(std::holds_alternative<journal::GatewayEnd>(records[4]));
    EXPECT_EQ(std::get<journal::RejectNext>(records[5]).count, 3u);
    EXPECT_EQ(std::get<journal::RejectNext>(records[5]).text, "risk check");
    const auto& commit = std::get<journal::Commit>(records[6]);
    EXPECT_EQ(commit.feed_next, 42u);
    ASSERT_EQ(commit.sessions.size(), 1u);
    EXPECT_EQ(commit.sessions[0].session, 2u);
    EXPECT_EQ(commit.sessions[0].next_sender, 7u);
    EXPECT_EQ(commit.sessions[0].next_target, 5u);
  }
  {
    journal::Writer resumed(path.string(), committed_at);
    EXPECT_FALSE(resumed.uncommitted());
    resumed.on_advance_time(99);
  }
  journal::Reader reader(path.string());
  std::vector<journal::Record> records;
  journal::Record record;
  while (reader.next(record))
    records.push_back(record);
  ASSERT_EQ(records.size(), 8u);  // the uncommitted submit and its outputs are gone
  EXPECT_EQ(std::get<journal::AdvanceTime>(std::get<journal::Input>(records[7])).now, 99);
}

// A journal that cannot grow (here a file size limit; a full disk alike) stops recording with a
// reason and the core goes on: what it wrote still reads and replays.
TEST_F(JournalTest, AJournalThatCannotGrowStopsAndTheRunGoesOn) {
  std::signal(SIGXFSZ, SIG_IGN);  // the limit is an error code, not a signal
  rlimit old{};
  ::getrlimit(RLIMIT_FSIZE, &old);
  rlimit limit = old;
  limit.rlim_cur = 20 << 20;  // the first 16 MiB chunk fits, its doubling does not
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limit), 0);
  {
    MatchingEngine engine(instruments());
    journal::Writer writer(path.string(), instruments(), TradingPhase::Continuous);
    engine.set_input_listener(&writer);
    engine.add_listener(&writer);
    OrderRequest r;
    r.instrument = 2;
    r.quantity = 1;
    r.owner = 1;
    for (int i = 0; i < 300'000 && writer.error().empty(); ++i) {
      r.side = i % 2 ? Side::Buy : Side::Sell;
      r.price = 500'000 + (i % 7) * 100;
      engine.submit(r);
    }
    EXPECT_NE(writer.error().find("cannot grow the journal"), std::string::npos) << writer.error();
    const std::uint64_t accepted = engine.stats().accepted;
    for (int i = 0; i < 1000; ++i)
      engine.submit(r);  // the core goes on
    EXPECT_EQ(engine.stats().accepted, accepted + 1000);
  }
  ::setrlimit(RLIMIT_FSIZE, &old);
  const journal::Journal journal = journal::read(path.string());
  EXPECT_GT(journal.records.size(), 100'000u);
}

}  // namespace
}  // namespace vtb::sim
