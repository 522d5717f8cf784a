#pragma once
// JUnit XML as CI test reporters read it (GitLab's, Jenkins' JUnit plugin, GitHub actions that
// publish test results): <testsuites> of <testsuite>, each <testcase> with a <failure> when it
// failed and its <system-out>. Used by `testbed conform` and `testbed run`.

#include <string>
#include <vector>

namespace vtb::tools {

struct JunitCase {
  std::string suite;  // the <testsuite> it goes in, and its classname
  std::string name;
  bool passed = false;
  std::string failure;  // first line: the message attribute; all of it: the element's text
  double seconds = 0;
  std::string output;  // <system-out>, when not empty
};

// Throws std::runtime_error naming the file when it cannot be written.
void write_junit(const std::vector<JunitCase>& cases, const std::string& path);

}  // namespace vtb::tools
