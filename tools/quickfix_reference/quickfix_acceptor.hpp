#pragma once
// A FIX acceptor built on QuickFIX's SocketAcceptor, for conformance tests of an initiator (the
// engine): QuickFIX validates every message the counterparty sends against the given data
// dictionary, with all of its checks on. Everything it finds wrong — a session Reject or a
// BusinessMessageReject it sends, a message it cannot parse, a sequence problem — is kept in
// problems(); the raw text of every message received is kept in received(). Each NewOrderSingle
// is answered with an ExecutionReport that cancels it (as an IOC that found nothing), so an
// initiator with an open-order limit keeps trading; or, for a quoting initiator, acknowledged and
// kept, with replaces and cancels confirmed. Reports are written in the session's FIX version.
// No QuickFIX type appears here: this header is valid C++14 and C++20; only
// quickfix_acceptor.cpp includes QuickFIX.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vtb {
namespace quickfix_reference {

class QuickFixAcceptor {
 public:
  struct Options {
    std::uint16_t port = 0;  // QuickFIX listens on every interface; tests connect over loopback
    std::string begin_string = "FIX.4.4";
    std::string sender_comp_id;  // the acceptor's own (e.g. VENUE)
    std::string target_comp_id;  // the initiator's (e.g. ENGINE)
    std::string dictionary;      // QuickFIX XML data dictionary (FIX 4.x)
    // FIXT.1.1 sessions: the transport and application dictionaries and DefaultApplVerID.
    std::string transport_dictionary, app_dictionary;
    std::string default_appl_ver_id;
    // false: every order canceled at once; true: every order acknowledged and left resting,
    // OrderCancelReplaceRequest answered Replaced and OrderCancelRequest Canceled.
    bool keep_orders = false;
  };

  // Starts listening (QuickFIX's own thread). Throws std::runtime_error when QuickFIX refuses the
  // settings or the dictionary, or cannot listen on the port.
  explicit QuickFixAcceptor(const Options& options);
  ~QuickFixAcceptor();
  QuickFixAcceptor(const QuickFixAcceptor&) = delete;
  QuickFixAcceptor& operator=(const QuickFixAcceptor&) = delete;

  // True once the counterparty has logged on within `timeout` (at any time before).
  bool wait_logged_on(std::chrono::milliseconds timeout);
  // True once a session that had logged on has ended (Logout exchange or disconnect).
  bool wait_logged_out(std::chrono::milliseconds timeout);

  // The raw text of every message the counterparty sent, as it arrived, oldest first.
  std::vector<std::string> received() const;
  // What QuickFIX found wrong; empty when it accepted everything.
  std::vector<std::string> problems() const;
  // QuickFIX's session events (logon, logout, errors), for a failing test to show.
  std::vector<std::string> events() const;
  // NewOrderSingles answered with an ExecutionReport.
  std::size_t orders_answered() const;
  // OrderCancelReplaceRequests and OrderCancelRequests confirmed (keep_orders).
  std::size_t replaces_answered() const;
  std::size_t cancels_answered() const;

  // Stops listening and ends the session (QuickFIX logs it out first). Idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quickfix_reference
}  // namespace vtb
