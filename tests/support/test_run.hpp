#pragma once
// Integration-test scaffolding: a scratch directory, multicast groups and ports unique to the
// test process, removed at the end.

#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>

namespace vtb::testing {

// A free TCP port from the kernel, and multicast groups/ports unique to this process, so that
// parallel test runs do not hear each other.
inline std::uint16_t free_tcp_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

inline std::uint16_t free_udp_port() {
  boost::asio::io_context io;
  boost::asio::ip::udp::socket s(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return s.local_endpoint().port();
}

// True once something accepts TCP connections on 127.0.0.1:`port`, within `timeout`.
inline bool wait_until_listening(std::uint16_t port, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  boost::asio::io_context io;
  while (std::chrono::steady_clock::now() < deadline) {
    boost::asio::ip::tcp::socket s(io);
    boost::system::error_code ec;
    s.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
    if (!ec) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

struct TestRun {
  std::filesystem::path dir;
  std::string feed_a, feed_b;
  std::uint16_t fix_port;
  std::uint16_t retransmit_port = free_udp_port();  // the venue's re-request server
  std::uint16_t snapshot_port = free_tcp_port();    // the venue's snapshot service

  TestRun() {
    const int pid = static_cast<int>(::getpid());
    dir = std::filesystem::temp_directory_path() / ("vtb-it-" + std::to_string(pid));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const int port = 40000 + pid % 10000 * 2 % 20000;
    feed_a = "239.77." + std::to_string(pid % 250) + ".1:" + std::to_string(port);
    feed_b = "239.77." + std::to_string(pid % 250) + ".2:" + std::to_string(port + 1);
    fix_port = free_tcp_port();
  }
  ~TestRun() { std::filesystem::remove_all(dir); }
  std::string path(const std::string& name) const { return (dir / name).string(); }
};

}  // namespace vtb::testing
