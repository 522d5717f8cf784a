#pragma once
// A line-based command port for operators and scenario scripts: each line received is one
// command, answered with one line. What commands mean is the owner's business (the venue's);
// this is only the transport. Lines longer than 1 KiB close the connection.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace vtb::sim {

class ControlServer {
 public:
  using Handler = std::function<std::string(std::string_view command)>;
  ControlServer(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint,
                Handler handler);
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  void accept();
  boost::asio::ip::tcp::acceptor acceptor_;
  Handler handler_;
};

}  // namespace vtb::sim
