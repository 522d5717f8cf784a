#include "common/net/multicast.hpp"

#include <boost/asio/ip/multicast.hpp>
#include <stdexcept>

#include "common/text/decimal.hpp"

namespace vtb::net {

namespace asio = boost::asio;

asio::ip::address_v4 parse_ipv4(const std::string& text, const std::string& what) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address_v4(text, ec);
  if (ec) throw std::invalid_argument(what + ": '" + text + "' is not an IPv4 address");
  return address;
}

UdpEndpoint UdpEndpoint::parse(const std::string& text, const std::string& what) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) {
    throw std::invalid_argument(what + ": '" + text + "' must be ADDRESS:PORT");
  }
  const auto port = text::parse_int(std::string_view(text).substr(colon + 1));
  if (!port || *port <= 0 || *port > 65535) {
    throw std::invalid_argument(what + ": '" + text + "' has no valid port (1-65535)");
  }
  return {parse_ipv4(text.substr(0, colon), what), static_cast<std::uint16_t>(*port)};
}

UdpEndpoint UdpEndpoint::parse_group(const std::string& text, const std::string& what) {
  UdpEndpoint endpoint = parse(text, what);
  if (!endpoint.address.is_multicast()) {
    throw std::invalid_argument(what + ": '" + text +
                                "' is not a multicast group (224.0.0.0 to 239.255.255.255)");
  }
  return endpoint;
}

std::string UdpEndpoint::to_string() const {
  return address.to_string() + ":" + std::to_string(port);
}

asio::ip::udp::socket open_multicast_sender(asio::io_context& io, asio::ip::address_v4 interface,
                                            int ttl) {
  try {
    asio::ip::udp::socket socket(io, asio::ip::udp::v4());
    socket.set_option(asio::ip::multicast::outbound_interface(interface));
    socket.set_option(asio::ip::multicast::hops(ttl));
    socket.set_option(asio::ip::multicast::enable_loopback(true));
    return socket;
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("cannot send multicast from interface " + interface.to_string() +
                             ": " + e.code().message());
  }
}

asio::ip::udp::socket open_multicast_receiver(asio::io_context& io, const UdpEndpoint& group,
                                              asio::ip::address_v4 interface, bool non_blocking) {
  try {
    asio::ip::udp::socket socket(io, asio::ip::udp::v4());
    socket.set_option(asio::socket_base::reuse_address(true));
    // Binding to the group address (not INADDR_ANY) keeps other groups on the same port out.
    socket.bind(asio::ip::udp::endpoint(group.address, group.port));
    socket.set_option(asio::ip::multicast::join_group(group.address, interface));
    socket.set_option(asio::socket_base::receive_buffer_size(4 << 20));
    socket.non_blocking(non_blocking);
    return socket;
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("cannot join multicast group " + group.to_string() + " on " +
                             interface.to_string() + ": " + e.code().message());
  }
}

}  // namespace vtb::net
