#include "simulator/feed_publisher/retransmission_server.hpp"

#include "common/wire/big_endian.hpp"

namespace vtb::sim {

RetransmissionServer::RetransmissionServer(boost::asio::io_context& io,
                                           const boost::asio::ip::udp::endpoint& endpoint,
                                           FeedHistory& history)
    : socket_(io, endpoint), history_(history) {
  receive();
}

void RetransmissionServer::receive() {
  socket_.async_receive_from(
      boost::asio::buffer(request_), sender_,
      [this](const boost::system::error_code& ec, std::size_t size) {
        if (ec == boost::asio::error::operation_aborted) return;
        if (!ec && enabled_) {
          const std::string_view answer = history_.answer({request_.data(), size});
          if (observer_ && size >= moldudp64::kHeaderSize) {
            const std::uint64_t answered =
                answer.size() >= moldudp64::kHeaderSize
                    ? wire::load_u16(answer.data() + moldudp64::kCountOffset)
                    : 0;
            observer_(wire::load_u64(request_.data() + moldudp64::kSequenceOffset),
                      wire::load_u16(request_.data() + moldudp64::kCountOffset), answered);
          }
          if (!answer.empty()) {
            boost::system::error_code send_error;
            socket_.send_to(boost::asio::buffer(answer.data(), answer.size()), sender_, 0,
                            send_error);
            if (send_error) ++send_errors_;
          }
        }
        receive();
      });
}

}  // namespace vtb::sim
