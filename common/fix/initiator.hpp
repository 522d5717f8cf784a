#pragma once
// The client side of a FIX session over TCP: a plain kernel socket (Asio-owned, used
// non-blocking), so a kernel-bypass LD_PRELOAD library can take it over. Connecting and logging on
// block (start-up); after that poll() and flush() never block and never allocate in steady state.

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <stdexcept>
#include <string>

#include "common/fix/message_view.hpp"
#include "common/fix/session.hpp"
#include "common/net/byte_buffer.hpp"

namespace vtb::fix {

// How an initiator comes back after its connection is lost without a Logout: as QuickFIX's
// ReconnectInterval, but with a back-off and a limit.
struct ReconnectPolicy {
  int attempts = 5;  // consecutive failed attempts before giving up; 0: never reconnect
  Nanos first_delay = kNanosPerSecond / 2;  // before the first attempt; doubles after a failure
  Nanos max_delay = 8 * kNanosPerSecond;
};

class Initiator {
 public:
  static constexpr std::size_t kBufferBytes = 64 * 1024;  // grows for larger messages

  explicit Initiator(SessionConfig config);

  // Connects to config().connect_host:connect_port and completes the Logon exchange. Throws
  // std::runtime_error saying what failed (connection refused, logon rejected, timeout).
  // Application messages that arrive right behind the Logon reply go to `on_application`.
  template <class OnApplication>
  void connect_and_logon(Nanos timeout, OnApplication&& on_application);
  void connect_and_logon(Nanos timeout) {
    connect_and_logon(timeout, [](const MessageView&) {});
  }

  enum class Reconnect { Waiting, LoggedOn, GaveUp };
  // Call while poll() returns false. A connection that ended in a Logout exchange (either side's)
  // is not tried again: the session ended on purpose. A lost one is, after a back-off, with the
  // session's settings: sequence numbers continue unless ResetOnLogon (or ResetOnDisconnect)
  // says otherwise, and a gap on the counterparty's Logon is asked for with a ResendRequest.
  // Never blocks while Waiting; an attempt blocks for the connect and the Logon exchange (up to
  // `logon_timeout`). On GaveUp, close_reason() says why.
  template <class OnApplication>
  Reconnect reconnect(Nanos mono_now, const ReconnectPolicy& policy, Nanos logon_timeout,
                      OnApplication&& on_application);

  // Reads whatever has arrived and runs the session layer over it; `on_application` is called
  // with each in-sequence application message and each session-level Reject. Returns false once
  // the connection is gone.
  template <class OnApplication>
  bool poll(Now now, OnApplication&& on_application);

  // Writes queued bytes; false when the connection failed.
  bool flush();

  // Logout handshake, waiting up to `timeout` for the reply, then close. What arrives before the
  // reply (the reports of orders still in flight) still goes to `on_application`.
  template <class OnApplication>
  void logout(std::string_view text, Nanos timeout, OnApplication&& on_application);
  void logout(std::string_view text, Nanos timeout) {
    logout(text, timeout, [](const MessageView&) {});
  }

  Session& session() { return session_; }
  bool connected() const { return connected_; }
  // The socket, for a caller that waits on many initiators at once (epoll).
  int native_handle() { return socket_.native_handle(); }
  const std::string& close_reason() const { return close_reason_; }
  // The last connection ended with a Logout exchange rather than being lost.
  bool ended_by_logout() const { return ended_by_logout_; }
  std::uint64_t garbled_messages() const { return garbled_; }
  std::uint64_t reconnections() const { return reconnections_; }  // logged on again

