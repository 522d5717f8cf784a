#pragma once
// A FIX message for people to read: each SOH shown as '|'. (Valid C++14 too: the QuickFIX
// reference code includes it.)

#include <string>

namespace vtb {
namespace fix {

inline std::string printable(std::string message) {
  for (char& c : message) {
    if (c == '\x01') c = '|';
  }
  return message;
}

}  // namespace fix
}  // namespace vtb
