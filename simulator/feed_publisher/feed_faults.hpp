#pragma once
// Injected faults on one feed (A or B): the stage between the feed's history and its socket that
// drops, duplicates, reorders or delays packets, as scenario scripts and operators ask through the
// control port (docs/CONTROL.md). Rules pick packets by count (the next N carrying messages), by
// chance (seeded, so a run repeats) or by a sequence range. Heartbeats (no messages) pass
// untouched: a fault is about the data an engine must recover. With no rule armed and nothing held
// the sink skips this stage with one branch.

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/time/clock.hpp"

namespace vtb::sim {

enum class FaultAction { Drop, Duplicate, Reorder, Delay };
const char* fault_action_name(FaultAction action);

struct FaultRule {
  FaultAction action = FaultAction::Drop;
  std::uint64_t count = 0;      // packets the rule acts on; 0: no limit
  double probability = 1.0;     // chance a packet in scope is hit
  std::uint64_t first_seq = 0;  // with last_seq: only packets whose first sequence number is
  std::uint64_t last_seq = 0;   //   in [first_seq, last_seq]; 0: any
  Nanos delay = 0;              // Delay: how long a hit packet is held
  std::uint64_t seed = 1;
};

struct FeedFaultStats {
  std::uint64_t dropped = 0, duplicated = 0, reordered = 0, delayed = 0;
};

// What a rule did to one packet, for the venue's event log.
struct FaultHit {
  FaultAction action;
  std::uint64_t sequence;  // first sequence number of the packet
  std::uint16_t count;     // its messages
};

class FeedFaults {
 public:
  using Send = std::function<void(std::string_view datagram)>;

  bool idle() const { return rules_.empty() && held_.empty(); }
  void arm(const FaultRule& rule);
  // Disarms every rule; held packets still go out (a reorder's on the next packet, a delay's when
  // due).
  void clear_rules() { rules_.clear(); }

  // One packet from the history: sent through `send` now (once or twice), later, or never.
  void pass(std::string_view datagram, Nanos mono_now, const Send& send);
  // Sends the delayed packets that are due.
  void release_due(Nanos mono_now, const Send& send);
  std::optional<Nanos> next_due() const;

  void set_observer(std::function<void(const FaultHit&)> observer) {
    observer_ = std::move(observer);
  }
  const FeedFaultStats& stats() const { return stats_; }

 private:
  struct ArmedRule {
    FaultRule rule;
    std::mt19937_64 rng;
    std::uint64_t hits = 0;
  };
  struct Held {
    std::string datagram;
    Nanos due;  // 0: goes out behind the next packet (reorder)
  };
  // The first rule that hits this packet, or none; exhausted rules are removed.
  std::optional<FaultAction> decide(std::uint64_t sequence, Nanos& delay);

  std::vector<ArmedRule> rules_;
  std::deque<Held> held_;
  FeedFaultStats stats_;
  std::function<void(const FaultHit&)> observer_;
};

}  // namespace vtb::sim
