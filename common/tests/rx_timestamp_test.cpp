#include "common/net/rx_timestamp.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace vtb::net {
namespace {

struct Fd {
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  ~Fd() { ::close(fd); }
};

// On loopback the kernel stamps in software: the stamp lies between the send and the receive.
TEST(RxTimestamp, TheKernelStampsEachDatagramItReceives) {
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

  const Nanos before = wall_clock_ns();
  ASSERT_EQ(::sendto(sender.fd, "hello", 5, 0, reinterpret_cast<sockaddr*>(&address), length), 5);
  long n = -1;
  for (int i = 0; i < 1000 && n < 0; ++i)
    n = receive_timestamped(receiver.fd, buffer, sizeof buffer, stamp);
  const Nanos after = wall_clock_ns();
  ASSERT_EQ(n, 5);
  EXPECT_EQ(std::memcmp(buffer, "hello", 5), 0);
  EXPECT_EQ(stamp.source, RxTimestampSource::Software);
  EXPECT_GE(stamp.time, before);
  EXPECT_LE(stamp.time, after);
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
