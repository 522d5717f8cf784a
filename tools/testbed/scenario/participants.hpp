#pragma once
// The scenario's scripted market participants: FIX sessions at the venue (CLIENT1, CLIENT2, ...)
// played by QuickFIX initiators, sending the timeline's orders, cancels and replaces. Orders are
// named by the scenario's ids; a replace gives the order a new ClOrdID, which later steps follow.

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tools/quickfix_reference/quickfix_client.hpp"
#include "tools/testbed/scenario/scenario.hpp"

namespace vtb::scenario {

class Participants {
 public:
  // Logs every session on; throws std::runtime_error naming the session that did not log on.
  Participants(const std::vector<std::string>& sessions, const std::string& host,
               std::uint16_t fix_port, const std::string& dictionary);
  ~Participants();

  // Empty when sent, else what went wrong (an unknown id, a session that is gone).
  std::string order(const OrderStep& o);
  std::string cancel(const CancelStep& c);
  std::string replace(const ReplaceStep& r);
  // After the venue restarted: the first session not logged on again within `timeout`, or empty.
  std::string wait_logged_on(std::chrono::milliseconds timeout);
  void stop();

 private:
  struct Order {
    std::string clordid, side, symbol, price, type;
    std::int64_t quantity = 0;
    int versions = 0;
  };
  quickfix_reference::QuickFixClient* client(const std::string& session);
  std::string amend(const std::string& session, const std::string& id, const ReplaceStep* replace);

  std::map<std::string, std::unique_ptr<quickfix_reference::QuickFixClient>> clients_;
  std::map<std::string, Order> orders_;  // by session + "/" + id
};

}  // namespace vtb::scenario
