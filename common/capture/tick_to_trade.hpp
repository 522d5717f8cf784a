#pragma once
// Tick-to-trade on the wire, from a capture: each order (FIX NewOrderSingle over TCP) is matched
// with the market-data message that triggered it (MoldUDP64/ITCH over UDP), and the latency is the
// order's wire time minus the trigger's.
//
// - Feed: every UDP payload that parses as a MoldUDP64 packet; each message's time is its first
//   arrival (feeds A and B carry the same numbers: the first copy wins).
// - Orders: every TCP flow carrying FIX, reassembled (TcpStream), framed and checksummed; a
// message's
//   time is that of the segment that carried its last byte. Orders are MsgType D.
// - Matching, by default the convention of ../shared/DESIGN.md: ClOrdID(11) is the trigger's
//   MoldUDP64 sequence number in decimal, optionally followed by '-' and a suffix. An order whose
//   trigger is not in the capture, or is later than the order, is unmatched.
//
// Percentiles are nearest-rank: the p-th is the smallest latency with at least p % of them at or
// below it.

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "common/capture/pcap_file.hpp"
#include "common/capture/tcp_stream.hpp"

namespace vtb::capture {

struct LatencySummary {
  std::uint64_t count = 0;
  Nanos min = 0, p50 = 0, p90 = 0, p99 = 0, p999 = 0, max = 0;
};
LatencySummary summarize(std::vector<Nanos> latencies);

struct TickToTradeResult {
  std::uint64_t frames = 0;
  std::uint64_t feed_packets = 0;
  std::uint64_t feed_messages = 0;  // distinct sequence numbers
  std::uint64_t fix_messages = 0;
  std::uint64_t garbled_fix = 0;
  std::uint64_t orders = 0;
  std::uint64_t matched = 0;
  std::uint64_t unmatched = 0;
  std::vector<Nanos> latencies;  // of the matched orders, in wire order
  LatencySummary summary;
};

class TickToTradeAnalyzer {
 public:
  void on_frame(int link_type, const Frame& frame);
  // Matches the orders seen with the triggers seen (triggers may come after their orders in the
  // file when captures are merged) and summarizes.
  TickToTradeResult finish();

 private:
  struct Flow {
    TcpStream stream;
    std::string buffer;
  };
  struct Order {
    std::uint64_t trigger;
    bool tagged;
    Nanos time;
  };
  void on_feed(std::string_view payload, Nanos time);
  void on_fix(Flow& flow, std::string_view bytes, Nanos time);

  std::map<std::tuple<std::uint32_t, std::uint16_t, std::uint32_t, std::uint16_t>, Flow> flows_;
  std::uint64_t first_sequence_ = 0;  // sequence numbers are stored from here
  std::vector<Nanos> first_arrival_;  // by sequence - first_sequence_; 0: not seen
  std::vector<Order> orders_;
  TickToTradeResult result_;
};

}  // namespace vtb::capture
