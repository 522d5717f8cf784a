#pragma once
// Receive timestamps from the kernel (SO_TIMESTAMPING): the NIC's own clock when the driver
// supplies it, else the kernel's software stamp taken when the packet entered the stack. Both are
// CLOCK_REALTIME nanoseconds. The datagram is read with recvmsg() in the same non-blocking call a
// plain recv() would make; the stamp comes in its control data, with no further system call.

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/time/clock.hpp"

namespace vtb::net {

enum class RxTimestampSource : std::uint8_t { None, Software, Hardware };
const char* to_string(RxTimestampSource source);

// Asks the kernel for receive timestamps on `fd`, hardware and software. Throws
// std::runtime_error naming `what` when the socket refuses. Linux switches stamping on from a work
// queue, so the first datagrams after this call may still arrive unstamped (source None).
void enable_rx_timestamps(int fd, const std::string& what);

struct RxTimestamp {
  Nanos time = 0;  // CLOCK_REALTIME; 0 when the kernel gave none
  RxTimestampSource source = RxTimestampSource::None;
};

// recv() with the timestamp: returns the datagram's size, or -1 (errno set: EAGAIN when nothing
// is there).
long receive_timestamped(int fd, char* buffer, std::size_t capacity, RxTimestamp& stamp);

}  // namespace vtb::net
