#pragma once
// The MoldUDP64 re-request server: a unicast UDP socket where receivers that lost packets send
// re-requests (20 bytes: session, first sequence number, count), answered to the sender from the
// FeedHistory. Asynchronous on the venue's event loop; one answer per request.

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstdint>

#include "simulator/feed_publisher/feed_history.hpp"

namespace vtb::sim {

class RetransmissionServer {
 public:
  RetransmissionServer(boost::asio::io_context& io, const boost::asio::ip::udp::endpoint& endpoint,
                       FeedHistory& history);

  std::uint16_t port() const { return socket_.local_endpoint().port(); }
  std::uint64_t send_errors() const { return send_errors_; }

 private:
  void receive();

  boost::asio::ip::udp::socket socket_;
  FeedHistory& history_;
  std::array<char, 512> request_{};
  boost::asio::ip::udp::endpoint sender_;
  std::uint64_t send_errors_ = 0;
};

}  // namespace vtb::sim
