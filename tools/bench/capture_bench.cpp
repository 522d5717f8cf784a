// bench_capture: `testbed analyze`'s work on a capture file, frames per second.
//
// The file is written once per run (to $TMPDIR), shaped like a loopback capture of the venue and an
// engine: feed packets of 1 to 8 ITCH messages (Add, Execute, Cancel, Delete) on feed A, each
// copied on feed B; every 10th packet triggers an order over TCP, answered by an acknowledgement
// and, every other time, a fill with its match number. The benchmark reads the file through
// libpcap and analyzes it (tick-to-trade and the venue's latencies), as `testbed analyze` does.
//
//   build/bin/bench_capture [--benchmark_repetitions=3]

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tools/capture/pcap_file.hpp"
#include "tools/capture/tick_to_trade.hpp"
#include "common/itch/messages.hpp"
#include "tests/support/capture_frames.hpp"

namespace {

using vtb::Nanos;
namespace capture = vtb::capture;
namespace itch = vtb::itch;

struct CaptureFile {
  std::string path;
  std::uint64_t frames = 0;
  std::uint64_t orders = 0;
};

std::string itch_message(std::uint64_t i, std::uint64_t reference) {
  const auto locate = static_cast<std::uint16_t>(1 + i % 50);
  std::string m;
  switch (i % 8) {
    case 0:
    case 1:
    case 2:
    case 3:
      m.resize(itch::AddOrder::kSize);
      itch::encode(
          itch::AddOrder{{locate, 0, i}, reference, 'B', 100, itch::make_symbol("ACME"), 1'000'000},
          m.data());
      break;
    case 4:
    case 5:
      m.resize(itch::OrderExecuted::kSize);
      itch::encode(itch::OrderExecuted{{locate, 0, i}, reference - 3, 100, i}, m.data());
      break;
    case 6:
      m.resize(itch::OrderCancel::kSize);
      itch::encode(itch::OrderCancel{{locate, 0, i}, reference - 5, 50}, m.data());
      break;
    default:
      m.resize(itch::OrderDelete::kSize);
      itch::encode(itch::OrderDelete{{locate, 0, i}, reference - 7}, m.data());
  }
  return m;
}

CaptureFile write_capture(std::uint64_t feed_packets) {
  CaptureFile file;
  file.path = (std::filesystem::temp_directory_path() /
               ("vtb-bench-capture-" + std::to_string(::getpid()) + ".pcap"))
                  .string();
  capture::PcapWriter writer(file.path);
  Nanos t = 1'763'800'000'000'000'000;
  std::uint64_t sequence = 1, reference = 1000;
  std::uint32_t to_venue = 1, to_engine = 1;
  const auto write = [&](const std::string& frame) {
    writer.write(t += 700, frame);
    ++file.frames;
  };
  for (std::uint64_t p = 0; p < feed_packets; ++p) {
    std::vector<std::string> messages;
    const std::uint64_t first = sequence;
    for (std::uint64_t m = 0; m < 1 + p % 8; ++m)
      messages.push_back(itch_message(sequence++, reference++));
    const std::string packet = capture::moldudp64_packet(first, messages);
    write(capture::frame(17, packet, 0, 0, 0x0800, 50000, 31001));
    write(capture::frame(17, packet, 0, 0, 0x0800, 50000, 31002));
    if (p % 10 != 0) continue;
    const std::string id = std::to_string(first);
    const std::string order = capture::fix_message("D", "49=ENGINE|56=VENUE|11=" + id + "|");
    write(capture::frame(6, order, to_venue, 0x18, 0x0800, 40000, 5001));
    to_venue += static_cast<std::uint32_t>(order.size());
    std::string report =
        capture::fix_message("8", "37=" + std::to_string(reference) + "|11=" + id + "|150=0|");
    if (p % 20 == 0)
      report += capture::fix_message(
          "8", "37=" + std::to_string(reference) + "|11=" + id + "|150=F|880=" + id + "|");
    write(capture::frame(6, report, to_engine, 0x18, 0x0800, 5001, 40000, 0x0A000002, 0x0A000001));
    to_engine += static_cast<std::uint32_t>(report.size());
    ++file.orders;
  }
  writer.flush();
  return file;
}

void BM_AnalyzeFile(benchmark::State& state) {
  const CaptureFile file = write_capture(static_cast<std::uint64_t>(state.range(0)));
  std::uint64_t matched = 0;
  for (auto _ : state) {
    capture::TickToTradeAnalyzer analyzer;
    capture::PcapReader reader(file.path);
    while (const auto frame = reader.next())
      analyzer.on_frame(reader.link_type(), *frame);
    const capture::TickToTradeResult r = analyzer.finish();
    matched = r.matched;
    benchmark::DoNotOptimize(r.summary.p50);
  }
  std::filesystem::remove(file.path);
  if (matched != file.orders) state.SkipWithError("not every order matched");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * file.frames));
  state.counters["frames"] = static_cast<double>(file.frames);
  state.counters["frames_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * file.frames), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AnalyzeFile)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