 private:
  std::string open_connection();  // connects and sends Logon; returns "host:port"; throws
  bool read_some();               // false when the connection is gone
  void close(std::string reason);
  // Schedules the next reconnection attempt, or gives up (false).
  bool schedule_reconnect(Nanos mono_now, const ReconnectPolicy& policy);

  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
  net::ByteBuffer inbox_;
  net::ByteBuffer outbox_;
  Session session_;
  bool connected_ = false;
  std::string close_reason_;
  std::uint64_t garbled_ = 0;
  std::size_t discarding_ = 0;  // bytes of an oversized message still to throw away
  std::unique_ptr<MessageLog> log_;
  bool ended_by_logout_ = false;
  // Reconnection after a lost connection.
  Nanos next_attempt_ = 0;  // 0: none scheduled
  int failed_attempts_ = 0;
  bool gave_up_ = false;
  std::string lost_reason_;   // why the connection being replaced was lost
  std::string last_failure_;  // why the last attempt failed
  std::uint64_t reconnections_ = 0;
};

template <class OnApplication>
void Initiator::connect_and_logon(Nanos timeout, OnApplication&& on_application) {
  const std::string where = open_connection();
  const Nanos deadline = monotonic_ns() + timeout;
  while (connected_ && !session_.active()) {
    if (monotonic_ns() > deadline) {
      close("no Logon reply");
      throw std::runtime_error("no Logon reply from " + where + " within the timeout");
    }
    poll(Now::read(), on_application);
  }
  if (!session_.active()) {
    throw std::runtime_error("logon to " + where + " failed: " + close_reason_);
  }
}

template <class OnApplication>
Initiator::Reconnect Initiator::reconnect(Nanos mono_now, const ReconnectPolicy& policy,
                                          Nanos logon_timeout, OnApplication&& on_application) {
  if (connected_) return Reconnect::LoggedOn;
  if (gave_up_) return Reconnect::GaveUp;
  if (next_attempt_ == 0) {
    return schedule_reconnect(mono_now, policy) ? Reconnect::Waiting : Reconnect::GaveUp;
  }
  if (mono_now < next_attempt_) return Reconnect::Waiting;
  next_attempt_ = 0;
  try {
    connect_and_logon(logon_timeout, on_application);
  } catch (const std::runtime_error& e) {
    ++failed_attempts_;
    last_failure_ = e.what();
    return Reconnect::Waiting;  // the next call schedules another attempt or gives up
  }
  failed_attempts_ = 0;
  ++reconnections_;
  return Reconnect::LoggedOn;
}

template <class OnApplication>
void Initiator::logout(std::string_view text, Nanos timeout, OnApplication&& on_application) {
  if (!connected_) return;
  session_.logout(text, Now::read());
  flush();
  const Nanos deadline = monotonic_ns() + timeout;
  while (connected_ && monotonic_ns() < deadline)
    poll(Now::read(), on_application);
  close("logged out");
}

template <class OnApplication>
bool Initiator::poll(Now now, OnApplication&& on_application) {
  if (!connected_) return false;
  const bool alive = read_some();
  for (;;) {
    const std::string_view bytes = inbox_.readable();
    if (discarding_ > 0) {
      const std::size_t n = std::min(discarding_, bytes.size());
      inbox_.consume(n);
      discarding_ -= n;
      if (discarding_ > 0) break;
      continue;
    }
    const FrameResult frame = frame_message(bytes, session_.config().max_message_size);
    if (frame.status == FrameStatus::Incomplete) break;
    if (frame.status == FrameStatus::Oversized) {  // garbled to the session: dropped unbuffered
      ++garbled_;
      discarding_ = frame.length;
      continue;
    }
    if (frame.status == FrameStatus::Garbled) {
      ++garbled_;
      inbox_.consume(frame.length);
      continue;
    }
    const MessageView message(bytes.substr(0, frame.length));
    if (session_.on_message(message, now) != Inbound::Admin) on_application(message);
    session_.process_queue(now, on_application);
    inbox_.consume(frame.length);
    // As QuickFIX: once the session is over (a Logout answered, a fatal error), what follows in
    // the buffer is not acted on.
    if (session_.wants_disconnect()) break;
  }
  session_.on_timer(now);
  session_.persist();
  if (!flush()) return false;
  if (session_.wants_disconnect()) close(session_.disconnect_reason());
  if (!alive && connected_) close("venue closed the connection");
  return connected_;
}

}  // namespace vtb::fix
