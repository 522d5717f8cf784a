#pragma once
// The snapshot service: SoupBinTCP on TCP (default port 31011). A client sends a Login Request
// (any username and password; the requested session blank or the feed's), and gets Login
// Accepted, the snapshot (snapshot.hpp) and End of Session; then the server closes. A login for
// another session gets Login Rejected 'S'; anything else, or nothing within 5 s, is closed.
// The snapshot is taken on the venue's event loop between two inputs, so it is exactly the book
// as of the sequence number it ends with.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <functional>
#include <string>

namespace vtb::sim {

struct SnapshotServerStats {
  std::uint64_t snapshots = 0;
  std::uint64_t rejected = 0;
};

class SnapshotServer {
 public:
  // `snapshot()` returns the snapshot packets (with End of Snapshot) as of now.
  SnapshotServer(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint,
                 std::string session, std::function<std::string()> snapshot);

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  const SnapshotServerStats& stats() const { return stats_; }
  void set_enabled(bool enabled) { enabled_ = enabled; }

 private:
  friend class SnapshotConnection;
  void accept();

  boost::asio::ip::tcp::acceptor acceptor_;
  std::string session_;
  std::function<std::string()> snapshot_;
  SnapshotServerStats stats_;
  bool enabled_ = true;
};

}  // namespace vtb::sim
