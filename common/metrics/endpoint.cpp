#include "common/metrics/endpoint.hpp"

#include <prometheus/exposer.h>

#include <stdexcept>

namespace vtb::metrics {

Endpoint::Endpoint(const std::string& address, int port) {
  const std::string bind = address + ":" + std::to_string(port);
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(bind);
  } catch (const std::exception& e) {
    throw std::runtime_error("--metrics-port: cannot listen on " + bind + ": " + e.what());
  }
}

Endpoint::~Endpoint() = default;

void Endpoint::serve(const std::shared_ptr<prometheus::Collectable>& collectable) {
  exposer_->RegisterCollectable(collectable);
}

int Endpoint::port() const {
  const auto ports = exposer_->GetListeningPorts();
  return ports.empty() ? 0 : ports.front();
}

}  // namespace vtb::metrics
