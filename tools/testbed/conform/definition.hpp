#pragma once
// QuickFIX acceptance-test definition files: one action per line (connect, send, expect, expect a
// disconnect), with <TIME> macros and BodyLength/CheckSum filled in as QuickFIX's runner does.
// The format is described in the suite's README; this is its parser and its message rules.

#include <cstdint>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace vtb::conform {

struct Action {
  enum class Kind { Connect, Disconnect, Send, Expect, ExpectDisconnect };
  Kind kind;
  int connection = 1;
  std::string message;  // Send and Expect: with macros still in it
  int line = 0;
};

struct Definition {
  std::string name;  // path relative to the definitions folder, without ".def"
  std::vector<Action> actions;
};

// Throws std::runtime_error naming file and line for a line it cannot read.
Definition parse_definition(const std::string& text, const std::string& name);

// <TIME>, <TIME+N>, <TIME-N> -> UTC "YYYYMMDD-HH:MM:SS", relative to `now_seconds` (Unix time).
std::string expand_macros(const std::string& message, std::int64_t now_seconds);

// A line to send: adds BodyLength after BeginString when the line has no 9= field, and CheckSum
// at the end when it has no 10= field. Lines that do not start with 8= are sent as written.
std::string frame_for_sending(const std::string& message);

// Per-tag value formats from fields.fmt ("10=\d{3}"): received values of these tags must contain
// a match of the regular expression (searched, as QuickFIX's runner does) instead of being
// compared with the expected value.
class FieldFormats {
 public:
  static FieldFormats parse(const std::string& text);
  const std::regex* format(int tag) const;

 private:
  std::vector<std::pair<int, std::regex>> formats_;
};

// Empty when `received` matches `expected` (same tags in the same order, equal values except
// where a format applies); otherwise what differs first.
std::string compare(const std::string& expected, const std::string& received,
                    const FieldFormats& formats);

}  // namespace vtb::conform
