#include "tools/testbed/fix_validate.hpp"

#include <fstream>
#include <ostream>
#include <stdexcept>

#include "common/fix/message_view.hpp"
#include "tools/quickfix_reference/quickfix_validator.hpp"

namespace vtb::tools {

int run_fix_validate(const FixValidateOptions& options, std::ostream& out) {
  const quickfix_reference::QuickFixValidator validator(options.dictionary);
  std::size_t checked = 0;
  std::size_t failed = 0;
  for (const std::string& path : options.logs) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    std::string line;
    int line_number = 0;
    while (std::getline(in, line)) {
      ++line_number;
      const auto start = line.find("8=FIX");
      if (start == std::string::npos) continue;  // not a message line
      const std::string raw = line.substr(start);
      ++checked;
      const std::string reason = validator.validate(raw);
      if (reason.empty()) continue;
      ++failed;
      const auto type = fix::MessageView(raw).msg_type();
      out << path << ":" << line_number << ": MsgType=" << type << ": " << reason << "\n";
    }
  }
  out << checked << " message(s) checked against " << options.dictionary << ", " << failed
      << " rejected by QuickFIX\n";
  return checked > 0 && failed == 0 ? 0 : 1;
}

}  // namespace vtb::tools
