#include "simulator/gateway/fix_acceptor.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "common/fix/tags.hpp"
#include "common/fix/values.hpp"

namespace vtb::sim {

namespace asio = boost::asio;
using asio::ip::tcp;

class FixAcceptor::Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, FixAcceptor& owner, Nanos accepted_at)
      : accepted_at(accepted_at), socket_(std::move(socket)), owner_(owner), inbox_(4 * 1024) {
    boost::system::error_code ec;
    socket_.set_option(tcp::no_delay(true), ec);  // best effort: a failure here only costs latency
    socket_.non_blocking(true, ec);
    const auto peer = socket_.remote_endpoint(ec);
    if (!ec) address_ = peer.address();
    peer_ = ec ? "unknown peer" : peer.address().to_string() + ":" + std::to_string(peer.port());
  }

  void read() {
    // Little room until the Logon binds a session: a connection that never logs on costs 4 KiB.
    char* space = inbox_.prepare(slot < 0 ? 4 * 1024 : 16 * 1024);
    socket_.async_read_some(
        asio::buffer(space, inbox_.writable()),
        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
          if (ec) {
            if (ec != asio::error::operation_aborted) {
              // Before a Logon this is only counted (an idle flood closes by the thousand).
              if (self->slot < 0) ++self->owner_.peer_closes_unreported_;
              self->owner_.close(
                  *self, ec == asio::error::eof ? "peer closed the connection" : ec.message(),
                  self->slot >= 0);
            }
            return;
          }
          self->inbox_.commit(n);
          self->owner_.on_input(*self, Now::read());
          if (self->socket_.is_open()) self->read();
        });
  }

  // Writes what the kernel takes now; waits for writability for the rest.
  void write(net::ByteBuffer& outbox) {
    while (!outbox.empty()) {
      boost::system::error_code ec;
      const auto bytes = outbox.readable();
      const std::size_t n = socket_.write_some(asio::buffer(bytes.data(), bytes.size()), ec);
      if (ec == asio::error::would_block || ec == asio::error::try_again) {
        if (!waiting_to_write_) {
          waiting_to_write_ = true;
          socket_.async_wait(tcp::socket::wait_write,
                             [self = shared_from_this()](const boost::system::error_code& wait_ec) {
                               self->waiting_to_write_ = false;
                               if (!wait_ec) self->owner_.flush_all();
                             });
        }
        return;
      }
      if (ec) {
        owner_.close(*this, "write failed: " + ec.message());
        return;
      }
      outbox.consume(n);
    }
  }

  void shutdown() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  net::ByteBuffer& inbox() { return inbox_; }
  const std::string& peer() const { return peer_; }
  const asio::ip::address& address() const { return address_; }
  bool is_open() const { return socket_.is_open(); }
  int slot = -1;               // session bound on Logon
  std::size_t discarding = 0;  // bytes of an oversized message still to throw away
  const Nanos accepted_at;

 private:
  tcp::socket socket_;
  FixAcceptor& owner_;
  net::ByteBuffer inbox_;
  asio::ip::address address_;
  std::string peer_;
  bool waiting_to_write_ = false;
};

AcceptorLimits AcceptorLimits::from(const fix::SettingsSection& defaults) {
  AcceptorLimits limits;
  const auto positive = [&](const char* key, int fallback) {
    const int value = defaults.get_int(key, fallback);
    if (value < 1) {
      throw fix::SettingsError(defaults.where(key) + ": " + key + " must be at least 1");
    }
    return value;
  };
  limits.logon_timeout = positive("LogonTimeout", 10) * kNanosPerSecond;
  limits.max_pending_connections = static_cast<std::size_t>(positive("MaxPendingConnections", 256));
  limits.max_pending_per_address =
      static_cast<std::size_t>(positive("MaxPendingConnectionsPerAddress", 64));
  return limits;
}

FixAcceptor::Slot::Slot(fix::SessionConfig config)
    : outbox(64 * 1024), session(std::move(config), outbox) {
  const fix::SessionConfig& c = session.config();
  if (!c.file_log_path.empty()) {
    log = std::make_unique<fix::MessageLog>(c.file_log_path, c.begin_string, c.sender_comp_id,
                                            c.target_comp_id);
    session.set_log(log.get());
  }
}

