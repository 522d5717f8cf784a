#include "tools/testbed/junit_report.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <stdexcept>

namespace vtb::tools {

namespace {

// XML 1.0 has no escape for most control characters: they become '|' (FIX's SOH among them).
std::string escape(const std::string& s) {
  std::string e;
  e.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '<':
        e += "&lt;";
        break;
      case '>':
        e += "&gt;";
        break;
      case '&':
        e += "&amp;";
        break;
      case '"':
        e += "&quot;";
        break;
      case '\n':
      case '\t':
      case '\r':
        e += c;
        break;
      default:
        e += static_cast<unsigned char>(c) < 0x20 ? '|' : c;
    }
  }
  return e;
}

}  // namespace

void write_junit(const std::vector<JunitCase>& cases, const std::string& path) {
  std::map<std::string, std::vector<const JunitCase*>> suites;
  for (const JunitCase& c : cases)
    suites[c.suite].push_back(&c);
  std::ofstream out(path);
  if (!out) throw std::runtime_error(path + ": cannot write the JUnit report");
  const auto failed = [](const JunitCase* c) { return !c->passed; };
  std::size_t failures = 0;
  double seconds = 0;
  for (const JunitCase& c : cases) {
    failures += !c.passed;
    seconds += c.seconds;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"" << cases.size()
      << "\" failures=\"" << failures << "\" time=\"" << seconds << "\">\n";
  for (const auto& [suite, members] : suites) {
    double suite_seconds = 0;
    for (const JunitCase* c : members)
      suite_seconds += c->seconds;
    out << "  <testsuite name=\"" << escape(suite) << "\" tests=\"" << members.size()
        << "\" failures=\"" << std::count_if(members.begin(), members.end(), failed)
        << "\" errors=\"0\" time=\"" << suite_seconds << "\">\n";
    for (const JunitCase* c : members) {
      out << "    <testcase classname=\"" << escape(suite) << "\" name=\"" << escape(c->name)
          << "\" time=\"" << c->seconds << "\">\n";
      if (!c->passed) {
        out << "      <failure message=\"" << escape(c->failure.substr(0, c->failure.find('\n')))
            << "\">" << escape(c->failure) << "</failure>\n";
      }
      if (!c->output.empty()) out << "      <system-out>" << escape(c->output) << "</system-out>\n";
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace vtb::tools
