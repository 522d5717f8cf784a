#pragma once
// The application behind `venue --profile quickfix-at`: the test application QuickFIX's
// acceptance suite expects (../shared/quickfix-at/README.md), not a venue. NewOrderSingle,
// SecurityDefinition and Email are echoed back with the header rebuilt; a NewOrderSingle resent
// with PossResend=Y whose ClOrdID was already seen is dropped; anything else gets a
// BusinessMessageReject. It exists to prove the session layer against the suite.

#include <set>
#include <string>
#include <vector>

#include "simulator/gateway/fix_acceptor.hpp"
#include "simulator/gateway/fix_application.hpp"

namespace vtb::sim {

class AcceptanceTestApplication : public FixApplication {
 public:
  void attach(FixAcceptor& acceptor);

  void on_logout(std::size_t session, Now now) override;
  void on_message(std::size_t session, const fix::MessageView& message, Now now) override;

 private:
  void echo(std::size_t session, const fix::MessageView& message, Now now);

  FixAcceptor* acceptor_ = nullptr;
  std::vector<std::set<std::string>> seen_cl_ord_ids_;  // per session, cleared at logout
};

}  // namespace vtb::sim
