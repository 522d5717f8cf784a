#pragma once
// A client of the venue's control port (docs/CONTROL.md): one TCP connection, one line out, one
// line back. Blocking: the scenario runner issues a command and needs its answer before the next.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/streambuf.hpp>
#include <cstdint>
#include <string>

namespace vtb::scenario {

class ControlClient {
 public:
  // Throws std::runtime_error naming the port when the venue does not accept the connection.
  ControlClient(const std::string& host, std::uint16_t port);
  // The venue's answer ("ok ..." or "error: ..."). Throws std::runtime_error when the connection
  // is gone (the venue ended).
  std::string command(const std::string& line);

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::streambuf input_;
};

}  // namespace vtb::scenario
