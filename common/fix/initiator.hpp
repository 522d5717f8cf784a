#pragma once
// The client side of a FIX session over TCP: a plain kernel socket (Asio-owned, used
// non-blocking), so a kernel-bypass LD_PRELOAD library can take it over. Connecting and logging on
// block (start-up); after that poll() and flush() never block and never allocate in steady state.

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <string>

#include "common/fix/message_view.hpp"
#include "common/fix/session.hpp"
#include "common/net/byte_buffer.hpp"

namespace vtb::fix {

class Initiator {
 public:
  static constexpr std::size_t kBufferBytes = 64 * 1024;  // grows for larger messages

  explicit Initiator(SessionConfig config);

  // Connects to config().connect_host:connect_port and completes the Logon exchange. Throws
  // std::runtime_error saying what failed (connection refused, logon rejected, timeout).
  void connect_and_logon(Nanos timeout);

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
  const std::string& close_reason() const { return close_reason_; }
  std::uint64_t garbled_messages() const { return garbled_; }

 private:
  bool read_some();  // false when the connection is gone
  void close(std::string reason);

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
};

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
  }
  session_.on_timer(now);
  session_.persist();
  if (!flush()) return false;
  if (session_.wants_disconnect()) close(session_.disconnect_reason());
  if (!alive && connected_) close("venue closed the connection");
  return connected_;
}

}  // namespace vtb::fix
