#include "simulator/recovery/journal_replay.hpp"

#include <stdexcept>
#include <variant>

#include "simulator/schedule/phase_schedule.hpp"

namespace vtb::sim {

namespace {

// The core's outputs as replayed, compared one by one with the recorded ones as they come.
class OutputCheck : public CoreEventRecorder {
 public:
  // The next recorded output: false when the replay had not given it (yet) or gave another.
  bool expect(const CoreEvent& recorded) {
    if (next_ >= events.size() || !(events[next_] == recorded)) return false;
    if (++next_ == events.size()) {  // all matched so far: keep no history
      events.clear();
      next_ = 0;
    }
    return true;
  }
  std::size_t unmatched() const { return events.size() - next_; }

 private:
  std::size_t next_ = 0;
};

std::string describe_instrument(const Instrument& i) {
  return i.symbol + " (id " + std::to_string(i.id) + ", tick " + std::to_string(i.tick_size) +
         ", lot " + std::to_string(i.lot_size) + ", reference " +
         std::to_string(i.reference_price) + ")";
}

}  // namespace

JournalReplay replay_journal(const std::string& path, const std::vector<Instrument>& instruments,
                             TradingPhase initial_phase, std::size_t sessions,
                             MatchingEngine& engine, OrderEntry& order_entry) {
  JournalReplay result;
  result.sessions.assign(sessions, journal::SessionMark{});
  const auto fail = [&](const std::string& what) { return std::runtime_error(path + ": " + what); };
  // First pass: where the last commit ends.
  std::size_t end_of_records = 0;
  std::string tail_problem;
  {
    journal::Reader reader(path);
    const auto& recorded = reader.instruments();
    if (recorded.size() != instruments.size()) {
      throw fail("written for " + std::to_string(recorded.size()) + " instruments, the venue has " +
                 std::to_string(instruments.size()) +
                 ": restart with the instruments file it was written with, or start a new day in "
                 "an empty state directory");
    }
    for (std::size_t i = 0; i < recorded.size(); ++i) {
      const Instrument& a = recorded[i];
      const Instrument& b = instruments[i];
      if (a.id != b.id || a.symbol != b.symbol || a.tick_size != b.tick_size ||
          a.lot_size != b.lot_size || a.reference_price != b.reference_price) {
        throw fail("written for " + describe_instrument(a) + ", the venue has " +
                   describe_instrument(b) +
                   ": restart with the instruments file it was written with, or start a new day "
                   "in an empty state directory");
      }
    }
    if (reader.initial_phase() != initial_phase) {
      throw fail(std::string("written by a venue that started in ") +
                 phase_name(reader.initial_phase()) + ", this one starts in " +
                 phase_name(initial_phase) + " (a --schedule added or removed?)");
    }
    result.resume_at = reader.offset();
    journal::Record record;
    while (reader.next(record)) {
      if (std::holds_alternative<journal::Commit>(record)) result.resume_at = reader.offset();
    }
    end_of_records = reader.offset();
    tail_problem = reader.problem();
  }
  if (!tail_problem.empty() && end_of_records < result.resume_at) throw fail(tail_problem);
  result.dropped_bytes = end_of_records - result.resume_at;

  // Second pass: the replay, up to the last commit.
  OutputCheck check;
  engine.add_listener(&check);
  struct Detach {
    MatchingEngine& engine;
    OutputCheck& check;
    ~Detach() { engine.remove_listener(&check); }
  } detach{engine, check};
  journal::Reader reader(path);
  journal::Record record;
  bool in_message = false;  // core inputs inside a gateway message are made again by handling it
  while (reader.offset() < result.resume_at && reader.next(record)) {
    std::visit(
        [&](const auto& r) {
          using T = std::decay_t<decltype(r)>;
          if constexpr (std::is_same_v<T, journal::Input>) {
            if (in_message) return;
            journal::apply(engine, r);
            ++result.inputs;
          } else if constexpr (std::is_same_v<T, CoreEvent>) {
            if (!check.expect(r)) {
              throw fail("replaying it gave other outputs than were recorded, at output " +
                         std::to_string(result.outputs) + " (recorded " + describe(r) +
                         "): was it written by another build of the venue? Start a new day in an "
                         "empty state directory");
            }
            ++result.outputs;
          } else if constexpr (std::is_same_v<T, journal::GatewayMessage>) {
            if (r.session >= sessions) {
              throw fail("a message of session " + std::to_string(r.session) + ", the venue has " +
                         std::to_string(sessions) +
                         ": restart with the sessions file it was written with");
            }
            in_message = true;
            order_entry.replay(r.session, r.message, r.now);
            ++result.gateway_messages;
          } else if constexpr (std::is_same_v<T, journal::GatewayEnd>) {
            in_message = false;
          } else if constexpr (std::is_same_v<T, journal::RejectNext>) {
            order_entry.reject_next(r.count, std::string(r.text));
          } else {
            ++result.commits;
            result.feed_next = r.feed_next;
            for (const journal::SessionMark& mark : r.sessions) {
              if (mark.session < sessions) result.sessions[mark.session] = mark;
            }
          }
        },
        record);
  }
  if (check.unmatched() != 0) {
    throw fail("replaying it gave " + std::to_string(check.unmatched()) +
               " output(s) more than were recorded: was it written by another build of the "
               "venue? Start a new day in an empty state directory");
  }
  return result;
}

}  // namespace vtb::sim
