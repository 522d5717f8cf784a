#pragma once
// A JSON file a program under test wrote (its --summary-json): discarded when it is missing or
// not JSON, which the caller asserts against.

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace vtb::testing {

inline nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) return nlohmann::json::value_t::discarded;
  return nlohmann::json::parse(in, nullptr, false);
}

}  // namespace vtb::testing
