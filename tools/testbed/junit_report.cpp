#include "tools/testbed/junit_report.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <stdexcept>

#include "tools/testbed/markup_escape.hpp"

namespace vtb::tools {

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
    out << "  <testsuite name=\"" << escape_markup(suite) << "\" tests=\"" << members.size()
        << "\" failures=\"" << std::count_if(members.begin(), members.end(), failed)
        << "\" errors=\"0\" time=\"" << suite_seconds << "\">\n";
    for (const JunitCase* c : members) {
      out << "    <testcase classname=\"" << escape_markup(suite) << "\" name=\""
          << escape_markup(c->name) << "\" time=\"" << c->seconds << "\">\n";
      if (!c->passed) {
        out << "      <failure message=\""
            << escape_markup(c->failure.substr(0, c->failure.find('\n'))) << "\">"
            << escape_markup(c->failure) << "</failure>\n";
      }
      if (!c->output.empty())
        out << "      <system-out>" << escape_markup(c->output) << "</system-out>\n";
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace vtb::tools
