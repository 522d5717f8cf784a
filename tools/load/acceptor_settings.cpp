#include "tools/load/acceptor_settings.hpp"

#include <sstream>

#include "tools/load/load_generator.hpp"

namespace vtb::load {

std::string acceptor_settings(const AcceptorSettingsOptions& o) {
  std::ostringstream out;
  out << "# " << o.sessions << " load session(s) for `testbed load`, written by testbed load "
      << "--write-sessions.\n[DEFAULT]\nConnectionType=acceptor\nSocketAcceptPort=" << o.port
      << "\nSenderCompID=" << o.acceptor_comp_id << "\nBeginString=" << o.begin_string
      << "\nResetOnLogon=Y\nStartTime=00:00:00\nEndTime=00:00:00\nUseDataDictionary=Y\n"
         "AllowUnknownMsgFields=Y\nValidateUserDefinedFields=N\n"
         "ScreenLogShowIncoming=N\nScreenLogShowOutgoing=N\nScreenLogShowEvents=N\n"
         "SocketNodelay=Y\n";
  if (!o.file_store_path.empty()) out << "FileStorePath=" << o.file_store_path << "\n";
  if (!o.dictionary.empty()) {
    if (o.begin_string == "FIXT.1.1") {
      const auto comma = o.dictionary.find(',');
      out << "DefaultApplVerID=FIX.5.0SP2\nTransportDataDictionary="
          << o.dictionary.substr(0, comma) << "\nAppDataDictionary="
          << (comma == std::string::npos ? std::string() : o.dictionary.substr(comma + 1)) << "\n";
    } else {
      out << "DataDictionary=" << o.dictionary << "\n";
    }
  } else if (o.begin_string == "FIXT.1.1") {
    out << "DefaultApplVerID=FIX.5.0SP2\n";
  }
  for (std::uint32_t n = 0; n < o.sessions; ++n)
    out << "\n[SESSION]\nTargetCompID=" << load_comp_id(o.sender_prefix, n) << "\n";
  return out.str();
}

}  // namespace vtb::load
