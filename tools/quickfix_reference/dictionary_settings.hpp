#pragma once
// The lines of a QuickFIX [SESSION] that name its data dictionaries, shared by the test acceptor
// and client: DataDictionary for FIX 4.x; TransportDataDictionary, AppDataDictionary and
// DefaultApplVerID for FIXT.1.1. Valid C++14.

#include <string>

namespace vtb {
namespace quickfix_reference {

inline std::string dictionary_settings(const std::string& begin_string,
                                       const std::string& dictionary,
                                       const std::string& transport_dictionary,
                                       const std::string& app_dictionary,
                                       const std::string& default_appl_ver_id) {
  if (begin_string != "FIXT.1.1") return "DataDictionary=" + dictionary + "\n";
  return "TransportDataDictionary=" + transport_dictionary +
         "\nAppDataDictionary=" + app_dictionary + "\nDefaultApplVerID=" + default_appl_ver_id +
         "\n";
}

}  // namespace quickfix_reference
}  // namespace vtb
