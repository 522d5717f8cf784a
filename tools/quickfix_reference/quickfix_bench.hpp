#pragma once
// QuickFIX doing the same work as our codec, for benchmarks that compare the two in one binary.
// Valid C++14 and C++20; shows no QuickFIX type.

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace vtb {
namespace quickfix_reference {

class QuickFixCodecBench {
 public:
  explicit QuickFixCodecBench(const std::string& dictionary_path);
  ~QuickFixCodecBench();

  // Builds a FIX 4.4 NewOrderSingle with a two-entry Parties group and serializes it, as an
  // application using QuickFIX would. Returns the message.
  const std::string& encode_new_order_single(int seq);
  // Parses `raw` with the dictionary and validates it. True when valid.
  bool decode_and_validate(const std::string& raw);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quickfix_reference
}  // namespace vtb

namespace vtb {
namespace quickfix_reference {

// QuickFIX's serialization of a message made of these body fields (for differential tests).
std::string quickfix_serialize(const std::string& begin_string, const std::string& msg_type,
                               const std::vector<std::pair<int, std::string>>& body);

}  // namespace quickfix_reference
}  // namespace vtb
