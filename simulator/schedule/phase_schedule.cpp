#include "simulator/schedule/phase_schedule.hpp"

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/fix/session_schedule.hpp"

namespace vtb::sim {

namespace {

constexpr Nanos kNanosPerDay = 86'400 * kNanosPerSecond;

std::optional<Nanos> parse_when(std::string_view word, bool& after_start) {
  if (word.starts_with('+')) {
    after_start = true;
    const std::string number(word.substr(1));
    char* end = nullptr;
    const double seconds = std::strtod(number.c_str(), &end);
    if (number.empty() || end != number.c_str() + number.size() || !std::isfinite(seconds) ||
        seconds < 0 || seconds > 7 * 86'400.0)
      return std::nullopt;
    return static_cast<Nanos>(std::llround(seconds * 1e9));
  }
  after_start = false;
  const auto seconds = fix::SessionSchedule::parse_time(word);  // as StartTime/EndTime read
  if (!seconds) return std::nullopt;
  return *seconds * kNanosPerSecond;
}

}  // namespace

std::optional<TradingPhase> parse_phase(std::string_view name) {
  for (const TradingPhase p :
       {TradingPhase::Closed, TradingPhase::PreOpen, TradingPhase::Continuous, TradingPhase::Halted,
        TradingPhase::PreClose}) {
    if (name == phase_name(p)) return p;
  }
  return std::nullopt;
}

const char* phase_name(TradingPhase phase) {
  switch (phase) {
    case TradingPhase::Closed:
      return "Closed";
    case TradingPhase::PreOpen:
      return "PreOpen";
    case TradingPhase::Continuous:
      return "Continuous";
    case TradingPhase::Halted:
      return "Halted";
    case TradingPhase::PreClose:
      return "PreClose";
  }
  return "?";
}

std::vector<PhaseChange> parse_phase_schedule(std::string_view text, const std::string& file_name,
                                              const std::vector<Instrument>& instruments) {
  std::vector<PhaseChange> changes;
  std::istringstream lines{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    std::string when, phase, symbol, extra;
    if (!(words >> when)) continue;
    const auto fail = [&](const std::string& what) {
      throw std::invalid_argument(file_name + ":" + std::to_string(number) + ": " + what);
    };
    PhaseChange change;
    change.line = number;
    const auto at = parse_when(when, change.after_start);
    if (!at) fail("'" + when + "' is not +SECONDS or HH:MM:SS");
    change.at = *at;
    if (!(words >> phase)) fail("a phase is missing after '" + when + "'");
    const auto parsed = parse_phase(phase);
    if (!parsed)
      fail("'" + phase + "' is not a phase: use PreOpen, Continuous, Halted, PreClose or Closed");
    change.phase = *parsed;
    if (words >> symbol) {
      for (const Instrument& i : instruments)
        if (i.symbol == symbol) change.instrument = i.id;
      if (change.instrument == 0) fail("unknown symbol '" + symbol + "'");
    }
    if (words >> extra) fail("unexpected '" + extra + "'");
    changes.push_back(change);
  }
  return changes;
}

std::vector<PhaseChange> load_phase_schedule(const std::string& path,
                                             const std::vector<Instrument>& instruments) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument(path + ": cannot open the schedule file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_phase_schedule(text.str(), path, instruments);
}

PhaseTimetable::PhaseTimetable(std::vector<PhaseChange> changes, Nanos start_wall)
    : changes_(std::move(changes)), start_midnight_(start_wall - start_wall % kNanosPerDay) {}

bool PhaseTimetable::due_at(const PhaseChange& change, Nanos since_start, Nanos wall) const {
  return change.after_start ? since_start >= change.at : wall >= start_midnight_ + change.at;
}

}  // namespace vtb::sim
