#pragma once
// Where finished MoldUDP64 packets go: the multicast A/B sender in the venue, a vector in tests.

#include <string_view>

namespace vtb::sim {

class DatagramSink {
 public:
  virtual ~DatagramSink() = default;
  virtual void send(std::string_view datagram) = 0;
};

}  // namespace vtb::sim
