#include "tools/testbed/scenario/control_client.hpp"

#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <istream>
#include <stdexcept>

namespace vtb::scenario {

namespace asio = boost::asio;

ControlClient::ControlClient(const std::string& host, std::uint16_t port) : socket_(io_) {
  boost::system::error_code ec;
  socket_.connect({asio::ip::make_address(host), port}, ec);
  if (ec) {
    throw std::runtime_error("venue control port " + host + ":" + std::to_string(port) + ": " +
                             ec.message());
  }
  socket_.set_option(asio::ip::tcp::no_delay(true));
}

std::string ControlClient::command(const std::string& line) {
  boost::system::error_code ec;
  asio::write(socket_, asio::buffer(line + "\n"), ec);
  if (!ec) asio::read_until(socket_, input_, '\n', ec);
  if (ec) throw std::runtime_error("venue control port: '" + line + "': " + ec.message());
  std::istream in(&input_);
  std::string answer;
  std::getline(in, answer);
  return answer;
}

}  // namespace vtb::scenario
