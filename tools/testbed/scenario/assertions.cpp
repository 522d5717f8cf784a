#include "tools/testbed/scenario/assertions.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "common/text/decimal.hpp"
#include "tools/quickfix_reference/quickfix_validator.hpp"

namespace vtb::scenario {

std::string AssertionResult::text() const {
  std::string t = key + ": expected " + expected + ", got " + actual;
  if (!detail.empty()) t += " (" + detail + ")";
  return t;
}

namespace {

constexpr const char* kTerminalStatuses =
    "234C8";  // Filled, DoneForDay, Canceled, Expired, Rejected

std::string millis(Nanos t) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f ms", static_cast<double>(t) / 1e6);
  return text;
}

std::string percentile_text(double p) {
  char text[16];
  std::snprintf(text, sizeof text, "%g", p);
  return text;
}

std::string micros(Nanos t) {
  return std::to_string(t / 1000) + " us";
}

// What the run's messages and events say, arranged for the assertions.
class Facts {
 public:
  explicit Facts(const RunRecord& run) : run_(run) {
    for (const FixRecord& m : run.messages) {
      if (m.from_engine && (m.type() == "D" || m.type() == "G" || m.type() == "F"))
        sent_.push_back(&m);
      if (m.from_engine && (m.type() == "D" || m.type() == "G")) {
        std::size_t chain = chains_.size();
        if (m.type() == "G") {
          const auto it = chain_of_.find(m.tag(41));
          if (it != chain_of_.end()) chain = it->second;
        }
        if (chain == chains_.size()) chains_.push_back({&m, 0});
        chain_of_[m.tag(11)] = chain;
        requests_.push_back(&m);
      }
      if (m.from_engine && (m.type() == "D" || m.type() == "G" || m.type() == "F"))
        unanswered_[m.tag(11)] = &m;
      if (!m.from_engine && (m.type() == "8" || m.type() == "9")) {
        if (const auto it = unanswered_.find(m.tag(11)); it != unanswered_.end()) {
          acks_.push_back({it->second, m.wall - it->second->wall});
          unanswered_.erase(it);
        }
      }
      // A new order the venue refused before it was one (its rate limit): ended, unacknowledged.
      if (!m.from_engine && m.type() == "j" && m.tag(372) == "D") {
        const auto it = chain_of_.find(m.tag(379));
        if (it != chain_of_.end() && chains_[it->second].order->tag(11) == m.tag(379))
          end_chain(chains_[it->second], m);
      }
      if (!m.from_engine && m.type() == "8") {
        auto it = chain_of_.find(m.tag(11));
        if (it == chain_of_.end()) it = chain_of_.find(m.tag(41));
        if (it != chain_of_.end()) {
          Chain& c = chains_[it->second];
          const std::string status = m.tag(39);
          if (!status.empty() &&
              std::string(kTerminalStatuses).find(status[0]) != std::string::npos)
            end_chain(c, m);
        }
        const std::string exec_type = m.tag(150);
        if ((exec_type == "F" || exec_type == "1" || exec_type == "2") &&
            text::parse_int(m.tag(32)).value_or(0) > 0) {
          fills_.push_back(&m);
        }
      }
    }
  }

  Nanos scenario_time(Nanos wall) const { return wall - run_.t0; }

  // "at 312.4 ms, after 'halt ACME' (250.0 ms)".
  std::string when(Nanos wall) const {
    const Nanos t = scenario_time(wall);
    std::string text = "at " + millis(t);
    const Step* before = nullptr;
    for (const Step& s : run_.scenario->timeline)
      if (s.at <= t) before = &s;
    if (before) text += ", after '" + before->name + "' (" + millis(before->at) + ")";
    return text;
  }

  // An order the engine sent (D, G or F) of the filter's message kind.
  bool sent_matches(const OrderFilter& f, const FixRecord& m) const {
    const std::string& kind = f.message;
    const std::string type = m.type();
    if (kind != "any" && type != (kind == "new" ? "D" : kind == "replace" ? "G" : "F"))
      return false;
    return matches(f, m);
  }
  bool matches(const OrderFilter& f, const FixRecord& m) const {
    if (!f.side.empty() && m.tag(54) != (f.side == "buy" ? "1" : "2")) return false;
    if (!f.symbol.empty() && m.tag(55) != f.symbol) return false;
    if (!f.type.empty() && m.type() == "D" && m.tag(40) != (f.type == "market" ? "1" : "2"))
      return false;
    const Nanos t = scenario_time(m.wall);
    if (f.from && t < *f.from) return false;
    if (f.to && t > *f.to) return false;
    return true;
  }

