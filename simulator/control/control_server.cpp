#include "simulator/control/control_server.hpp"

#include <boost/asio/buffers_iterator.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

namespace vtb::sim {

namespace asio = boost::asio;

namespace {

constexpr std::size_t kMaxLine = 1024;

// One client: read a line, answer it, repeat until the client goes or misbehaves.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::ip::tcp::socket socket, const ControlServer::Handler& handler)
      : socket_(std::move(socket)), handler_(handler), input_(kMaxLine) {}

  void read() {
    asio::async_read_until(
        socket_, input_, '\n',
        [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
          if (ec) return;  // closed, or a line over kMaxLine
          self->answer(n);
        });
  }

 private:
  void answer(std::size_t length) {
    std::string line(asio::buffers_begin(input_.data()),
                     asio::buffers_begin(input_.data()) + static_cast<std::ptrdiff_t>(length));
    input_.consume(length);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
      line.pop_back();
    reply_ = handler_(line) + "\n";
    asio::async_write(socket_, asio::buffer(reply_),
                      [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                        if (!ec) self->read();
                      });
  }

  asio::ip::tcp::socket socket_;
  const ControlServer::Handler& handler_;
  asio::streambuf input_;
  std::string reply_;
};

}  // namespace

ControlServer::ControlServer(asio::io_context& io, const asio::ip::tcp::endpoint& endpoint,
                             Handler handler)
    : acceptor_(io, endpoint), handler_(std::move(handler)) {
  accept();
}

void ControlServer::accept() {
  acceptor_.async_accept([this](boost::system::error_code ec, asio::ip::tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) std::make_shared<Connection>(std::move(socket), handler_)->read();
    accept();
  });
}

}  // namespace vtb::sim
