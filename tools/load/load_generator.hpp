#pragma once
// `testbed load`'s engine: K FIX sessions to one acceptor, sending the LoadPlan's requests open
// loop at a constant rate from one thread, and timing each request's first answer from the moment
// it was meant to go out (its intended send time, as wrk2 does): a venue that stalls cannot hide
// the queue it builds, because the requests behind the stall are timed from when they should have
// left, not from when the generator got round to them (coordinated omission).
//
// One thread, busy-polling: epoll says which sessions have something to read; requests due are
// written into their session's buffer and each session is flushed once a turn, so a busy turn
// sends many requests per system call. Answers are matched to requests by ClOrdID (the request's
// index); nothing allocates while it runs.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/stats/latency_histogram.hpp"
#include "common/time/clock.hpp"
#include "tools/load/load_plan.hpp"

namespace vtb::load {

struct LoadOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 5001;
  double rate = 1000;      // requests a second
  double duration_s = 10;  // of sending; answers are awaited up to `drain_s` more
  double drain_s = 2;
  std::uint32_t sessions = 1;
  std::string begin_string = "FIX.4.4";  // or FIX.4.2, FIXT.1.1 (FIX 5.0SP2)
  std::string sender_prefix = "LOAD";    // SenderCompIDs LOAD0001, LOAD0002, ...
  std::string target_comp_id = "VENUE";
  LoadMix mix;
  std::vector<LoadInstrument> instruments;
  int levels = 10;
  Quantity lots = 1;  // per order, in the instrument's lots
  std::uint64_t seed = 1;
  double logon_timeout_s = 10;
};

// The SenderCompID of session `n` (0-based): prefix and a number from 0001.
std::string load_comp_id(const std::string& prefix, std::uint32_t n);

struct LoadResult {
  double seconds = 0;  // of sending
  double target_rate = 0;
  double achieved_rate = 0;  // requests sent a second
  std::uint64_t sent = 0;
  std::uint64_t answered = 0;  // requests with an answer (ExecutionReport, cancel reject, ...)
  std::uint64_t unanswered = 0;
  std::uint64_t unanswered_by_kind[3] = {};  // new, cancel, replace (RequestKind)
  std::uint64_t rejects = 0;  // orders rejected, cancel/replace rejects, business rejects
  std::uint64_t errors = 0;   // session-level rejects, sessions lost, messages not sent
  std::uint64_t fills = 0;
  std::uint64_t max_behind_ns = 0;  // how far the sending fell behind its schedule at worst
  LatencyHistogram latency;         // request -> its first answer, from the intended send time (ns)
};

struct LoadProgress {
  double seconds;
  std::uint64_t sent, answered;
  std::int64_t p99_ns;
};

class LoadGenerator {
 public:
  // Connects and logs on every session; throws std::runtime_error naming the one that failed.
  explicit LoadGenerator(const LoadOptions& options);
  ~LoadGenerator();
  LoadGenerator(const LoadGenerator&) = delete;
  LoadGenerator& operator=(const LoadGenerator&) = delete;

  // Sends at `rate` for `duration_s`, then waits for the answers. `progress` is called about
  // once a second. Can be called again (saturation search): the sessions stay logged on.
  LoadResult run(double rate, double duration_s,
                 const std::function<void(const LoadProgress&)>& progress = {});

  // Logs every session out.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vtb::load
