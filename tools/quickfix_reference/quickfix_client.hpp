#pragma once
// A FIX client built on QuickFIX's SocketInitiator, for interoperability tests: it logs on to an
// acceptor, sends application messages given as tag/value lists, and hands back every application
// message it receives. QuickFIX validates what it receives against the data dictionary it is given;
// anything it finds wrong (it answers with a session Reject) is kept in problems(). No QuickFIX
// type appears here: this header compiles as C++20, its implementation as C++14.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace vtb::quickfix_reference {

class QuickFixClient {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;
    std::string begin_string = "FIX.4.4";
    std::string sender_comp_id;
    std::string target_comp_id;
    std::string dictionary;  // QuickFIX XML data dictionary (FIX 4.x)
    // FIXT.1.1 sessions: the transport and application dictionaries and DefaultApplVerID.
    std::string transport_dictionary, app_dictionary;
    std::string default_appl_ver_id;
    std::string username, password;  // Username(553)/Password(554) on the Logon, when not empty
    // ResetOnLogon=N keeps the numbers across Logons, as a client that recovers after a
    // counterparty's restart does; with a FileStorePath they outlive the client too.
    bool reset_on_logon = true;
    std::string file_store_path;  // empty: QuickFIX's MemoryStore
  };
  using Fields = std::map<int, std::string>;

  // Starts QuickFIX's initiator thread. Throws std::runtime_error when QuickFIX refuses the setup.
  explicit QuickFixClient(const Options& options);
  ~QuickFixClient();

  // A repeating group to send: its NumInGroup tag, its delimiter, and each instance's fields.
  struct Group {
    int count_tag = 0;
    int delimiter = 0;
    std::vector<std::vector<std::pair<int, std::string>>> instances;
  };

  bool wait_logged_on(std::chrono::milliseconds timeout);
  bool logged_on() const;
  // Sends an application message: MsgType, the fields (standard header ones, such as
  // SenderSubID or OnBehalfOfCompID, go into the header) and repeating groups.
  bool send(const std::string& msg_type, const std::vector<std::pair<int, std::string>>& fields,
            const std::vector<Group>& groups = {});
  // The next application message received, as tag -> value (header and body); empty on timeout.
  Fields receive(std::chrono::milliseconds timeout);
  // What QuickFIX rejected or reported: Rejects it sent, Rejects and Logouts it received.
  std::vector<std::string> problems() const;
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vtb::quickfix_reference
