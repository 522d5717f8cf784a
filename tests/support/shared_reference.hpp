#pragma once
// Reference material beside the checkout in ../shared (QuickFIX's data dictionaries and
// acceptance suite), read by path and never copied into the repository. A test that needs it
// skips, saying so, when it is absent; in CI (CI=true) its absence fails the test instead.

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace vtb::testing {

inline std::string shared_reference(std::string_view relative) {
  return (std::filesystem::path(VTB_SOURCE_DIR) / ".." / "shared" / relative).lexically_normal();
}

inline bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string_view(ci) == "true";
}

}  // namespace vtb::testing

// In a test body or SetUp(): stops the test when `path` does not exist; a skip outside CI, a
// failure in it.
#define VTB_REQUIRE_SHARED(path)                                                          \
  do {                                                                                    \
    const std::string vtb_needed_ = (path);                                               \
    if (!std::filesystem::exists(vtb_needed_)) {                                          \
      if (::vtb::testing::running_in_ci())                                                \
        FAIL() << vtb_needed_ << " is missing, and CI=true: the reference must be there"; \
      GTEST_SKIP() << "*** SKIPPED: needs " << vtb_needed_                                \
                   << " (../shared beside the checkout) ***";                             \
    }                                                                                     \
  } while (0)
