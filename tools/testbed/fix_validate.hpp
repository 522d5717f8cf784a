#pragma once
// `testbed fix-validate`: validate every message in FIX message logs (QuickFIX FileLog format, or
// one raw message per line) with QuickFIX and a data dictionary. QuickFIX is the reference: a
// message passes when QuickFIX, loading that dictionary, would accept it.

#include <iosfwd>
#include <string>
#include <vector>

namespace vtb::tools {

struct FixValidateOptions {
  std::string dictionary;
  std::vector<std::string> logs;
};

// Prints each failure as "file:line: MsgType=X: reason" and a closing count; returns 0 when every
// message passed and at least one was checked, 1 otherwise.
int run_fix_validate(const FixValidateOptions& options, std::ostream& out);

}  // namespace vtb::tools
