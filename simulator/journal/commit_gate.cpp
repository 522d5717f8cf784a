#include "simulator/journal/commit_gate.hpp"

#include <cstdint>
#include <cstring>

namespace vtb::sim::journal {

CommitGate::CommitGate(const Writer& journal, DatagramSink& next) : journal_(journal), next_(next) {
  held_.reserve(64 * 1024);  // dozens of packets before it ever grows
}

void CommitGate::send(std::string_view datagram) {
  if (!journal_.uncommitted() && held_count_ == 0) return next_.send(datagram);
  const auto length = static_cast<std::uint16_t>(datagram.size());
  const std::size_t at = held_.size();
  held_.resize(at + sizeof length + datagram.size());
  std::memcpy(held_.data() + at, &length, sizeof length);
  std::memcpy(held_.data() + at + sizeof length, datagram.data(), datagram.size());
  ++held_count_;
}

void CommitGate::release() {
  if (held_count_ == 0) return;
  for (std::size_t at = 0; at < held_.size();) {
    std::uint16_t length;
    std::memcpy(&length, held_.data() + at, sizeof length);
    next_.send(std::string_view(held_.data() + at + sizeof length, length));
    at += sizeof length + length;
  }
  held_.clear();
  held_count_ = 0;
}

}  // namespace vtb::sim::journal
