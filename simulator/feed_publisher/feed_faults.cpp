#include "simulator/feed_publisher/feed_faults.hpp"

#include <algorithm>

#include "common/moldudp64/packet.hpp"
#include "common/wire/big_endian.hpp"

namespace vtb::sim {

const char* fault_action_name(FaultAction action) {
  switch (action) {
    case FaultAction::Drop:
      return "drop";
    case FaultAction::Duplicate:
      return "duplicate";
    case FaultAction::Reorder:
      return "reorder";
    case FaultAction::Delay:
      return "delay";
  }
  return "?";
}

void FeedFaults::arm(const FaultRule& rule) {
  rules_.push_back(ArmedRule{rule, std::mt19937_64(rule.seed), 0});
}

std::optional<FaultAction> FeedFaults::decide(std::uint64_t sequence, Nanos& delay) {
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    const FaultRule& r = it->rule;
    if (r.last_seq != 0 && (sequence < r.first_seq || sequence > r.last_seq)) continue;
    if (r.probability < 1.0 &&
        std::uniform_real_distribution<double>(0.0, 1.0)(it->rng) >= r.probability) {
      continue;
    }
    const FaultAction action = r.action;
    delay = r.delay;
    if (r.count != 0 && ++it->hits >= r.count) rules_.erase(it);
    return action;
  }
  return std::nullopt;
}

void FeedFaults::pass(std::string_view datagram, Nanos mono_now, const Send& send) {
  std::optional<FaultAction> action;
  Nanos delay = 0;
  std::uint64_t sequence = 0;
  std::uint16_t count = 0;
  if (datagram.size() >= moldudp64::kHeaderSize) {
    sequence = wire::load_u64(datagram.data() + moldudp64::kSequenceOffset);
    count = wire::load_u16(datagram.data() + moldudp64::kCountOffset);
    if (count != 0 && count != moldudp64::kEndOfSession) action = decide(sequence, delay);
  }
  if (action) {
    if (observer_) observer_(FaultHit{*action, sequence, count});
    switch (*action) {
      case FaultAction::Drop:
        ++stats_.dropped;
        return;
      case FaultAction::Duplicate:
        ++stats_.duplicated;
        send(datagram);
        break;
      case FaultAction::Reorder:
        ++stats_.reordered;
        held_.push_back(Held{std::string(datagram), 0});
        return;  // goes out behind the next packet
      case FaultAction::Delay:
        ++stats_.delayed;
        held_.push_back(Held{std::string(datagram), mono_now + std::max<Nanos>(delay, 1)});
        return;
    }
  }
  send(datagram);
  // A packet went out: the ones held to be overtaken follow it.
  for (auto it = held_.begin(); it != held_.end();) {
    if (it->due == 0) {
      send(it->datagram);
      it = held_.erase(it);
    } else {
      ++it;
    }
  }
}

void FeedFaults::release_due(Nanos mono_now, const Send& send) {
  for (auto it = held_.begin(); it != held_.end();) {
    if (it->due != 0 && it->due <= mono_now) {
      send(it->datagram);
      it = held_.erase(it);
    } else {
      ++it;
    }
  }
}

std::optional<Nanos> FeedFaults::next_due() const {
  std::optional<Nanos> due;
  for (const Held& h : held_)
    if (h.due != 0 && (!due || h.due < *due)) due = h.due;
  return due;
}

}  // namespace vtb::sim
