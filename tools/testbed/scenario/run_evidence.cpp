#include "tools/testbed/scenario/run_evidence.hpp"

#include <ctime>
#include <fstream>
#include <sstream>

#include "common/text/decimal.hpp"

namespace vtb::scenario {

std::string FixRecord::readable() const {
  std::string text = raw.substr(0, 200);
  for (char& c : text)
    if (c == '\x01') c = '|';
  return raw.size() > 200 ? text + "..." : text;
}

Nanos parse_log_timestamp(const std::string& t) {
  // YYYYMMDD-HH:MM:SS.uuuuuu
  if (t.size() < 17 || t[8] != '-') return 0;
  std::tm tm{};
  const auto num = [&](std::size_t at, std::size_t n) { return std::stoi(t.substr(at, n)); };
  try {
    tm.tm_year = num(0, 4) - 1900;
    tm.tm_mon = num(4, 2) - 1;
    tm.tm_mday = num(6, 2);
    tm.tm_hour = num(9, 2);
    tm.tm_min = num(12, 2);
    tm.tm_sec = num(15, 2);
  } catch (const std::exception&) {
    return 0;
  }
  Nanos ns = static_cast<Nanos>(::timegm(&tm)) * kNanosPerSecond;
  if (t.size() > 18 && t[17] == '.') {
    std::string fraction = t.substr(18);
    fraction.resize(9, '0');
    ns += std::stoll(fraction);
  }
  return ns;
}

std::vector<VenueEvent> read_event_log(const std::string& path) {
  std::vector<VenueEvent> events;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    VenueEvent e;
    e.line = line;
    std::string stamp;
    if (!(words >> stamp >> e.name)) continue;
    const auto wall = text::parse_int(stamp);
    if (!wall) continue;
    e.wall = *wall;
    std::string word;
    while (words >> word) {
      const auto eq = word.find('=');
      if (eq != std::string::npos) e.fields[word.substr(0, eq)] = word.substr(eq + 1);
    }
    events.push_back(std::move(e));
  }
  return events;
}

std::vector<FixRecord> read_message_log(const std::string& path,
                                        const std::string& engine_comp_id) {
  std::vector<FixRecord> records;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto sep = line.find(" : ");
    if (sep == std::string::npos) continue;
    FixRecord r;
    r.wall = parse_log_timestamp(line.substr(0, sep));
    r.raw = line.substr(sep + 3);
    std::size_t at = 0;
    while (at < r.raw.size()) {
      std::size_t end = r.raw.find('\x01', at);
      if (end == std::string::npos) end = r.raw.size();
      const std::string field = r.raw.substr(at, end - at);
      const auto eq = field.find('=');
      if (eq != std::string::npos) {
        if (const auto tag = text::parse_int(field.substr(0, eq)))
          r.tags.emplace(static_cast<int>(*tag), field.substr(eq + 1));
      }
      at = end + 1;
    }
    r.from_engine = r.tag(49) == engine_comp_id;
    records.push_back(std::move(r));
  }
  return records;
}

}  // namespace vtb::scenario
