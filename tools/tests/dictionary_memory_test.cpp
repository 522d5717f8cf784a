// What a standard data dictionary costs in memory: each of QuickFIX's own dictionaries, loaded
// by our loader and by QuickFIX's, in a fresh child process each, so that the peak resident set
// a load adds is measured from the same starting point. A memory bound, not a timing.

#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <string>

#include "common/fix/data_dictionary.hpp"
#include "tests/support/shared_reference.hpp"
#include "tools/quickfix_reference/quickfix_validator.hpp"

namespace vtb {
namespace {

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// The peak RSS `load` adds, in KiB, measured in a forked child; -1 if the child failed.
long peak_added_kib(const std::function<void()>& load) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return -1;
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(pipe_fds[0]);
    long added = -1;
    try {
      // Start from what is really in use: free heap the parent left resident would absorb the
      // load unseen, and the peak so far is the parent's.
      ::malloc_trim(0);
      std::ofstream("/proc/self/clear_refs") << "5";
      const long before = peak_rss_kib();
      load();
      added = peak_rss_kib() - before;
    } catch (...) {
    }
    const bool written = ::write(pipe_fds[1], &added, sizeof added) == sizeof added;
    ::_exit(written ? 0 : 1);
  }
  ::close(pipe_fds[1]);
  long added = -1;
  if (::read(pipe_fds[0], &added, sizeof added) != sizeof added) added = -1;
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  return added;
}

TEST(DictionaryMemory, NoStandardDictionaryCostsMoreThanInQuickFixAndFix50Sp2StaysUnder50MB) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP()
      << "*** SKIPPED: a sanitizer's shadow memory and redzones are not what a user pays ***";
#endif
  VTB_REQUIRE_SHARED(testing::shared_reference("quickfix-spec/FIX50SP2.xml"));
  for (const char* name : {"FIX40.xml", "FIX41.xml", "FIX42.xml", "FIX43.xml", "FIX44.xml",
                           "FIX50.xml", "FIX50SP1.xml", "FIX50SP2.xml", "FIXT11.xml"}) {
    const std::string path = testing::shared_reference(std::string("quickfix-spec/") + name);
    const long ours = peak_added_kib([&] { fix::DataDictionary::load(path); });
    const long quickfix =
        peak_added_kib([&] { quickfix_reference::QuickFixValidator validator(path); });
    std::printf("%-13s ours %6ld KiB  QuickFIX %6ld KiB\n", name, ours, quickfix);
    ASSERT_GE(ours, 0) << name << ": our loader failed";
    ASSERT_GE(quickfix, 0) << name << ": QuickFIX's loader failed";
    EXPECT_LE(ours, quickfix) << name;
  }
  const long sp2 = peak_added_kib(
      [] { fix::DataDictionary::load(testing::shared_reference("quickfix-spec/FIX50SP2.xml")); });
  EXPECT_LE(sp2, 50 * 1024) << "FIX50SP2.xml";
}

}  // namespace
}  // namespace vtb
