#include "simulator/feed_publisher/multicast_sink.hpp"

namespace vtb::sim {

MulticastSink::MulticastSink(boost::asio::io_context& io, boost::asio::ip::address_v4 interface,
                             int ttl, const net::UdpEndpoint& feed_a,
                             const std::optional<net::UdpEndpoint>& feed_b)
    : socket_(net::open_multicast_sender(io, interface, ttl)), a_(feed_a.address, feed_a.port) {
  if (feed_b) b_.emplace(feed_b->address, feed_b->port);
}

void MulticastSink::send(std::string_view datagram) {
  boost::system::error_code ec;
  const auto buffer = boost::asio::buffer(datagram.data(), datagram.size());
  socket_.send_to(buffer, a_, 0, ec);
  if (ec) ++send_errors_;
  if (b_) {
    socket_.send_to(buffer, *b_, 0, ec);
    if (ec) ++send_errors_;
  }
}

}  // namespace vtb::sim
