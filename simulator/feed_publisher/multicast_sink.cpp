#include "simulator/feed_publisher/multicast_sink.hpp"

#include <sys/socket.h>

#include <chrono>

namespace vtb::sim {

MulticastSink::MulticastSink(boost::asio::io_context& io, boost::asio::ip::address_v4 interface,
                             int ttl, const net::UdpEndpoint& feed_a,
                             const std::optional<net::UdpEndpoint>& feed_b)
    : socket_(net::open_multicast_sender(io, interface, ttl)),
      a_(feed_a.address, feed_a.port),
      delay_timer_(io) {
  if (feed_b) b_.emplace(feed_b->address, feed_b->port);
}

void MulticastSink::send_to_both(std::string_view datagram) {
  iovec payload{const_cast<char*>(datagram.data()), datagram.size()};
  mmsghdr messages[2] = {};
  for (int f = 0; f < 2; ++f) {
    const auto& to = f == 0 ? a_ : *b_;
    messages[f].msg_hdr.msg_name = const_cast<sockaddr*>(to.data());
    messages[f].msg_hdr.msg_namelen = static_cast<socklen_t>(to.size());
    messages[f].msg_hdr.msg_iov = &payload;
    messages[f].msg_hdr.msg_iovlen = 1;
  }
  const int sent = ::sendmmsg(socket_.native_handle(), messages, 2, 0);
  if (sent < 0) {
    send_errors_ += 2;
    return;
  }
  for (int f = 0; f < 2; ++f) {
    if (f < sent) {
      count(static_cast<Feed>(f), datagram);
    } else {
      ++send_errors_;
    }
  }
}

void MulticastSink::faults_changed() {
  faults_idle_ = faults_[0].idle() && faults_[1].idle();
  arm_delay_timer();
}

void MulticastSink::send_through_faults(std::string_view datagram) {
  const Nanos now = monotonic_ns();
  faults_[0].pass(datagram, now, [this](std::string_view d) { send_to(Feed::A, d); });
  if (b_) faults_[1].pass(datagram, now, [this](std::string_view d) { send_to(Feed::B, d); });
  faults_changed();
}

void MulticastSink::arm_delay_timer() {
  if (delay_timer_armed_) return;
  std::optional<Nanos> due = faults_[0].next_due();
  if (const auto b = faults_[1].next_due(); b && (!due || *b < *due)) due = b;
  if (!due) return;
  delay_timer_armed_ = true;
  delay_timer_.expires_after(std::chrono::nanoseconds(*due - monotonic_ns()));
  delay_timer_.async_wait([this](const boost::system::error_code& ec) {
    delay_timer_armed_ = false;
    if (ec) return;
    const Nanos now = monotonic_ns();
    faults_[0].release_due(now, [this](std::string_view d) { send_to(Feed::A, d); });
    if (b_) faults_[1].release_due(now, [this](std::string_view d) { send_to(Feed::B, d); });
    faults_changed();
  });
}

}  // namespace vtb::sim
