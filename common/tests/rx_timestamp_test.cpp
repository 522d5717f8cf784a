#include "common/net/rx_timestamp.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace vtb::net {
namespace {

struct Fd {
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  ~Fd() { ::close(fd); }
};

// On loopback the kernel stamps in software: the stamp lies between the send and the receive.
// Linux turns stamping on for the whole stack from a work queue (a static key), so a datagram that
// races the setsockopt() can arrive unstamped: it reads as source None, never as a wrong time. The
// test sends until one is stamped, and at most a few are not.
TEST(RxTimestamp, TheKernelStampsDatagramsOnceStampingIsOn) {
  Fd receiver, sender;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(receiver.fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(receiver.fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  enable_rx_timestamps(receiver.fd, "test socket");

  char buffer[64];
  RxTimestamp stamp;
  EXPECT_EQ(receive_timestamped(receiver.fd, buffer, sizeof buffer, stamp), -1);
  EXPECT_EQ(errno, EAGAIN);

  int unstamped = 0;
  for (int sent = 0; sent < 100; ++sent) {
    const Nanos before = wall_clock_ns();
    ASSERT_EQ(::sendto(sender.fd, "hello", 5, 0, reinterpret_cast<sockaddr*>(&address), length), 5);
    // Loopback delivery can be deferred to ksoftirqd on a loaded machine: wait for readiness.
    pollfd ready{receiver.fd, POLLIN, 0};
    ASSERT_EQ(::poll(&ready, 1, 10'000), 1) << "the datagram did not arrive within 10 s";
    const long n = receive_timestamped(receiver.fd, buffer, sizeof buffer, stamp);
    const Nanos after = wall_clock_ns();
    ASSERT_EQ(n, 5);
    EXPECT_EQ(std::memcmp(buffer, "hello", 5), 0);
    if (stamp.source == RxTimestampSource::None) {
      EXPECT_EQ(stamp.time, 0);
      ++unstamped;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));  // let the work queue run
      continue;
    }
    EXPECT_EQ(stamp.source, RxTimestampSource::Software);
    EXPECT_GE(stamp.time, before);
    EXPECT_LE(stamp.time, after);
    break;
  }
  EXPECT_LT(unstamped, 100) << "no datagram was stamped in 1 s";
}

TEST(RxTimestamp, AnUnusableSocketIsAClearError) {
  try {
    enable_rx_timestamps(-1, "--rx-timestamps");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("--rx-timestamps: SO_TIMESTAMPING refused"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace vtb::net