FixAcceptor::FixAcceptor(asio::io_context& io, const tcp::endpoint& listen,
                         std::vector<fix::SessionConfig> sessions, FixApplication& application,
                         const AcceptorLimits& limits)
    : io_(io), acceptor_(io), accept_retry_timer_(io), limits_(limits), application_(application) {
  // Sessions naming the same file, however they spell its path, share one loaded copy.
  const auto dictionary = [this](const std::string& path) -> const fix::DataDictionary* {
    if (path.empty()) return nullptr;
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(path, ec);
    auto& loaded = dictionaries_[ec ? path : canonical.string()];
    if (!loaded) loaded = std::make_unique<fix::DataDictionary>(fix::DataDictionary::load(path));
    return loaded.get();
  };
  for (auto& config : sessions) {
    slots_.push_back(std::make_unique<Slot>(std::move(config)));
    const fix::SessionConfig& c = slots_.back()->session.config();
    max_message_before_logon_ = std::max(max_message_before_logon_, c.max_message_size);
    if (c.begin_string == "FIXT.1.1") {
      slots_.back()->session.set_dictionaries(dictionary(c.transport_data_dictionary),
                                              dictionary(c.app_data_dictionary));
    } else {
      const auto* d = dictionary(c.data_dictionary);
      slots_.back()->session.set_dictionaries(d, d);
    }
  }
  // Listen only once the dictionaries are loaded: a client must not connect to a port that
  // cannot answer yet.
  try {
    acceptor_.open(listen.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(listen);
    acceptor_.listen();
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("cannot listen for FIX on " + listen.address().to_string() + ":" +
                             std::to_string(listen.port()) + ": " + e.code().message());
  }
  accept();
}

FixAcceptor::~FixAcceptor() {
  for (auto& slot : slots_) {
    if (slot->connection) slot->connection->shutdown();
  }
  for (auto& connection : pending_)
    connection->shutdown();
}

void FixAcceptor::accept() {
  acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (ec) {
      // Out of descriptors, say: retrying at once would spin a core the engine needs.
      ++stats_.accept_errors;
      accept_retry_timer_.expires_after(std::chrono::nanoseconds(limits_.accept_retry));
      accept_retry_timer_.async_wait([this](const boost::system::error_code& wait_ec) {
        if (!wait_ec) accept();
      });
      return;
    }
    ++stats_.connections;
    admit(std::make_shared<Connection>(std::move(socket), *this, monotonic_ns()));
    accept();
  });
}

void FixAcceptor::admit(std::shared_ptr<Connection> connection) {
  // pending_ is in arrival order: the first match is the oldest.
  const auto same_address = [&](const std::shared_ptr<Connection>& c) {
    return c->address() == connection->address();
  };
  if (static_cast<std::size_t>(std::count_if(pending_.begin(), pending_.end(), same_address)) >=
      limits_.max_pending_per_address) {
    ++stats_.evicted_connections;
    ++evictions_unreported_;
    const auto oldest = *std::find_if(pending_.begin(), pending_.end(), same_address);
    close(*oldest, "evicted", false);
  }
  if (!pending_.empty() && pending_.size() >= limits_.max_pending_connections) {
    ++stats_.evicted_connections;
    ++evictions_unreported_;
    const auto oldest = pending_.front();
    close(*oldest, "evicted", false);
  }
  pending_.push_back(std::move(connection));
  pending_.back()->read();
}