  struct Chain {
    const FixRecord* order;
    int terminals;
    const FixRecord* second_terminal = nullptr;
    Nanos ended = 0;  // wall time of the first terminal report
  };
  static void end_chain(Chain& c, const FixRecord& m) {
    ++c.terminals;
    if (c.terminals == 1) c.ended = m.wall;
    if (c.terminals == 2) c.second_terminal = &m;
  }

  const RunRecord& run_;
  std::vector<const FixRecord*> sent_;      // new orders, replaces and cancels from the engine
  std::vector<const FixRecord*> requests_;  // NewOrderSingle and replaces
  std::vector<const FixRecord*> fills_;     // ExecutionReports that fill, to the engine
  std::vector<Chain> chains_;               // an order and its replaces
  std::map<std::string, std::size_t> chain_of_;
  struct Ack {
    const FixRecord* request;
    Nanos latency;  // to the venue's first ExecutionReport or OrderCancelReject naming it
  };
  std::vector<Ack> acks_;
  std::map<std::string, const FixRecord*> unanswered_;  // by ClOrdID
};

}  // namespace

std::vector<HaltStretch> halt_stretches(const RunRecord& run) {
  std::vector<HaltStretch> out;
  std::map<std::string, Nanos> open;
  for (const VenueEvent& e : run.events) {
    if (e.name != "phase") continue;
    const std::string symbol = e.field("symbol");
    if (e.field("phase") == "Halted") {
      open.emplace(symbol, e.wall);
    } else if (const auto it = open.find(symbol); it != open.end()) {
      out.push_back({symbol, it->second, e.wall});
      open.erase(it);
    }
  }
  for (const auto& [symbol, from] : open)
    out.push_back({symbol, from, kForever});
  return out;
}

std::vector<FeedGap> feed_gaps(const RunRecord& run) {
  bool feed_b = false;
  for (const VenueEvent& e : run.events)
    if (e.name == "fault" && e.field("feed") == "B") feed_b = true;
  feed_b = feed_b || run.scenario->venue.feed_b;
  std::map<std::uint64_t, Nanos> lost_a, lost_b;  // sequence -> time dropped
  for (const VenueEvent& e : run.events) {
    if (e.name != "fault" || e.field("action") != "drop") continue;
    const auto seq = text::parse_int(e.field("seq"));
    const auto count = text::parse_int(e.field("count"));
    if (!seq || !count) continue;
    auto& lost = e.field("feed") == "A" ? lost_a : lost_b;
    for (std::int64_t s = *seq; s < *seq + *count; ++s)
      lost.emplace(static_cast<std::uint64_t>(s), e.wall);
  }
  std::vector<FeedGap> out;
  for (const auto& [seq, at_a] : lost_a) {
    Nanos at = at_a;
    if (feed_b) {
      const auto b = lost_b.find(seq);
      if (b == lost_b.end()) continue;
      at = std::max(at, b->second);
    }
    if (!out.empty() && out.back().last + 1 == seq) {
      out.back().last = seq;
      out.back().opened = std::min(out.back().opened, at);
    } else {
      out.push_back({seq, seq, at, kForever, {}});
    }
  }
  for (FeedGap& g : out) {
    std::set<std::uint64_t> missing;
    for (std::uint64_t s = g.first; s <= g.last; ++s)
      missing.insert(s);
    for (const VenueEvent& e : run.events) {
      if (e.wall < g.opened) continue;
      if (e.name == "retransmit") {
        const auto first = text::parse_int(e.field("first"));
        const auto answered = text::parse_int(e.field("answered"));
        if (!first || !answered) continue;
        for (auto s = *first; s < *first + *answered; ++s)
          missing.erase(static_cast<std::uint64_t>(s));
        if (missing.empty()) g.healed_by = "re-request";
      } else if (e.name == "snapshot") {
        const auto next = text::parse_int(e.field("next"));
        if (next && static_cast<std::uint64_t>(*next) > g.last) {
          missing.clear();
          g.healed_by = "snapshot";
        }
      }
      if (missing.empty()) {
        g.healed = e.wall;
        break;
      }
    }
  }
  return out;
}

