#pragma once
// The acceptor's side of `testbed load`'s sessions, in QuickFIX's settings format: one [SESSION]
// per load session (LOAD0001, LOAD0002, ...), so that the venue, or any QuickFIX acceptor such as
// the ordermatch example, takes K load sessions without anyone writing K blocks by hand
// (`testbed load --write-sessions FILE`).

#include <cstdint>
#include <string>

namespace vtb::load {

struct AcceptorSettingsOptions {
  std::uint32_t sessions = 1;
  std::string begin_string = "FIX.4.4";
  std::string sender_prefix = "LOAD";      // the load sessions' SenderCompIDs
  std::string acceptor_comp_id = "VENUE";  // the acceptor's SenderCompID
  std::uint16_t port = 5001;
  // FIX 4.x: DataDictionary; FIXT.1.1: TransportDataDictionary then AppDataDictionary, split
  // at a comma. Empty: none (the venue then needs them in its own [DEFAULT]).
  std::string dictionary;
  std::string file_store_path;  // FileStorePath (QuickFIX's FileStoreFactory needs one)
};

std::string acceptor_settings(const AcceptorSettingsOptions& options);

}  // namespace vtb::load
