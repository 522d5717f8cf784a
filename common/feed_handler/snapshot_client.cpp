#include "common/feed_handler/snapshot_client.hpp"

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <optional>
#include <stdexcept>

#include "common/soupbintcp/packet.hpp"

namespace vtb::feed {

namespace asio = boost::asio;

SnapshotEnd fetch_snapshot(const std::string& host, std::uint16_t port, std::string_view session,
                           Nanos timeout, const std::function<void(std::string_view)>& on_message) {
  const std::string where = "snapshot server " + host + ":" + std::to_string(port);
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) throw std::runtime_error(where + ": '" + host + "' is not an IP address");
  socket.connect({address, port}, ec);
  if (ec) throw std::runtime_error(where + ": " + ec.message());

  const std::string login =
      soupbintcp::encode(soupbintcp::LoginRequest{"", "", std::string(session), 0});
  asio::write(socket, asio::buffer(login), ec);
  if (ec) throw std::runtime_error(where + ": " + ec.message());

  SnapshotEnd end;
  std::optional<std::string> failure;
  bool done = false;
  bool logged_in = false;
  soupbintcp::StreamReader reader;
  std::array<char, 65536> buffer;
  std::function<void()> read = [&] {
    socket.async_read_some(
        asio::buffer(buffer), [&](boost::system::error_code error, std::size_t n) {
          if (error) {
            failure = error == asio::error::eof ? "closed before End of Snapshot" : error.message();
            return;
          }
          reader.append({buffer.data(), n});
          while (const auto packet = reader.next()) {
            if (packet->type == soupbintcp::type::kLoginRejected) {
              failure = "login rejected (" + std::string(packet->payload) + ")";
              return;
            }
            if (packet->type == soupbintcp::type::kLoginAccepted) {
              logged_in = true;
              continue;
            }
            if (packet->type != soupbintcp::type::kSequencedData || packet->payload.empty())
              continue;
            if (!logged_in) {
              failure = "data before Login Accepted";
              return;
            }
            if (packet->payload[0] == 'G') {  // End of Snapshot: the feed sequence to resume from
              const auto next = soupbintcp::parse_ascii_number(packet->payload.substr(1));
              if (!next || packet->payload.size() != 21) {
                failure = "malformed End of Snapshot";
                return;
              }
              end.next_sequence = *next;
              done = true;
              return;
            }
            ++end.messages;
            on_message(packet->payload);
          }
          read();
        });
  };
  read();
  io.run_for(std::chrono::nanoseconds(timeout));
  if (done) return end;
  if (failure) throw std::runtime_error(where + ": " + *failure);
  throw std::runtime_error(where + ": no End of Snapshot within the deadline");
}

}  // namespace vtb::feed
