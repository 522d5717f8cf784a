#pragma once
// The MoldUDP64 re-request server: a unicast UDP socket where receivers that lost packets send
// re-requests (20 bytes: session, first sequence number, count), answered to the sender from the
// FeedHistory. Asynchronous on the venue's event loop; one answer per request.

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstdint>
#include <functional>

#include "simulator/feed_publisher/feed_history.hpp"

namespace vtb::sim {

class RetransmissionServer {
 public:
  RetransmissionServer(boost::asio::io_context& io, const boost::asio::ip::udp::endpoint& endpoint,
                       FeedHistory& history);

  std::uint16_t port() const { return socket_.local_endpoint().port(); }
  std::uint64_t send_errors() const { return send_errors_; }
  // Down: requests are read and go unanswered, as when a venue's re-request server fails.
  void set_enabled(bool enabled) { enabled_ = enabled; }
  // Told of every request: its first sequence number and count, and the messages answered.
  void set_observer(
      std::function<void(std::uint64_t first, std::uint64_t count, std::uint64_t answered)>
          observer) {
    observer_ = std::move(observer);
  }

 private:
  void receive();

  boost::asio::ip::udp::socket socket_;
  FeedHistory& history_;
  std::array<char, 512> request_{};
  boost::asio::ip::udp::endpoint sender_;
  std::uint64_t send_errors_ = 0;
  bool enabled_ = true;
  std::function<void(std::uint64_t, std::uint64_t, std::uint64_t)> observer_;
};

}  // namespace vtb::sim
