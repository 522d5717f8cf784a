#pragma once
// ApplVerID (tag 1128/1137) values for the FIX versions, as FIXT.1.1 sessions carry them.
// Settings name the version ("FIX.5.0SP2"); the wire carries the enum ("9").

#include <string_view>

namespace vtb::fix {

// "FIX.5.0SP2" -> "9" ... "FIX.4.0" -> "2"; a value that is already an enum passes through.
constexpr std::string_view appl_ver_id(std::string_view version) {
  if (version == "FIX.2.7") return "0";
  if (version == "FIX.3.0") return "1";
  if (version == "FIX.4.0") return "2";
  if (version == "FIX.4.1") return "3";
  if (version == "FIX.4.2") return "4";
  if (version == "FIX.4.3") return "5";
  if (version == "FIX.4.4") return "6";
  if (version == "FIX.5.0") return "7";
  if (version == "FIX.5.0SP1") return "8";
  if (version == "FIX.5.0SP2") return "9";
  return version;
}

}  // namespace vtb::fix
