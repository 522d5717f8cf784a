#pragma once
// QuickFIX's settings-file format: a [DEFAULT] section and [SESSION] sections of Key=Value lines,
// '#' comments. Keys are case-insensitive as in QuickFIX. Each session sees the defaults under its
// own values. Errors name the file and line.

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace vtb::fix {

class SettingsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SettingsSection {
 public:
  SettingsSection(std::string file, int line) : file_(std::move(file)), line_(line) {}

  std::optional<std::string> get(const std::string& key) const;
  // Throwing accessors for required and typed values, with messages naming file, section, key.
  std::string require(const std::string& key) const;
  int get_int(const std::string& key, int fallback) const;
  bool get_bool(const std::string& key, bool fallback) const;

  void set(const std::string& key, std::string value, int line);
  std::string where(const std::string& key) const;  // "file:line" of the key, or of the section
  const std::string& file() const { return file_; }

 private:
  struct CaseInsensitiveLess {
    bool operator()(const std::string& a, const std::string& b) const;
  };
  struct Entry {
    std::string value;
    int line;
  };
  std::string file_;
  int line_;
  std::map<std::string, Entry, CaseInsensitiveLess> values_;
};

struct SessionSettings {
  std::vector<SettingsSection> sessions;  // defaults already merged in
  SettingsSection defaults{"", 0};        // the [DEFAULT] section alone: settings of the whole port

  static SessionSettings load(const std::string& path);
  static SessionSettings parse(const std::string& text, const std::string& file_name);
};

}  // namespace vtb::fix
