#pragma once
// UDP multicast sockets set up the way the test bed needs them: the sender picks its interface
// with IP_MULTICAST_IF (so loopback works with no routing changes) and receivers join on that
// interface. Plain kernel sockets underneath, so kernel-bypass LD_PRELOAD libraries work.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstdint>
#include <string>

namespace vtb::net {

struct UdpEndpoint {
  boost::asio::ip::address_v4 address;
  std::uint16_t port = 0;

  // "239.10.10.1:31001"; throws std::invalid_argument naming `what` on bad input.
  static UdpEndpoint parse(const std::string& text, const std::string& what);
  // As parse(), and the address must be a multicast group (224.0.0.0/4).
  static UdpEndpoint parse_group(const std::string& text, const std::string& what);
  std::string to_string() const;
};

boost::asio::ip::address_v4 parse_ipv4(const std::string& text, const std::string& what);

boost::asio::ip::udp::socket open_multicast_sender(boost::asio::io_context& io,
                                                   boost::asio::ip::address_v4 interface, int ttl);

// Bound to the group's port and joined on `interface`; non-blocking when `non_blocking`.
boost::asio::ip::udp::socket open_multicast_receiver(boost::asio::io_context& io,
                                                     const UdpEndpoint& group,
                                                     boost::asio::ip::address_v4 interface,
                                                     bool non_blocking);

}  // namespace vtb::net
