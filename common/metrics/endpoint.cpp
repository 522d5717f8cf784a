#include "common/metrics/endpoint.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <prometheus/exposer.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace vtb::metrics {

Endpoint::Endpoint(const std::string& address, int port) : address_(address) {
  const std::string bind = address + ":" + std::to_string(port);
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(bind);
  } catch (const std::exception& e) {
    throw std::runtime_error("--metrics-port: cannot listen on " + bind + ": " + e.what());
  }
}

namespace {

// One TCP connection to `address`:`port`, closed at once.
void knock(const std::string& address, int port) {
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::inet_pton(AF_INET, address == "0.0.0.0" ? "127.0.0.1" : address.c_str(), &to.sin_addr) != 1)
    return;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  [[maybe_unused]] const int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to);
  ::close(fd);
}

}  // namespace

Endpoint::~Endpoint() {
  // civetweb's listening thread waits in poll() with a 2-second timeout and sees that it must stop
  // only when that ends or a connection comes: a connection every few milliseconds while it stops
  // makes a process's exit take milliseconds instead of up to two seconds.
  const int listening = port();
  std::atomic<bool> stopped{false};
  std::thread waker([&] {
    while (!stopped.load()) {
      knock(address_, listening);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  exposer_.reset();
  stopped = true;
  waker.join();
}

void Endpoint::serve(const std::shared_ptr<prometheus::Collectable>& collectable) {
  exposer_->RegisterCollectable(collectable);
}

int Endpoint::port() const {
  const auto ports = exposer_->GetListeningPorts();
  return ports.empty() ? 0 : ports.front();
}

}  // namespace vtb::metrics
