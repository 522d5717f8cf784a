#include "common/hot_path/inline_copy.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>

namespace vtb {
namespace {

// Every length up to well past the 16-byte chunks, at every offset in a line: exactly `n` bytes
// arrive, in order, and nothing either side of them is written.
TEST(InlineCopy, CopiesExactlyTheBytesAskedForAtAnyLengthAndAlignment) {
  std::array<char, 128> source{};
  for (std::size_t i = 0; i < source.size(); ++i)
    source[i] = static_cast<char>('A' + i % 50);
  for (std::size_t offset = 0; offset < 16; ++offset) {
    for (std::size_t n = 0; n <= 80; ++n) {
      std::array<char, 128> target;
      target.fill('.');
      inline_copy(target.data() + offset, source.data() + 3, n);
      const std::string got(target.data(), target.size());
      const std::string want = std::string(offset, '.') + std::string(source.data() + 3, n) +
                               std::string(target.size() - offset - n, '.');
      ASSERT_EQ(got, want) << "length " << n << " at offset " << offset;
    }
  }
}

}  // namespace
}  // namespace vtb
