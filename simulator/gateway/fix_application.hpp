#pragma once
// What the FIX acceptor hands to the application above it: sessions are numbered by their order in
// the settings file.

#include <cstddef>

#include "common/fix/message_view.hpp"
#include "common/time/clock.hpp"

namespace vtb::sim {

class FixApplication {
 public:
  virtual ~FixApplication() = default;
  virtual void on_logon(std::size_t /*session*/, Now) {}
  virtual void on_logout(std::size_t /*session*/, Now) {}
  virtual void on_message(std::size_t session, const fix::MessageView& message, Now now) = 0;
  // After each batch of input: publish whatever the batch produced (market data).
  virtual void after_input(Now) {}
  // Every session's numbers and sent messages are saved, and its bytes are about to be written:
  // the moment to make what caused them durable (the venue's journal commit).
  virtual void before_write() {}
};

}  // namespace vtb::sim