namespace {

std::string bound_text(const CountBound& b) {
  if (b.equals) return std::to_string(*b.equals);
  std::string t;
  if (b.at_least) t = "at least " + std::to_string(*b.at_least);
  if (b.at_most)
    t += (t.empty() ? "" : " and ") + std::string("at most ") + std::to_string(*b.at_most);
  return t;
}
bool within(const CountBound& b, std::int64_t v) {
  if (b.equals && v != *b.equals) return false;
  if (b.at_least && v < *b.at_least) return false;
  if (b.at_most && v > *b.at_most) return false;
  return true;
}
std::string filter_text(const OrderFilter& f) {
  std::string t;
  const auto add = [&](const std::string& s) { t += (t.empty() ? "" : ", ") + s; };
  if (!f.side.empty()) add(f.side);
  if (!f.symbol.empty()) add(f.symbol);
  if (!f.type.empty()) add(f.type);
  if (f.from) add("from " + millis(*f.from));
  if (f.to) add("to " + millis(*f.to));
  return t.empty() ? "" : " (" + t + ")";
}

// Up to three messages, for a failure's detail.
std::string some(const std::vector<const FixRecord*>& messages, const Facts& facts) {
  std::string t;
  for (std::size_t i = 0; i < messages.size() && i < 3; ++i)
    t += (i ? "; " : "") + facts.when(messages[i]->wall) + ": " + messages[i]->readable();
  if (messages.size() > 3) t += "; and " + std::to_string(messages.size() - 3) + " more";
  return t;
}

class Evaluator {
 public:
  Evaluator(const RunRecord& run, const Facts& facts, AssertionResult& r)
      : run_(run), facts_(facts), r_(r) {}

