#include "tools/testbed/conform/definition.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <sstream>
#include <stdexcept>

#include "common/fix/message_view.hpp"
#include "common/fix/printable.hpp"

namespace vtb::conform {

namespace {

using fix::printable;

constexpr char kSoh = '\x01';

// "I", "I2,", "i1," ...: the letter, then an optional connection number and comma.
bool split_prefix(const std::string& line, char& letter, int& connection, std::string& rest) {
  if (line.empty()) return false;
  letter = line[0];
  connection = 1;
  // "I8=FIX..." is connection 1 sending "8=FIX...": digits name a connection only before a comma.
  std::size_t i = 1;
  while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])))
    ++i;
  if (i > 1 && i < line.size() && line[i] == ',') {
    connection = std::stoi(line.substr(1, i - 1));
    rest = line.substr(i + 1);
  } else {
    rest = line.substr(1);
  }
  return true;
}

std::vector<std::pair<std::string, std::string>> fields_of(const std::string& message) {
  std::vector<std::pair<std::string, std::string>> fields;
  std::size_t pos = 0;
  while (pos < message.size()) {
    std::size_t end = message.find(kSoh, pos);
    if (end == std::string::npos) end = message.size();
    const std::string field = message.substr(pos, end - pos);
    const auto eq = field.find('=');
    if (eq == std::string::npos) {
      fields.emplace_back(field, "");
    } else {
      fields.emplace_back(field.substr(0, eq), field.substr(eq + 1));
    }
    pos = end + 1;
  }
  return fields;
}

}  // namespace

Definition parse_definition(const std::string& text, const std::string& name) {
  Definition definition{name, {}};
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
      line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    char letter;
    int connection;
    std::string rest;
    split_prefix(line, letter, connection, rest);
    Action action{Action::Kind::Send, connection, {}, number};
    if (letter == 'i' && rest == "CONNECT") {
      action.kind = Action::Kind::Connect;
    } else if (letter == 'i' && rest == "DISCONNECT") {
      action.kind = Action::Kind::Disconnect;
    } else if (letter == 'e' && rest == "DISCONNECT") {
      action.kind = Action::Kind::ExpectDisconnect;
    } else if (letter == 'I') {
      action.kind = Action::Kind::Send;
      action.message = rest;
    } else if (letter == 'E') {
      action.kind = Action::Kind::Expect;
      action.message = rest;
    } else {
      throw std::runtime_error(name + ".def:" + std::to_string(number) +
                               ": not an action: " + printable(line.substr(0, 40)));
    }
    definition.actions.push_back(std::move(action));
  }
  return definition;
}

std::string expand_macros(const std::string& message, std::int64_t now_seconds) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t start = message.find("<TIME", pos);
    if (start == std::string::npos) break;
    const std::size_t end = message.find('>', start);
    if (end == std::string::npos) break;
    out.append(message, pos, start - pos);
    std::int64_t offset = 0;
    const std::string shift = message.substr(start + 5, end - start - 5);  // "", "+10", "-5"
    if (!shift.empty()) offset = std::stoll(shift);
    const std::time_t t = static_cast<std::time_t>(now_seconds + offset);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y%m%d-%H:%M:%S", &tm);
    out += buffer;
    pos = end + 1;
  }
  out.append(message, pos, std::string::npos);
  return out;
}

std::string frame_for_sending(const std::string& message) {
  if (message.rfind("8=", 0) != 0) return message;
  std::string framed = message;
  const std::size_t first_end = framed.find(kSoh);
  if (first_end == std::string::npos) return framed;
  const bool has_length = framed.compare(first_end + 1, 2, "9=") == 0;
  std::size_t trailer = framed.find(
      "\x01"
      "10=");
  const bool has_checksum = trailer != std::string::npos;
  if (!has_length) {
    const std::size_t body_end = has_checksum ? trailer + 1 : framed.size();
    const std::size_t body_length = body_end - (first_end + 1);
    framed.insert(first_end + 1, "9=" + std::to_string(body_length) + kSoh);
  }
  if (!has_checksum) {
    char checksum[8];
    std::snprintf(checksum, sizeof checksum, "10=%03u",
                  static_cast<unsigned>(fix::checksum(framed)));
    framed += checksum;
    framed += kSoh;
  }
  return framed;
}

FieldFormats FieldFormats::parse(const std::string& text) {
  FieldFormats formats;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
      line.pop_back();
    const auto eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    formats.formats_.emplace_back(std::stoi(line.substr(0, eq)), std::regex(line.substr(eq + 1)));
  }
  return formats;
}

const std::regex* FieldFormats::format(int tag) const {
  for (const auto& [t, re] : formats_) {
    if (t == tag) return &re;
  }
  return nullptr;
}

std::string compare(const std::string& expected, const std::string& received,
                    const FieldFormats& formats) {
  const auto want = fields_of(expected);
  const auto got = fields_of(received);
  for (std::size_t i = 0; i < want.size() || i < got.size(); ++i) {
    if (i >= got.size()) return "missing field " + want[i].first + "=" + want[i].second;
    if (i >= want.size()) return "unexpected field " + got[i].first + "=" + got[i].second;
    if (want[i].first != got[i].first) {
      return "field " + std::to_string(i + 1) + ": expected tag " + want[i].first + ", got " +
             got[i].first + "=" + got[i].second;
    }
    const int tag = std::atoi(want[i].first.c_str());
    if (const std::regex* re = formats.format(tag)) {
      // Searched, not anchored: "\d{8}-\d{2}:\d{2}:\d{2}" also accepts milliseconds.
      if (!std::regex_search(got[i].second, *re)) {
        return "tag " + want[i].first + ": '" + got[i].second + "' does not match its format";
      }
    } else if (want[i].second != got[i].second) {
      return "tag " + want[i].first + ": expected '" + want[i].second + "', got '" + got[i].second +
             "'";
    }
  }
  return {};
}

}  // namespace vtb::conform
