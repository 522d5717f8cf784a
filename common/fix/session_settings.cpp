#include "common/fix/session_settings.hpp"

#include <strings.h>
#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "common/text/decimal.hpp"

namespace vtb::fix {

namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

}  // namespace

bool SettingsSection::CaseInsensitiveLess::operator()(const std::string& a,
                                                      const std::string& b) const {
  return strcasecmp(a.c_str(), b.c_str()) < 0;
}

std::optional<std::string> SettingsSection::get(const std::string& key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second.value;
}

std::string SettingsSection::where(const std::string& key) const {
  const auto it = values_.find(key);
  return file_ + ":" + std::to_string(it == values_.end() ? line_ : it->second.line);
}

std::string SettingsSection::require(const std::string& key) const {
  auto value = get(key);
  if (!value || value->empty()) {
    throw SettingsError(where(key) + ": session is missing required setting " + key);
  }
  return *value;
}

int SettingsSection::get_int(const std::string& key, int fallback) const {
  const auto value = get(key);
  if (!value) return fallback;
  const auto parsed = text::parse_int(*value);
  if (!parsed || *parsed < INT32_MIN || *parsed > INT32_MAX) {
    throw SettingsError(where(key) + ": " + key + "=" + *value + " is not an integer");
  }
  return static_cast<int>(*parsed);
}

bool SettingsSection::get_bool(const std::string& key, bool fallback) const {
  const auto value = get(key);
  if (!value) return fallback;
  if (*value == "Y") return true;
  if (*value == "N") return false;
  throw SettingsError(where(key) + ": " + key + "=" + *value + " must be Y or N");
}

void SettingsSection::set(const std::string& key, std::string value, int line) {
  values_[key] = Entry{std::move(value), line};
}

SessionSettings SessionSettings::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw SettingsError(path + ": cannot open session settings file");
  std::stringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

SessionSettings SessionSettings::parse(const std::string& text, const std::string& file_name) {
  struct RawSection {
    int line;
    std::vector<std::tuple<std::string, std::string, int>> entries;
  };
  std::optional<RawSection> defaults;
  std::vector<RawSection> sessions;
  RawSection* current = nullptr;

  std::istringstream lines(text);
  std::string raw;
  int line_number = 0;
  while (std::getline(lines, raw)) {
    ++line_number;
    const std::string line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    const std::string at = file_name + ":" + std::to_string(line_number) + ": ";
    if (line.front() == '[') {
      if (line.back() != ']') throw SettingsError(at + "section header must end with ']'");
      const std::string name = upper(trim(line.substr(1, line.size() - 2)));
      if (name == "DEFAULT") {
        if (defaults) throw SettingsError(at + "second [DEFAULT] section");
        defaults = RawSection{line_number, {}};
        current = &*defaults;
      } else if (name == "SESSION") {
        sessions.push_back(RawSection{line_number, {}});
        current = &sessions.back();
      } else {
        throw SettingsError(at + "unknown section [" + name + "], expected [DEFAULT] or [SESSION]");
      }
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw SettingsError(at + "expected Key=Value, got '" + line + "'");
    }
    if (!current) throw SettingsError(at + "setting before any [DEFAULT] or [SESSION] section");
    current->entries.emplace_back(trim(line.substr(0, eq)), trim(line.substr(eq + 1)), line_number);
  }

  const auto put = [](SettingsSection& section, const RawSection& raw) {
    for (const auto& [key, value, line] : raw.entries)
      section.set(key, value, line);
  };
  SessionSettings settings;
  settings.defaults = SettingsSection(file_name, defaults ? defaults->line : 0);
  if (defaults) put(settings.defaults, *defaults);
  for (const RawSection& raw_session : sessions) {
    SettingsSection section(file_name, raw_session.line);
    if (defaults) put(section, *defaults);  // then the session's own settings override them
    put(section, raw_session);
    settings.sessions.push_back(std::move(section));
  }
  if (settings.sessions.empty()) throw SettingsError(file_name + ": no [SESSION] section");
  return settings;
}

}  // namespace vtb::fix
