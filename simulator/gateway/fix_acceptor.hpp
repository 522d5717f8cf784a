#pragma once
// TCP order-entry server: accepts connections with Boost.Asio, frames FIX messages in place in
// each connection's receive buffer, binds a connection to a configured session on its Logon, runs
// the session layer and hands application messages up. Outbound bytes are written without
// blocking; what the kernel does not take waits for the socket to become writable.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/fix/session.hpp"
#include "common/fix/session_settings.hpp"
#include "simulator/gateway/fix_application.hpp"

namespace vtb::sim {

// What keeps one misbehaving client from taking the venue's resources. Connections that have not
// logged on are capped in all and per source address; at a cap, the newest connection takes the
// place of the oldest one waiting (from the same address, for that cap), so a flood of idle
// connections can delay a real client's Logon by no more than the flood's own turnover and never
// locks it out.
struct AcceptorLimits {
  Nanos logon_timeout = 10 * kNanosPerSecond;  // LogonTimeout (s): a connection must log on
                                               // within this (QuickFIX's default)
  std::size_t max_pending_connections = 256;   // MaxPendingConnections: connected, not logged on
  std::size_t max_pending_per_address = 64;    // MaxPendingConnectionsPerAddress
  std::size_t max_outbox_bytes = 16 << 20;     // a client that stops reading is disconnected here
  Nanos accept_retry = 100'000'000;            // after accept() fails (e.g. out of descriptors)

  // From a settings file's [DEFAULT] section (they are the port's, not a session's). Throws
  // fix::SettingsError naming the file, line and key.
  static AcceptorLimits from(const fix::SettingsSection& defaults);
};

struct AcceptorStats {
  std::uint64_t connections = 0;
  std::uint64_t refused_logons = 0;
  std::uint64_t logon_timeouts = 0;
  std::uint64_t evicted_connections = 0;  // made room for a newer one, not logged on yet
  std::uint64_t slow_consumers = 0;
  std::uint64_t accept_errors = 0;
  std::uint64_t garbled_messages = 0;
  std::uint64_t oversized_messages = 0;  // longer than the session's MaxMessageSize: discarded
  std::uint64_t messages_in = 0;
};

class FixAcceptor {
 public:
  FixAcceptor(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& listen,
              std::vector<fix::SessionConfig> sessions, FixApplication& application,
              const AcceptorLimits& limits = {});
  ~FixAcceptor();

  std::size_t session_count() const { return slots_.size(); }
  fix::Session& session(std::size_t index) { return slots_[index]->session; }
  bool connected(std::size_t index) const { return slots_[index]->connection != nullptr; }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  // Writes what every session has queued; closes connections whose session asked to.
  void flush_all();
  // The owner calls flush_all() once a turn of its event loop, after every connection with input
  // has been read, instead of after each: a busy turn's answers leave in one write a connection
  // (natural batching), an idle one's at once.
  void set_flush_per_turn(bool on) { flush_per_turn_ = on; }
  // Session timers, and closing connections that did not log on in time.
  void on_timer(Now now);
  // Logout every active session (shutdown).
  void logout_all(std::string_view text, Now now);
  // Closes session `index`'s connection with no Logout, as a lost link would; false when it has
  // none.
  bool drop_connection(std::size_t index, const std::string& reason);
  // Bytes written to session `index`'s connection as they are, outside the session (garbled
  // input for the counterparty, injected by the control port); false when it has no connection.
  bool write_raw(std::size_t index, std::string_view bytes);

  const AcceptorStats& stats() const { return stats_; }

 private:
  class Connection;
  struct Slot {
    explicit Slot(fix::SessionConfig config);
    net::ByteBuffer outbox;
    fix::Session session;
    std::unique_ptr<fix::MessageLog> log;
    std::shared_ptr<Connection> connection;
  };

  void accept();
  // A new connection joins those waiting to log on, in place of the oldest at a cap.
  void admit(std::shared_ptr<Connection> connection);
  void on_input(Connection& connection, Now now);
  int find_slot(const fix::MessageView& logon) const;
  void flush(std::size_t index);
  // `report`: say so on stderr now; connections that never logged on are summed up instead, once
  // a timer tick, so that a flood of them cannot flood the log.
  void close(Connection& connection, const std::string& reason, bool report = true);

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer accept_retry_timer_;
  AcceptorLimits limits_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::map<std::string, std::unique_ptr<fix::DataDictionary>> dictionaries_;  // by real path
  std::vector<std::shared_ptr<Connection>> pending_;  // connected, not yet bound to a session
  FixApplication& application_;
  AcceptorStats stats_;
  std::size_t max_message_before_logon_ = 0;  // the largest MaxMessageSize of any session
  bool flush_per_turn_ = false;
  // Closes of connections that never logged on since the last timer tick's summary line.
  std::uint64_t evictions_unreported_ = 0, timeouts_unreported_ = 0, peer_closes_unreported_ = 0;
};

}  // namespace vtb::sim