int FixAcceptor::find_slot(const fix::MessageView& logon) const {
  const auto begin_string = logon.get(fix::tag::BeginString);
  const auto sender = logon.get(fix::tag::SenderCompID);
  const auto target = logon.get(fix::tag::TargetCompID);
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const fix::SessionConfig& c = slots_[i]->session.config();
    if (begin_string == std::string_view(c.begin_string) &&
        sender == std::string_view(c.target_comp_id) &&
        target == std::string_view(c.sender_comp_id)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

void FixAcceptor::on_input(Connection& connection, Now now) {
  net::ByteBuffer& inbox = connection.inbox();
  for (;;) {
    const std::string_view bytes = inbox.readable();
    if (connection.discarding > 0) {
      const std::size_t n = std::min(connection.discarding, bytes.size());
      inbox.consume(n);
      connection.discarding -= n;
      if (connection.discarding > 0) break;
      continue;
    }
    const std::size_t max_message =
        connection.slot < 0
            ? max_message_before_logon_
            : slots_[static_cast<std::size_t>(connection.slot)]->session.config().max_message_size;
    const fix::FrameResult frame = fix::frame_message(bytes, max_message);
    if (frame.status == fix::FrameStatus::Incomplete) break;
    if (frame.status == fix::FrameStatus::Oversized) {
      ++stats_.oversized_messages;
      if (connection.slot < 0) {
        close(connection, "first message longer than MaxMessageSize (" +
                              std::to_string(frame.length) + " bytes)");
        return;
      }
      // Garbled as far as the session is concerned: ignored, so its sequence number will be
      // asked for again; the bytes are dropped as they come rather than buffered.
      connection.discarding = frame.length;
      continue;
    }
    if (frame.status == fix::FrameStatus::Garbled) {
      ++stats_.garbled_messages;
      if (connection.slot < 0) {  // a garbled Logon: nothing to carry on with
        close(connection, "garbled first message");
        return;
      }
      // After Logon the FIX transport rules say: ignore and carry on.
      inbox.consume(frame.length);
      continue;
    }
    const fix::MessageView message(bytes.substr(0, frame.length));
    ++stats_.messages_in;
    if (connection.slot < 0) {
      const int slot = message.msg_type() == fix::msg_type::Logon ? find_slot(message) : -1;
      if (slot < 0 || slots_[static_cast<std::size_t>(slot)]->connection) {
        ++stats_.refused_logons;
        close(connection, slot < 0 ? "first message is not a Logon for a configured session"
                                   : "session already logged on from another connection");
        return;
      }
      connection.slot = slot;
      Slot& s = *slots_[static_cast<std::size_t>(slot)];
      s.connection = connection.shared_from_this();
      std::erase(pending_, s.connection);
      s.session.on_connect(now);
    }
    const auto index = static_cast<std::size_t>(connection.slot);
    fix::Session& session = slots_[index]->session;
    const bool was_active = session.active();
    const fix::Inbound kind = session.on_message(message, now);
    if (!was_active && session.active()) application_.on_logon(index, now);
    if (kind == fix::Inbound::Application) application_.on_message(index, message, now);
    session.process_queue(now, [&](const fix::MessageView& released) {
      if (released.msg_type() != fix::msg_type::Reject)
        application_.on_message(index, released, now);
    });
    inbox.consume(frame.length);
    if (session.wants_disconnect()) break;
  }
  application_.after_input(now);
  if (!flush_per_turn_) flush_all();
}

void FixAcceptor::flush(std::size_t index) {
  Slot& slot = *slots_[index];
  if (!slot.connection) {
    slot.outbox.clear();  // no store yet: what a disconnected session would have received is lost
    return;
  }
  const auto connection = slot.connection;  // keep alive through a close inside write()
  connection->write(slot.outbox);
  if (slot.connection && slot.outbox.size() > limits_.max_outbox_bytes) {
    ++stats_.slow_consumers;
    close(*connection, "slow consumer: more than " + std::to_string(limits_.max_outbox_bytes) +
                           " bytes waiting to be sent");
    return;
  }
  if (slot.connection && slot.session.wants_disconnect() &&
      (slot.outbox.empty() || slot.session.logout_overdue(monotonic_ns()))) {
    close(*connection, slot.session.disconnect_reason());
  }
}

void FixAcceptor::flush_all() {
  // Saved first, then committed, then logged, then written: whatever goes out is on disk with
  // its cause, and in the message log (a venue killed leaves the log of what it sent).
  for (const auto& slot : slots_)
    slot->session.persist();
  application_.before_write();
  for (const auto& slot : slots_)
    if (slot->log) slot->log->flush();
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (!slots_[i]->outbox.empty() || slots_[i]->session.wants_disconnect()) flush(i);
  }
}

void FixAcceptor::close(Connection& connection, const std::string& reason, bool report) {
  const auto keep_alive = connection.shared_from_this();
  connection.shutdown();
  std::erase(pending_, keep_alive);
  if (report) {
    std::fprintf(stderr, "venue: connection from %s closed: %s\n", connection.peer().c_str(),
                 reason.c_str());
  }
  if (connection.slot < 0) return;
  const auto index = static_cast<std::size_t>(connection.slot);
  connection.slot = -1;
  Slot& slot = *slots_[index];
  if (slot.connection.get() != &connection) return;
  slot.connection.reset();
  slot.outbox.clear();
  slot.session.on_disconnect();
  application_.on_logout(index, Now::read());
}

void FixAcceptor::on_timer(Now now) {
  for (auto& slot : slots_) {
    if (slot->connection) slot->session.on_timer(now);
  }
  flush_all();
  // Oldest first; close() removes from pending_, so collect before closing.
  std::vector<std::shared_ptr<Connection>> expired;
  for (const auto& c : pending_) {
    if (now.mono - c->accepted_at >= limits_.logon_timeout) expired.push_back(c);
  }
  for (const auto& c : expired) {
    ++stats_.logon_timeouts;
    ++timeouts_unreported_;
    close(*c, "no Logon within the logon timeout", false);
  }
  if (evictions_unreported_ + timeouts_unreported_ + peer_closes_unreported_ > 0) {
    std::fprintf(stderr,
                 "venue: connections that had not logged on, closed: %llu for newer ones "
                 "(MaxPendingConnections, MaxPendingConnectionsPerAddress), %llu after "
                 "LogonTimeout, %llu by the peer\n",
                 static_cast<unsigned long long>(evictions_unreported_),
                 static_cast<unsigned long long>(timeouts_unreported_),
                 static_cast<unsigned long long>(peer_closes_unreported_));
    evictions_unreported_ = timeouts_unreported_ = peer_closes_unreported_ = 0;
  }
}

bool FixAcceptor::drop_connection(std::size_t index, const std::string& reason) {
  Slot& slot = *slots_[index];
  if (!slot.connection) return false;
  close(*slot.connection, reason);
  return true;
}

bool FixAcceptor::write_raw(std::size_t index, std::string_view bytes) {
  Slot& slot = *slots_[index];
  if (!slot.connection) return false;
  slot.outbox.append(bytes);
  flush_all();
  return true;
}

void FixAcceptor::logout_all(std::string_view text, Now now) {
  for (auto& slot : slots_) {
    if (slot->connection && slot->session.active()) slot->session.logout(text, now);
  }
  flush_all();
}

}  // namespace vtb::sim
