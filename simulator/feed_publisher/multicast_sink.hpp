#pragma once
// Sends each MoldUDP64 packet to feed A and, when configured, the identical packet to feed B.

#include <boost/asio/ip/udp.hpp>
#include <cstdint>
#include <optional>

#include "common/net/multicast.hpp"
#include "simulator/feed_publisher/datagram_sink.hpp"

namespace vtb::sim {

class MulticastSink : public DatagramSink {
 public:
  MulticastSink(boost::asio::io_context& io, boost::asio::ip::address_v4 interface, int ttl,
                const net::UdpEndpoint& feed_a, const std::optional<net::UdpEndpoint>& feed_b);

  void send(std::string_view datagram) override;
  std::uint64_t send_errors() const { return send_errors_; }

 private:
  boost::asio::ip::udp::socket socket_;
  boost::asio::ip::udp::endpoint a_;
  std::optional<boost::asio::ip::udp::endpoint> b_;
  std::uint64_t send_errors_ = 0;
};

}  // namespace vtb::sim
