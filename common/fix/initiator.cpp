#include "common/fix/initiator.hpp"

#include <boost/asio/connect.hpp>
#include <stdexcept>

namespace vtb::fix {

namespace asio = boost::asio;
using asio::ip::tcp;

Initiator::Initiator(SessionConfig config)
    : socket_(io_),
      inbox_(kBufferBytes),
      outbox_(kBufferBytes),
      session_(std::move(config), outbox_) {
  const SessionConfig& c = session_.config();
  if (!c.file_log_path.empty()) {
    log_ = std::make_unique<MessageLog>(c.file_log_path, c.begin_string, c.sender_comp_id,
                                        c.target_comp_id);
    session_.set_log(log_.get());
  }
}

void Initiator::connect_and_logon(Nanos timeout) {
  const SessionConfig& c = session_.config();
  const std::string where = c.connect_host + ":" + std::to_string(c.connect_port);
  boost::system::error_code ec;
  tcp::resolver resolver(io_);
  const auto endpoints = resolver.resolve(c.connect_host, std::to_string(c.connect_port), ec);
  if (ec) throw std::runtime_error("cannot resolve " + where + ": " + ec.message());
  asio::connect(socket_, endpoints, ec);
  if (ec) throw std::runtime_error("cannot connect to " + where + ": " + ec.message());
  socket_.set_option(tcp::no_delay(true));
  socket_.non_blocking(true);
  connected_ = true;
  close_reason_.clear();
  inbox_.clear();
  outbox_.clear();

  session_.on_connect(Now::read());
  const Nanos deadline = monotonic_ns() + timeout;
  while (connected_ && !session_.active()) {
    if (monotonic_ns() > deadline) {
      close("no Logon reply");
      throw std::runtime_error("no Logon reply from " + where + " within the timeout");
    }
    poll(Now::read(), [](const MessageView&) {});
  }
  if (!session_.active()) {
    throw std::runtime_error("logon to " + where + " failed: " + close_reason_);
  }
}

bool Initiator::read_some() {
  for (;;) {
    char* space = inbox_.prepare(16 * 1024);
    boost::system::error_code ec;
    const std::size_t n = socket_.read_some(asio::buffer(space, inbox_.writable()), ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) return true;
    if (ec) return false;
    inbox_.commit(n);
  }
}

bool Initiator::flush() {
  while (connected_ && !outbox_.empty()) {
    boost::system::error_code ec;
    const auto bytes = outbox_.readable();
    const std::size_t n = socket_.write_some(asio::buffer(bytes.data(), bytes.size()), ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) return true;
    if (ec) {
      close("write failed: " + ec.message());
      return false;
    }
    outbox_.consume(n);
  }
  return connected_;
}

void Initiator::close(std::string reason) {
  if (!connected_) return;
  connected_ = false;
  close_reason_ = std::move(reason);
  boost::system::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  session_.on_disconnect();
}

}  // namespace vtb::fix
