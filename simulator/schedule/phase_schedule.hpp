#pragma once
// A trading day's timetable: when instruments move between trading phases. A schedule file has
// one change per line,
//   WHEN PHASE [SYMBOL]
// with '#' comments and blank lines allowed. WHEN is `+SECONDS` after the venue starts (decimals
// allowed) or `HH:MM:SS` UTC; PHASE one of PreOpen, Continuous, Halted, PreClose, Closed; without
// SYMBOL the change applies to every instrument. Changes apply in file order.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time/clock.hpp"
#include "simulator/matching/instrument.hpp"

namespace vtb::sim {

struct PhaseChange {
  bool after_start = true;  // `at` counts from the venue's start; otherwise UTC time of day
  Nanos at = 0;
  TradingPhase phase = TradingPhase::Continuous;
  InstrumentId instrument = 0;  // 0: every instrument
  int line = 0;
};

// Throws std::invalid_argument naming the file, line and word of a problem.
std::vector<PhaseChange> parse_phase_schedule(std::string_view text, const std::string& file_name,
                                              const std::vector<Instrument>& instruments);
std::vector<PhaseChange> load_phase_schedule(const std::string& path,
                                             const std::vector<Instrument>& instruments);

std::optional<TradingPhase> parse_phase(std::string_view name);
const char* phase_name(TradingPhase phase);

// Which changes are due: the venue asks on its timer with the monotonic time since it started and
// the UTC wall clock; a change comes out once. Times of day already past when the venue starts
// come out at once, so a venue started mid-day catches up to the phase it should be in.
class PhaseTimetable {
 public:
  PhaseTimetable() = default;
  PhaseTimetable(std::vector<PhaseChange> changes, Nanos start_wall);
  template <class Apply>
  void run_due(Nanos since_start, Nanos wall, Apply apply) {
    while (next_ < changes_.size() && due_at(changes_[next_], since_start, wall))
      apply(changes_[next_++]);
  }
  bool empty() const { return changes_.empty(); }

 private:
  bool due_at(const PhaseChange& change, Nanos since_start, Nanos wall) const;
  std::vector<PhaseChange> changes_;
  std::size_t next_ = 0;
  Nanos start_midnight_ = 0;  // UTC midnight of the day the venue started
};

}  // namespace vtb::sim
