#pragma once
// A process's Prometheus endpoint, http://ADDRESS:PORT/metrics, served by prometheus-cpp's own
// threads: what the venue, the engine and the capture each open once.

#include <memory>
#include <string>

namespace prometheus {
class Collectable;
class Exposer;
}  // namespace prometheus

namespace vtb::metrics {

class Endpoint {
 public:
  // Listens on `address:port` (0: any free port). Throws std::runtime_error naming the address
  // (as --metrics-port) when it cannot.
  Endpoint(const std::string& address, int port);
  ~Endpoint();
  Endpoint(const Endpoint&) = delete;
  Endpoint& operator=(const Endpoint&) = delete;

  void serve(const std::shared_ptr<prometheus::Collectable>& collectable);
  int port() const;  // the one listened on

 private:
  std::string address_;
  std::unique_ptr<prometheus::Exposer> exposer_;
};

}  // namespace vtb::metrics
