#include "simulator/feed_publisher/snapshot_server.hpp"

#include <array>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <memory>

#include "common/soupbintcp/packet.hpp"

namespace vtb::sim {

namespace asio = boost::asio;

// One client: its login, then the snapshot, then closed.
class SnapshotConnection : public std::enable_shared_from_this<SnapshotConnection> {
 public:
  SnapshotConnection(asio::ip::tcp::socket socket, SnapshotServer& server)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), server_(server) {}

  void start() {
    timer_.expires_after(std::chrono::seconds(5));
    timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec) self->socket_.close();  // no login in time
    });
    read();
  }

 private:
  void read() {
    socket_.async_read_some(asio::buffer(input_), [self = shared_from_this()](
                                                      boost::system::error_code ec, std::size_t n) {
      if (ec) return;
      self->reader_.append({self->input_.data(), n});
      self->on_input();
    });
  }

  void on_input() {
    const auto packet = reader_.next();
    if (!packet) {
      read();
      return;
    }
    timer_.cancel();
    const auto login = packet->type == soupbintcp::type::kLoginRequest
                           ? soupbintcp::decode_login(packet->payload)
                           : std::nullopt;
    if (!login) return;  // not a login: closed (the socket goes with the last reference)
    if (!login->session.empty() && login->session != server_.session_) {
      ++server_.stats_.rejected;
      soupbintcp::append_packet(output_, soupbintcp::type::kLoginRejected, "S");
    } else {
      ++server_.stats_.snapshots;
      soupbintcp::append_packet(output_, soupbintcp::type::kLoginAccepted,
                                soupbintcp::login_accepted_payload(server_.session_, 1));
      output_ += server_.snapshot_();
      soupbintcp::append_packet(output_, soupbintcp::type::kEndOfSession, {});
    }
    asio::async_write(socket_, asio::buffer(output_),
                      [self = shared_from_this()](boost::system::error_code, std::size_t) {
                        boost::system::error_code ignored;
                        self->socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
                      });
  }

  asio::ip::tcp::socket socket_;
  asio::steady_timer timer_;
  SnapshotServer& server_;
  std::array<char, 512> input_{};
  soupbintcp::StreamReader reader_;
  std::string output_;
};

SnapshotServer::SnapshotServer(asio::io_context& io, const asio::ip::tcp::endpoint& endpoint,
                               std::string session, std::function<std::string()> snapshot)
    : acceptor_(io, endpoint), session_(std::move(session)), snapshot_(std::move(snapshot)) {
  accept();
}

void SnapshotServer::accept() {
  acceptor_.async_accept([this](boost::system::error_code ec, asio::ip::tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    // Down: the connection is closed at once, as when the service has failed.
    if (!ec && enabled_) std::make_shared<SnapshotConnection>(std::move(socket), *this)->start();
    accept();
  });
}

}  // namespace vtb::sim