  void operator()(const OrdersAssertion& a) {
    std::int64_t n = 0;
    for (const FixRecord* m : facts_.sent_)
      n += facts_.sent_matches(a.filter, *m);
    count(a.count, n,
          (a.filter.message == "new" ? "orders" : a.filter.message + " orders") +
              filter_text(a.filter));
  }
  void operator()(const MessagesAssertion& a) {
    std::string contains = a.contains;
    for (char& c : contains)
      if (c == '|') c = '\x01';
    std::int64_t n = 0;
    for (const FixRecord& m : run_.messages) {
      if (m.from_engine != !a.from_venue || m.type() != a.type) continue;
      if (!contains.empty() && m.raw.find(contains) == std::string::npos) continue;
      n += facts_.matches(a.filter, m);
    }
    count(a.count, n,
          "messages of type " + a.type + (a.from_venue ? " from the venue" : " from the engine") +
              (a.contains.empty() ? "" : " holding '" + a.contains + "'") + filter_text(a.filter));
  }
  void operator()(const FillsAssertion& a) {
    std::int64_t n = 0;
    for (const FixRecord* m : facts_.fills_)
      n += facts_.matches(a.filter, *m);
    count(a.count, n, "fills" + filter_text(a.filter));
  }
  void operator()(const NoOrdersWhileHalted& a) {
    std::vector<Forbidden> windows;
    for (const HaltStretch& h : halt_stretches(run_)) {
      windows.push_back(
          {h.from, h.to, h.symbol,
           h.symbol + " halted " + facts_.when(h.from) +
               (h.to == kForever ? " to the end" : " until " + millis(h.to - run_.t0))});
    }
    no_order_inside(windows, a.grace, "an instrument was halted", "no halt happened");
  }
  void operator()(const NoOrdersDuringGap& a) {
    std::vector<Forbidden> windows;
    for (const FeedGap& g : feed_gaps(run_))
      windows.push_back({g.opened, g.healed, {}, gap_text(g)});
    no_order_inside(windows, a.grace, "the feed had an unrecovered gap", "no gap happened");
  }
  void operator()(const GapRecovered& a) {
    const auto all = feed_gaps(run_);
    r_.expected = "every gap on the feed recovered within " + millis(a.within);
    r_.passed = !all.empty();
    r_.actual = all.empty() ? "no gap happened (drop a sequence on every feed first)"
                            : std::to_string(all.size()) + " gap(s), all recovered in time";
    for (const FeedGap& g : all) {
      if (g.healed != kForever && g.healed - g.opened <= a.within) continue;
      r_.passed = false;
      r_.actual = g.healed == kForever ? "a gap never recovered"
                                       : "a gap recovered after " + millis(g.healed - g.opened);
      r_.detail = gap_text(g);
      break;
    }
  }
  void operator()(const PositionAssertion& a) {
    std::int64_t position = 0;
    for (const FixRecord* m : facts_.fills_) {
      if (m->tag(55) != a.symbol || (a.at && m->wall > run_.t0 + *a.at)) continue;
      const std::int64_t q = text::parse_int(m->tag(32)).value_or(0);
      position += m->tag(54) == "1" ? q : -q;
    }
    count(a.quantity, position,
          (a.at ? "position at " + millis(*a.at) : std::string("final position")) + " in " +
              a.symbol);
  }
  void operator()(const OpenOrdersAssertion& a) {
    std::int64_t open = 0;
    for (const auto& c : facts_.chains_) {
      if (!a.at) {
        open += c.terminals == 0;
      } else if (const Nanos t = run_.t0 + *a.at; c.order->wall <= t) {
        open += c.terminals == 0 || c.ended > t;
      }
    }
    count(a.count, open, a.at ? "open orders at " + millis(*a.at) : "open orders at the end");
  }
  void operator()(const TerminalStates&) {
    std::vector<const FixRecord*> none, twice;
    for (const auto& c : facts_.chains_) {
      if (c.terminals == 0) none.push_back(c.order);
      if (c.terminals > 1) twice.push_back(c.second_terminal);
    }
    r_.expected = "every order in exactly one terminal state";
    r_.passed = none.empty() && twice.empty() && !facts_.chains_.empty();
    r_.actual = std::to_string(facts_.chains_.size()) +
                " order(s): " + std::to_string(none.size()) + " never ended, " +
                std::to_string(twice.size()) + " ended twice";
    if (facts_.chains_.empty()) r_.actual = "the engine sent no order";
    if (!none.empty()) r_.detail = "never ended: " + some(none, facts_);
    if (!twice.empty())
      r_.detail +=
          (r_.detail.empty() ? "" : "; ") + std::string("ended again: ") + some(twice, facts_);
  }
  void operator()(const NoSessionRejects&) {
    std::vector<const FixRecord*> rejects;
    for (const FixRecord& m : run_.messages)
      if (m.type() == "3") rejects.push_back(&m);
    r_.expected = "no session-level Reject (35=3) either way";
    r_.passed = rejects.empty();
    r_.actual = std::to_string(rejects.size()) + " Reject(s)";
    if (!rejects.empty()) r_.detail = some(rejects, facts_);
  }
  void operator()(const LogonsAssertion& a) {
    std::int64_t n = 0;
    for (const FixRecord& m : run_.messages)
      n += m.from_engine && m.type() == "A";
    count(a.count, n, "Logons from the engine");
  }
  // A number too high opens a gap, which resends (PossDupFlag=Y) and gap fills of the numbers in
  // it must close by the end: a session that recovered is continuous. A number too low that is not
  // a resend is a break at once.
  void operator()(const SequenceContinuous&) {
    r_.expected = "MsgSeqNum continuous both ways (resets at Logon, gaps filled by resends)";
    r_.passed = true;
    r_.actual = "continuous";
    for (const bool from_engine : {true, false}) {
      std::int64_t expected = 1;
      std::map<std::int64_t, const FixRecord*> missing;  // numbers skipped, where the gap opened
      const char* who = from_engine ? "the engine" : "the venue";
      for (const FixRecord& m : run_.messages) {
        if (m.from_engine != from_engine) continue;
        const std::int64_t seq = text::parse_int(m.tag(34)).value_or(-1);
        const bool reset = m.type() == "A" && (m.tag(141) == "Y" || seq == 1);
        if (reset) {
          expected = seq;
          missing.clear();
        }
        if (m.tag(43) == "Y") {  // a resend, or a gap fill of a range
          const std::int64_t end =
              m.type() == "4" ? text::parse_int(m.tag(36)).value_or(seq + 1) : seq + 1;
          missing.erase(missing.lower_bound(seq), missing.lower_bound(end));
          continue;
        }
        if (seq < expected) {
          r_.passed = false;
          r_.actual = std::string(who) + " sent " + std::to_string(seq) + " where " +
                      std::to_string(expected) + " was next";
          r_.detail = facts_.when(m.wall) + ": " + m.readable();
          return;
        }
        for (std::int64_t gap = expected; gap < seq && missing.size() < 100'000; ++gap)
          missing.emplace(gap, &m);
        expected = seq + 1;
        if (m.type() == "4") expected = text::parse_int(m.tag(36)).value_or(expected);
      }
      if (!missing.empty()) {
        const auto& [first, where] = *missing.begin();
        r_.passed = false;
        r_.actual = std::string(who) + " skipped " + std::to_string(first) + " (" +
                    std::to_string(missing.size()) + " number(s) never resent or gap-filled)";
        r_.detail = facts_.when(where->wall) + ": " + where->readable();
        return;
      }
    }
  }
  void operator()(const QuickFixValidates& a) {
    const std::string dictionary = a.dictionary.empty() ? run_.dictionary : a.dictionary;
    r_.expected = "QuickFIX accepts every message the engine sent (" + dictionary + ")";
    quickfix_reference::QuickFixValidator validator(dictionary);
    std::size_t sent = 0;
    std::vector<const FixRecord*> bad;
    std::string reason;
    for (const FixRecord& m : run_.messages) {
      if (!m.from_engine) continue;
      ++sent;
      const std::string problem = validator.validate(m.raw);
      if (problem.empty()) continue;
      if (bad.empty()) reason = problem;
      bad.push_back(&m);
    }
    r_.passed = bad.empty() && sent > 0;
    r_.actual = sent == 0 ? "the engine sent nothing"
                          : std::to_string(bad.size()) + " of " + std::to_string(sent) + " refused";
    if (!bad.empty()) r_.detail = "first: " + reason + "; " + some(bad, facts_);
  }
  void operator()(const EngineProcess& a) {
    const EngineOutcome& e = run_.engine;
    std::string expected, actual;
    bool passed = true;
    const auto add = [](std::string& t, const std::string& s) { t += (t.empty() ? "" : ", ") + s; };
    if (a.running) {
      add(expected, *a.running ? "running at the end" : "ended before the end");
      add(actual, e.running_at_end ? "running at the end" : "ended before the end");
      passed = passed && e.running_at_end == *a.running;
    }
    if (a.exit_code) {
      add(expected, "exit code " + std::to_string(*a.exit_code));
      add(actual, e.exit_code ? "exit code " + std::to_string(*e.exit_code) : "no exit code");
      passed = passed && e.exit_code == a.exit_code;
    }
    if (a.no_crash) {
      add(expected, "no crash");
      add(actual,
          e.crash_signal ? "crashed (signal " + std::to_string(*e.crash_signal) + ")" : "no crash");
      passed = passed && !e.crash_signal;
    }
    r_.expected = expected;
    r_.actual = actual;
    r_.passed = passed;
    if (!passed && !e.output_tail.empty()) r_.detail = "its output ends: " + e.output_tail;
  }
  void operator()(const TickToTrade& a) {
    // "p50" ... "p999", "max" for percentile 100: the keys of both reports.
    const std::string key =
        a.percentile == 100 ? "max"
        : a.percentile == 99.9
            ? "p999"
            : std::string("p").append(std::to_string(static_cast<int>(a.percentile)));
    r_.expected = "tick-to-trade " + key + " <= " + std::to_string(a.at_most) + " ns (" +
                  (run_.wire_json.empty() ? "the engine's own figure"
                                          : "on the wire: the trigger's first arrival to the "
                                            "order's first byte") +
                  ")";
    if (!run_.wire_json.empty()) {
      std::ifstream in(run_.wire_json);
      const auto wire = nlohmann::json::parse(in, nullptr, false);
      if (wire.is_discarded()) {
        r_.passed = false;
        r_.actual = "no analysis of the capture (" + run_.wire_json + ")";
        return;
      }
      const auto n = wire.value("matched", std::uint64_t{0});
      const auto v = wire.value(key + "_ns", std::int64_t{0});
      r_.passed = n > 0 && v <= a.at_most;
      r_.actual = n == 0 ? "no order matched with its trigger on the wire"
                         : std::to_string(v) + " ns over " + std::to_string(n) + " orders (" +
                               std::to_string(wire.value("unmatched", 0)) + " unmatched)";
      return;
    }
    std::ifstream in(run_.engine.summary_json);
    const auto summary = nlohmann::json::parse(in, nullptr, false);
    if (summary.is_discarded() || !summary.contains("tick_to_trade_internal_ns")) {
      r_.passed = false;
      r_.actual = "no engine summary (" + run_.engine.summary_json + ")";
      return;
    }
    const auto& t = summary["tick_to_trade_internal_ns"];
    const auto n = t.value("count", std::uint64_t{0});
    const auto v = t.value(key, std::int64_t{0});
    r_.passed = n > 0 && v <= a.at_most;
    r_.actual = n == 0 ? "no order was timed"
                       : std::to_string(v) + " ns over " + std::to_string(n) + " orders";
  }
  void operator()(const AckLatency& a) {
    std::vector<Nanos> latencies;
    for (const auto& ack : facts_.acks_)
      if (facts_.matches(a.filter, *ack.request)) latencies.push_back(ack.latency);
    std::sort(latencies.begin(), latencies.end());
    const std::string which = a.percentile == 100 ? "the slowest"
                              : a.percentile == 0 ? "the fastest"
                                                  : "p" + percentile_text(a.percentile);
    std::string expected = "venue order-to-acknowledgement " + which;
    if (a.at_least) expected += " >= " + micros(*a.at_least);
    if (a.at_most) expected += std::string(a.at_least ? " and" : "") + " <= " + micros(*a.at_most);
    r_.expected = expected;
    if (latencies.empty()) {
      r_.passed = false;
      r_.actual = "no order of the engine's was answered";
      return;
    }
    // Nearest rank: the smallest latency with at least `percentile` percent at or below it.
    const auto rank = static_cast<std::size_t>(
        std::ceil(a.percentile / 100 * static_cast<double>(latencies.size())));
    const Nanos v = latencies[std::clamp<std::size_t>(rank, 1, latencies.size()) - 1];
    r_.passed = (!a.at_least || v >= *a.at_least) && (!a.at_most || v <= *a.at_most);
    r_.actual = micros(v) + " over " + std::to_string(latencies.size()) + " answered (fastest " +
                micros(latencies.front()) + ", slowest " + micros(latencies.back()) + ")";
  }

 private:
  // A stretch of wall time in which the engine must send no new order or replace (for `symbol`
  // only, when set), from `grace` after it opens.
  struct Forbidden {
    Nanos from, to;
    std::string symbol;
    std::string text;  // for the failure's detail
  };
  void no_order_inside(const std::vector<Forbidden>& windows, Nanos grace,
                       const std::string& while_, const std::string& none) {
    std::vector<const FixRecord*> bad;
    std::string during;
    for (const FixRecord* m : facts_.requests_) {
      for (const Forbidden& w : windows) {
        if ((w.symbol.empty() || m->tag(55) == w.symbol) && m->wall >= w.from + grace &&
            m->wall < w.to) {
          if (bad.empty()) during = w.text;
          bad.push_back(m);
          break;
        }
      }
    }
    r_.expected = "no order while " + while_ + " (" + millis(grace) + " grace)";
    r_.passed = bad.empty();
    r_.actual = std::to_string(bad.size()).append(" order(s)");
    if (windows.empty()) r_.actual.append(" (").append(none).append(")");
    if (!bad.empty()) r_.detail = during + "; " + some(bad, facts_);
  }
  void count(const CountBound& b, std::int64_t v, const std::string& what) {
    r_.expected = what + " " + bound_text(b);
    r_.actual = std::to_string(v);
    r_.passed = within(b, v);
  }
  std::string gap_text(const FeedGap& g) const {
    std::string t = "sequence " + std::to_string(g.first) +
                    (g.last != g.first ? "-" + std::to_string(g.last) : "") + " lost " +
                    facts_.when(g.opened);
    if (g.healed != kForever)
      t += ", recovered by " + g.healed_by + " at " + millis(g.healed - run_.t0);
    else
      t += ", never recovered";
    return t;
  }

  const RunRecord& run_;
  const Facts& facts_;
  AssertionResult& r_;
};

}  // namespace

std::vector<AssertionResult> evaluate(const RunRecord& run) {
  const Facts facts(run);
  std::vector<AssertionResult> results;
  for (const Assertion& a : run.scenario->assertions) {
    AssertionResult r;
    r.key = a.key;
    r.where = a.where;
    try {
      std::visit(Evaluator(run, facts, r), a.kind);
    } catch (const std::exception& e) {
      r.passed = false;
      r.actual = std::string("could not be decided: ") + e.what();
    }
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace vtb::scenario
