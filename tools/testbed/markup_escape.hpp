#pragma once
// Text for HTML and XML reports: the five markup characters escaped, and control characters
// (FIX's SOH among them), which XML 1.0 cannot carry, shown as '|'; newlines and tabs kept.

#include <string>
#include <string_view>

namespace vtb::tools {

inline std::string escape_markup(std::string_view text) {
  std::string e;
  e.reserve(text.size());
  for (const char c : text) {
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

}  // namespace vtb::tools
