#pragma once
// Sends each MoldUDP64 packet to feed A and, when configured, the identical packet to feed B,
// each through its own fault stage (feed_faults.hpp) when a fault is armed.

#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <optional>

#include "common/net/multicast.hpp"
#include "simulator/feed_publisher/datagram_sink.hpp"
#include "simulator/feed_publisher/feed_faults.hpp"

namespace vtb::sim {

enum class Feed : std::uint8_t { A = 0, B = 1 };

class MulticastSink : public DatagramSink {
 public:
  MulticastSink(boost::asio::io_context& io, boost::asio::ip::address_v4 interface, int ttl,
                const net::UdpEndpoint& feed_a, const std::optional<net::UdpEndpoint>& feed_b);

  void send(std::string_view datagram) override {
    if (faults_idle_) [[likely]] {
      if (b_) return send_to_both(datagram);
      return send_to(Feed::A, datagram);
    }
    send_through_faults(datagram);
  }

  FeedFaults& faults(Feed feed) { return faults_[static_cast<int>(feed)]; }
  // After arming or clearing rules: whether the next packet needs the fault stages.
  void faults_changed();
  bool has_feed_b() const { return b_.has_value(); }
  std::uint64_t send_errors() const { return send_errors_; }
  // What went out on one feed, after its faults: packets and the messages they carried.
  std::uint64_t packets(Feed feed) const { return packets_[static_cast<int>(feed)]; }
  std::uint64_t messages(Feed feed) const { return messages_[static_cast<int>(feed)]; }

 private:
  void send_to(Feed feed, std::string_view datagram) {
    boost::system::error_code ec;
    socket_.send_to(boost::asio::buffer(datagram.data(), datagram.size()),
                    feed == Feed::A ? a_ : *b_, 0, ec);
    if (ec) {
      ++send_errors_;
      return;
    }
    count(feed, datagram);
  }
  // Feed A and feed B in one system call (sendmmsg).
  void send_to_both(std::string_view datagram);
  void count(Feed feed, std::string_view datagram) {
    const int f = static_cast<int>(feed);
    ++packets_[f];
    // MoldUDP64's message count, bytes 18-19 of the header (big-endian; 0xFFFF: end of session).
    if (datagram.size() < 20) return;
    const unsigned n =
        (static_cast<unsigned char>(datagram[18]) << 8) | static_cast<unsigned char>(datagram[19]);
    if (n != 0xFFFF) messages_[f] += n;
  }
  void send_through_faults(std::string_view datagram);
  void arm_delay_timer();

  boost::asio::ip::udp::socket socket_;
  boost::asio::ip::udp::endpoint a_;
  std::optional<boost::asio::ip::udp::endpoint> b_;
  std::uint64_t send_errors_ = 0;
  std::uint64_t packets_[2] = {}, messages_[2] = {};
  FeedFaults faults_[2];
  bool faults_idle_ = true;
  boost::asio::steady_timer delay_timer_;
  bool delay_timer_armed_ = false;
};

}  // namespace vtb::sim
