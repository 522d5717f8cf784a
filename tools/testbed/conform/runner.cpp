#include "tools/testbed/conform/runner.hpp"

#include "tools/testbed/junit_report.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "common/fix/message_view.hpp"
#include "common/fix/printable.hpp"
#include "common/time/clock.hpp"
#include "tools/testbed/conform/definition.hpp"

namespace vtb::conform {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

using fix::printable;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// One TCP connection to the acceptor, with the bytes received but not yet consumed.
class Connection {
 public:
  Connection(const std::string& host, std::uint16_t port) {
    addrinfo hints{};
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found) {
      throw std::runtime_error("cannot resolve " + host);
    }
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int rc = ::connect(fd_, found->ai_addr, found->ai_addrlen);
    freeaddrinfo(found);
    if (rc != 0) {
      ::close(fd_);
      throw std::runtime_error("cannot connect to " + host + ":" + std::to_string(port));
    }
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~Connection() { ::close(fd_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  enum class Read { Message, Closed, Timeout };

  // The next whole message, the peer closing, or a timeout.
  Read next(std::string& message, Clock::time_point deadline) {
    for (;;) {
      const auto frame = fix::frame_message(buffer_, 1 << 20);
      if (frame.status == fix::FrameStatus::Complete) {
        message = buffer_.substr(0, frame.length);
        buffer_.erase(0, frame.length);
        return Read::Message;
      }
      if (frame.status == fix::FrameStatus::Garbled) {
        message = buffer_.substr(0, frame.length);  // reported as received, for the diff
        buffer_.erase(0, frame.length);
        return Read::Message;
      }
      if (closed_) return Read::Closed;
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return Read::Timeout;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[4096];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) {
        closed_ = true;
      } else {
        buffer_.append(chunk, static_cast<std::size_t>(n));
      }
    }
  }

 private:
  int fd_ = -1;
  std::string buffer_;
  bool closed_ = false;
};

FileResult run_file(const Definition& definition, const RunnerOptions& options,
                    const FieldFormats& formats) {
  FileResult result{definition.name, false, {}, 0};
  const auto started = Clock::now();
  std::map<int, std::unique_ptr<Connection>> connections;
  auto fail = [&](const Action& a, const std::string& why) {
    result.failure = "line " + std::to_string(a.line) + ": " + why;
    return result;
  };
  for (const Action& action : definition.actions) {
    auto& connection = connections[action.connection];
    const std::int64_t now = wall_clock_ns() / kNanosPerSecond;
    switch (action.kind) {
      case Action::Kind::Connect:
        try {
          connection = std::make_unique<Connection>(options.host, options.port);
        } catch (const std::exception& e) {
          return fail(action, e.what());
        }
        break;
      case Action::Kind::Disconnect:
        connection.reset();
        break;
      case Action::Kind::Send:
        if (!connection) return fail(action, "send on a connection that is not open");
        if (!connection->send(frame_for_sending(expand_macros(action.message, now)))) {
          return fail(action, "send failed: the acceptor closed the connection");
        }
        break;
      case Action::Kind::Expect: {
        if (!connection) return fail(action, "expect on a connection that is not open");
        std::string received;
        const auto r = connection->next(received, Clock::now() + options.expect_timeout);
        // Expected lines may leave out BodyLength and CheckSum too.
        const std::string expected = frame_for_sending(expand_macros(action.message, now));
        if (r == Connection::Read::Closed) {
          return fail(action, "disconnected; expected " + printable(expected));
        }
        if (r == Connection::Read::Timeout) {
          return fail(action, "nothing received; expected " + printable(expected));
        }
        const std::string diff = compare(expected, received, formats);
        if (!diff.empty()) {
          return fail(action, diff + "\n    expected " + printable(expected) + "\n    received " +
                                  printable(received));
        }
        break;
      }
      case Action::Kind::ExpectDisconnect: {
        if (!connection) return fail(action, "expect disconnect on a connection that is not open");
        std::string received;
        const auto r = connection->next(received, Clock::now() + options.disconnect_timeout);
        if (r == Connection::Read::Message) {
          return fail(action, "expected a disconnect, received " + printable(received));
        }
        if (r == Connection::Read::Timeout) {
          return fail(action, "expected a disconnect; the connection stayed open");
        }
        connection.reset();
        break;
      }
    }
  }
  result.passed = true;
  result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return result;
}

fs::path find_fields(const RunnerOptions& options) {
  if (!options.fields.empty()) return options.fields;
  fs::path dir = fs::is_directory(options.definitions)
                     ? fs::path(options.definitions)
                     : fs::path(options.definitions).parent_path();
  for (int up = 0; up < 4 && !dir.empty(); ++up, dir = dir.parent_path()) {
    if (fs::exists(dir / "fields.fmt")) return dir / "fields.fmt";
  }
  throw std::runtime_error("no fields.fmt next to or above " + options.definitions +
                           " (give --fields)");
}

}  // namespace

std::vector<FileResult> run_definitions(const RunnerOptions& options, std::ostream& out) {
  const FieldFormats formats = FieldFormats::parse(read_file(find_fields(options)));
  std::vector<fs::path> files;
  const fs::path root(options.definitions);
  if (fs::is_directory(root)) {
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.is_regular_file() && entry.path().extension() == ".def")
        files.push_back(entry.path());
    }
  } else {
    files.push_back(root);
  }
  std::sort(files.begin(), files.end());
  std::vector<FileResult> results;
  for (const auto& path : files) {
    const fs::path base = fs::is_directory(root) ? root : root.parent_path();
    std::string name = fs::relative(path, base).replace_extension().string();
    if (!options.filter.empty() && name.find(options.filter) == std::string::npos) continue;
    FileResult result;
    try {
      result = run_file(parse_definition(read_file(path), name), options, formats);
    } catch (const std::exception& e) {
      result = FileResult{name, false, e.what(), 0};
    }
    out << (result.passed ? "PASS " : "FAIL ") << name;
    if (!result.passed) out << "\n  " << result.failure;
    out << "\n";
    out.flush();
    results.push_back(std::move(result));
  }
  const auto passed =
      std::count_if(results.begin(), results.end(), [](const FileResult& r) { return r.passed; });
  out << passed << " of " << results.size() << " definition files passed\n";
  return results;
}

void write_junit(const std::vector<FileResult>& results, const std::string& path) {
  std::vector<tools::JunitCase> cases;
  for (const FileResult& r : results)
    cases.push_back({"fix-conformance", r.name, r.passed, r.failure, r.seconds, {}});
  tools::write_junit(cases, path);
}

int run_conform(const RunnerOptions& options, std::ostream& out) {
  const std::vector<FileResult> results = run_definitions(options, out);
  if (!options.junit.empty()) write_junit(results, options.junit);
  const bool all_passed = !results.empty() && std::all_of(results.begin(), results.end(),
                                                          [](const auto& r) { return r.passed; });
  return all_passed ? 0 : 1;
}

}  // namespace vtb::conform
