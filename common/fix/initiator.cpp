#include "common/fix/initiator.hpp"

#include <boost/asio/connect.hpp>
#include <stdexcept>

#include "common/hot_path/hot_code.hpp"
#include "common/hot_path/page_trace.hpp"

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

std::string Initiator::open_connection() {
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
  ended_by_logout_ = false;
  close_reason_.clear();
  inbox_.clear();
  outbox_.clear();
  discarding_ = 0;  // what remained of an oversized message died with the last connection
  session_.on_connect(Now::read());
  return where;
}

bool Initiator::schedule_reconnect(Nanos mono_now, const ReconnectPolicy& policy) {
  if (failed_attempts_ == 0) lost_reason_ = close_reason_;  // the connection just lost
  if (ended_by_logout_) {
    gave_up_ = true;  // close_reason_ already says how the Logout exchange went
    return false;
  }
  if (failed_attempts_ >= policy.attempts) {
    gave_up_ = true;
    close_reason_ = "connection lost (" + lost_reason_ + ")";
    if (policy.attempts == 0) {
      close_reason_ += "; reconnecting is off";
    } else {
      close_reason_ += "; " + std::to_string(failed_attempts_) +
                       " reconnection attempts failed, the last: " + last_failure_;
    }
    return false;
  }
  Nanos delay = policy.first_delay;
  for (int i = 0; i < failed_attempts_ && delay < policy.max_delay; ++i)
    delay *= 2;
  next_attempt_ = mono_now + std::min(delay, policy.max_delay);
  return true;
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

VTB_HOT bool Initiator::flush() {
  while (connected_ && !outbox_.empty()) {
    boost::system::error_code ec;
    const auto bytes = outbox_.readable();
    page_trace_close();
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
  ended_by_logout_ = session_.state() == Session::State::LogoutSent || session_.logout_received();
  boost::system::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  session_.on_disconnect();
}

}  // namespace vtb::fix
