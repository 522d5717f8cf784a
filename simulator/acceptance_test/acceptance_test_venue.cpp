#include "simulator/acceptance_test/acceptance_test_venue.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdio>
#include <functional>

#include "common/fix/session_config.hpp"
#include "simulator/acceptance_test/acceptance_test_application.hpp"

namespace vtb::sim {

namespace asio = boost::asio;

void run_acceptance_test_venue(const AcceptanceTestVenueConfig& config) {
  const auto settings = fix::SessionSettings::load(config.fix_sessions_path);
  std::vector<fix::SessionConfig> sessions;
  for (const auto& section : settings.sessions) {
    sessions.push_back(fix::SessionConfig::from(section));
    if (!config.fix_log_dir.empty()) sessions.back().file_log_path = config.fix_log_dir;
  }
  const auto port =
      config.fix_port.value_or(static_cast<std::uint16_t>(sessions.front().accept_port));
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(config.listen_address, ec);
  if (ec) throw std::invalid_argument("--listen-address: '" + config.listen_address + "'");

  asio::io_context io;
  AcceptanceTestApplication application;
  FixAcceptor acceptor(io, {address, port}, std::move(sessions), application,
                       AcceptorLimits::from(settings.defaults));
  application.attach(acceptor);

  bool stopping = false;
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& e, int) {
    if (!e) stopping = true;
  });
  const Nanos started = monotonic_ns();
  asio::steady_timer timer(io);
  std::function<void()> tick = [&] {
    timer.expires_after(std::chrono::milliseconds(50));
    timer.async_wait([&](const boost::system::error_code& e) {
      if (e) return;
      const Now now = Now::read();
      acceptor.on_timer(now);
      if (config.duration_s > 0 &&
          now.mono - started >= static_cast<Nanos>(config.duration_s * kNanosPerSecond)) {
        stopping = true;
      }
      tick();
    });
  };
  tick();
  std::fprintf(stderr, "venue: quickfix-at profile, FIX on port %u, %zu session(s)\n",
               static_cast<unsigned>(acceptor.port()), acceptor.session_count());
  while (!stopping)
    io.run_one();
}

}  // namespace vtb::sim
