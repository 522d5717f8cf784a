// bench_fix: our FIX codec against QuickFIX, same message, same dictionary, one binary.
// The message is a FIX 4.4 NewOrderSingle with a two-entry Parties group. Heap allocations are
// counted by replacing operator new, and reported per message as `allocs_per_msg`.
//
//   build/bin/bench_fix [--benchmark_repetitions=5 ...]
// The dictionary is QuickFIX's FIX44.xml from ../shared/quickfix-spec (or $VTB_FIX44_DICTIONARY).

#include <benchmark/benchmark.h>

#include "tests/support/allocation_counter.hpp"

#include <cstdio>
#include <filesystem>
#include <string>

#include "common/fix/data_dictionary.hpp"
#include "common/fix/message_template.hpp"
#include "common/fix/message_view.hpp"
#include "common/fix/message_writer.hpp"
#include "common/fix/tags.hpp"
#include "tools/quickfix_reference/quickfix_bench.hpp"
#include "tools/quickfix_reference/quickfix_validator.hpp"

namespace {

namespace tag = vtb::fix::tag;

std::string dictionary_path() {
  if (const char* env = std::getenv("VTB_FIX44_DICTIONARY")) return env;
  return std::string(VTB_SOURCE_DIR) + "/../shared/quickfix-spec/FIX44.xml";
}

// Our encoder: header, body and group straight into the send buffer.
std::size_t encode_ours(char* buffer, std::size_t capacity, int seq) {
  vtb::fix::MessageWriter w(buffer, capacity, "FIX.4.4");
  const vtb::Nanos now = vtb::wall_clock_ns();
  w.field(tag::MsgType, "D");
  w.field_int(tag::MsgSeqNum, seq);
  w.field(tag::SenderCompID, "ENGINE");
  w.field_timestamp(tag::SendingTime, now);
  w.field(tag::TargetCompID, "VENUE");
  w.field(tag::ClOrdID, "1234567");
  w.field_int(tag::OrderQty, 100);
  w.field_char(tag::OrdType, '2');
  w.field_price(tag::Price, 999'800);
  w.field_char(tag::Side, '1');
  w.field(tag::Symbol, "ACME");
  w.field_char(tag::TimeInForce, '3');
  w.field_timestamp(tag::TransactTime, now);
  w.field_int(453, 2);  // NoPartyIDs
  w.field(448, "TRADER1");
  w.field_char(447, 'D');
  w.field_int(452, 11);
  w.field(448, "FIRM7");
  w.field_char(447, 'D');
  w.field_int(452, 1);
  return w.finish();
}

void report_allocations(benchmark::State& state, std::uint64_t before) {
  state.counters["allocs_per_msg"] = static_cast<double>(vtb::testing::allocations() - before) /
                                     static_cast<double>(state.iterations());
}

void BM_Encode_Ours(benchmark::State& state) {
  char buffer[1024];
  int seq = 1;
  const auto before = vtb::testing::allocations();
  for (auto _ : state) {
    benchmark::DoNotOptimize(encode_ours(buffer, sizeof buffer, seq++));
    benchmark::ClobberMemory();
  }
  report_allocations(state, before);
}

// The same message from a pre-built template: only MsgSeqNum, SendingTime, ClOrdID, OrderQty,
// Price, Side and TransactTime are written per message; the rest (Parties included) is constant.
void BM_Encode_Template(benchmark::State& state) {
  vtb::fix::MessageTemplate order("FIX.4.4", "D");
  order.slot(tag::MsgSeqNum)
      .field(tag::SenderCompID, "ENGINE")
      .slot(tag::SendingTime)
      .field(tag::TargetCompID, "VENUE")
      .slot(tag::ClOrdID)
      .slot(tag::OrderQty)
      .field(tag::OrdType, "2")
      .slot(tag::Price)
      .slot(tag::Side)
      .field(tag::Symbol, "ACME")
      .field(tag::TimeInForce, "3")
      .slot(tag::TransactTime)
      .field(453, "2")
      .field(448, "TRADER1")
      .field(447, "D")
      .field(452, "11")
      .field(448, "FIRM7")
      .field(447, "D")
      .field(452, "1");
  char buffer[1024];
  int seq = 1;
  const auto before = vtb::testing::allocations();
  for (auto _ : state) {
    const vtb::Nanos now = vtb::wall_clock_ns();
    auto f = order.fill(buffer, sizeof buffer);
    f.integer(seq++).timestamp(now).text("1234567").integer(100).price(999'800).character('1');
    benchmark::DoNotOptimize(f.timestamp(now).finish());
    benchmark::ClobberMemory();
  }
  report_allocations(state, before);
}

void BM_Encode_QuickFix(benchmark::State& state) {
  vtb::quickfix_reference::QuickFixCodecBench quickfix(dictionary_path());
  int seq = 1;
  const auto before = vtb::testing::allocations();
  for (auto _ : state)
    benchmark::DoNotOptimize(quickfix.encode_new_order_single(seq++).size());
  report_allocations(state, before);
}

// One message framed, parsed and validated by our code, as a venue's session does.
void decode_validate(benchmark::State& state, std::string_view raw,
                     const vtb::fix::DataDictionary& dictionary) {
  const auto frame = vtb::fix::frame_message(raw, 65536);
  const vtb::fix::MessageView message(raw.substr(0, frame.length));
  const auto error = vtb::fix::validate_message(message, dictionary, dictionary);
  if (error) state.SkipWithError("our validator rejected the benchmark message");
  benchmark::DoNotOptimize(error);
}

void BM_DecodeValidate_Ours(benchmark::State& state) {
  const auto dictionary = vtb::fix::DataDictionary::load(dictionary_path());
  char buffer[1024];
  const std::string raw(buffer, encode_ours(buffer, sizeof buffer, 2));
  const auto before = vtb::testing::allocations();
  for (auto _ : state) {
    decode_validate(state, raw, dictionary);
  }
  report_allocations(state, before);
}

// The validator remembers the structure (tags, group counts) of valid messages, so a message
// shaped like an earlier one only has its values checked. Here two shapes of NewOrderSingle
// (two Parties, then one) alternate and evict each other: every message is checked in full.
void BM_DecodeValidate_Ours_NewShape(benchmark::State& state) {
  const auto dictionary = vtb::fix::DataDictionary::load(dictionary_path());
  char buffer[1024];
  const std::string two_parties(buffer, encode_ours(buffer, sizeof buffer, 2));
  // The same order with one Parties entry: drop the last three fields and fix the count.
  std::string one_party = two_parties.substr(0, two_parties.find("448=FIRM7"));
  one_party.replace(one_party.find("453=2"), 5, "453=1");
  vtb::fix::MessageWriter w(buffer, sizeof buffer, "FIX.4.4");
  const vtb::fix::MessageView body(one_party);
  for (const vtb::fix::Field& f : body) {
    if (f.tag != tag::BeginString && f.tag != tag::BodyLength) w.field(f.tag, f.value);
  }
  const std::string one(buffer, w.finish());
  const std::string* messages[2] = {&two_parties, &one};
  std::size_t i = 0;
  const auto before = vtb::testing::allocations();
  for (auto _ : state) {
    const std::string& raw = *messages[i++ & 1];
    decode_validate(state, raw, dictionary);
  }
  report_allocations(state, before);
}

void BM_DecodeValidate_QuickFix(benchmark::State& state) {
  vtb::quickfix_reference::QuickFixCodecBench quickfix(dictionary_path());
  char buffer[1024];
  const std::string raw(buffer, encode_ours(buffer, sizeof buffer, 2));
  const auto before = vtb::testing::allocations();
  for (auto _ : state) {
    if (!quickfix.decode_and_validate(raw)) state.SkipWithError("QuickFIX rejected the message");
  }
  report_allocations(state, before);
}

// Loading a whole standard dictionary, as a session's start does: FIX44.xml (a venue's usual)
// and FIX50SP2.xml (the largest: 6,028 fields, tags up to 50002), ours and QuickFIX's.
std::string spec_path(const char* name) {
  return (std::filesystem::path(dictionary_path()).parent_path() / name).string();
}

void BM_LoadDictionary_Ours(benchmark::State& state, const char* name) {
  const std::string path = spec_path(name);
  for (auto _ : state)
    benchmark::DoNotOptimize(vtb::fix::DataDictionary::load(path).id());
}

void BM_LoadDictionary_QuickFix(benchmark::State& state, const char* name) {
  const std::string path = spec_path(name);
  for (auto _ : state)
    vtb::quickfix_reference::QuickFixValidator validator(path);
}

BENCHMARK_CAPTURE(BM_LoadDictionary_Ours, FIX44, "FIX44.xml")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadDictionary_QuickFix, FIX44, "FIX44.xml")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadDictionary_Ours, FIX50SP2, "FIX50SP2.xml")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadDictionary_QuickFix, FIX50SP2, "FIX50SP2.xml")
    ->Unit(benchmark::kMillisecond);

BENCHMARK(BM_Encode_Ours);
BENCHMARK(BM_Encode_Template);
BENCHMARK(BM_Encode_QuickFix);
BENCHMARK(BM_DecodeValidate_Ours);
BENCHMARK(BM_DecodeValidate_Ours_NewShape);
BENCHMARK(BM_DecodeValidate_QuickFix);

}  // namespace

int main(int argc, char** argv) {
  if (!std::filesystem::exists(dictionary_path())) {
    std::printf("bench_fix: SKIPPED: no FIX44.xml at %s (set VTB_FIX44_DICTIONARY)\n",
                dictionary_path().c_str());
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
