#include "common/net/rx_timestamp.hpp"

#include <linux/errqueue.h>
#include <linux/net_tstamp.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace vtb::net {

const char* to_string(RxTimestampSource source) {
  switch (source) {
    case RxTimestampSource::None:
      return "none";
    case RxTimestampSource::Software:
      return "software (kernel receive)";
    case RxTimestampSource::Hardware:
      return "hardware (NIC)";
  }
  return "?";
}

void enable_rx_timestamps(int fd, const std::string& what) {
  const int flags = SOF_TIMESTAMPING_RX_HARDWARE | SOF_TIMESTAMPING_RAW_HARDWARE |
                    SOF_TIMESTAMPING_RX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE;
  if (::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &flags, sizeof flags) != 0) {
    throw std::runtime_error(what + ": SO_TIMESTAMPING refused: " + std::strerror(errno));
  }
}

long receive_timestamped(int fd, char* buffer, std::size_t capacity, RxTimestamp& stamp) {
  iovec iov{buffer, capacity};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(scm_timestamping))];
  msghdr message{};
  message.msg_iov = &iov;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = sizeof control;
  const long n = ::recvmsg(fd, &message, MSG_DONTWAIT);
  stamp = {};
  if (n < 0) return n;
  for (cmsghdr* c = CMSG_FIRSTHDR(&message); c != nullptr; c = CMSG_NXTHDR(&message, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SO_TIMESTAMPING) continue;
    scm_timestamping ts;
    std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
    // ts[2]: the NIC's raw clock; ts[0]: the kernel's software stamp.
    if (ts.ts[2].tv_sec != 0 || ts.ts[2].tv_nsec != 0) {
      stamp = {ts.ts[2].tv_sec * kNanosPerSecond + ts.ts[2].tv_nsec, RxTimestampSource::Hardware};
    } else if (ts.ts[0].tv_sec != 0 || ts.ts[0].tv_nsec != 0) {
      stamp = {ts.ts[0].tv_sec * kNanosPerSecond + ts.ts[0].tv_nsec, RxTimestampSource::Software};
    }
  }
  return n;
}

}  // namespace vtb::net
