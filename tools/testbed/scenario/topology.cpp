#include "tools/testbed/scenario/topology.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace vtb::scenario {

namespace {

// Runs a command, its output kept for the error; empty on success.
std::string run(const std::string& command) {
  std::string output;
  if (std::FILE* p = ::popen((command + " 2>&1").c_str(), "r")) {
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, p))
      output += buffer;
    if (::pclose(p) == 0) return {};
  }
  while (!output.empty() && output.back() == '\n')
    output.pop_back();
  return "'" + command + "' failed" + (output.empty() ? "" : ": " + output);
}

std::string micros(Nanos t) {
  return std::to_string(t / 1000) + "us";
}

std::string percent(double p) {
  char text[32];
  std::snprintf(text, sizeof text, "%g%%", p);
  return text;
}

}  // namespace

std::string netem_arguments(const Impairment& i) {
  std::vector<std::string> words;
  if (i.delay > 0 || i.jitter > 0) {
    words.insert(words.end(), {"delay", micros(i.delay)});
    if (i.jitter > 0) words.push_back(micros(i.jitter));
  }
  if (i.loss > 0) words.insert(words.end(), {"loss", percent(i.loss)});
  if (i.duplicate > 0) words.insert(words.end(), {"duplicate", percent(i.duplicate)});
  // netem reorders only delayed traffic: the reordered packets go at once, the rest wait.
  if (i.reorder > 0) words.insert(words.end(), {"reorder", percent(i.reorder)});
  std::string text;
  for (const std::string& w : words)
    text.append(text.empty() ? "" : " ").append(w);
  return text;
}

NamespaceTopology::NamespaceTopology(int slot, const std::optional<Impairment>& netem) {
  if (::geteuid() != 0) {
    throw std::runtime_error("topology hosts needs root (network namespaces, CAP_NET_ADMIN)");
  }
  // Names of at most 15 characters, unique to this runner and slot; addresses private to them
  // (the runner's link is in its own namespace, so only the slot must differ there).
  // (Built with append: GCC 12 warns falsely on `"literal" + std::to_string(n)`.)
  const std::string id =
      std::to_string(::getpid() % 100000).append("s").append(std::to_string(slot));
  venue_ns_ = std::string("vtv").append(id);
  engine_ns_ = std::string("vte").append(id);
  runner_link_ = std::string("vtr").append(id);
  const std::string net = std::string("10.79.").append(std::to_string(slot % 250)).append(".");
  const std::string runner_net =
      std::string("10.80.").append(std::to_string((::getpid() % 60) * 4 + slot % 4)).append(".");
  venue_address = net + "1";
  engine_address = net + "2";
  venue_for_runner = runner_net + "1";
  const std::string venue_end = venue_ns_, engine_end = engine_ns_;
  const std::vector<std::string> commands = {
      "ip netns add " + venue_ns_,
      "ip netns add " + engine_ns_,
      "ip link add " + venue_end + " type veth peer name " + engine_end,
      "ip link set " + venue_end + " netns " + venue_ns_,
      "ip link set " + engine_end + " netns " + engine_ns_,
      "ip -n " + venue_ns_ + " addr add " + venue_address + "/24 dev " + venue_end,
      "ip -n " + engine_ns_ + " addr add " + engine_address + "/24 dev " + engine_end,
      "ip -n " + venue_ns_ + " link set " + venue_end + " up",
      "ip -n " + engine_ns_ + " link set " + engine_end + " up",
      "ip -n " + venue_ns_ + " link set lo up",
      "ip -n " + engine_ns_ + " link set lo up",
      // The feed leaves by the wire (the venue's sockets name the interface too).
      "ip -n " + venue_ns_ + " route add 224.0.0.0/4 dev " + venue_end,
      // The runner's link: root namespace <-> the venue's.
      "ip link add " + runner_link_ + " type veth peer name " + runner_link_ + "v",
      "ip link set " + runner_link_ + "v netns " + venue_ns_,
      "ip addr add " + runner_net + "2/30 dev " + runner_link_,
      "ip -n " + venue_ns_ + " addr add " + venue_for_runner + "/30 dev " + runner_link_ + "v",
      "ip link set " + runner_link_ + " up",
      "ip -n " + venue_ns_ + " link set " + runner_link_ + "v up",
  };
  for (const std::string& c : commands) {
    if (std::string failed = run(c); !failed.empty()) {
      remove();
      throw std::runtime_error("topology hosts: " + failed);
    }
  }
  if (netem) {
    const std::string c = "ip netns exec " + venue_ns_ + " tc qdisc add dev " + venue_end +
                          " root netem " + netem_arguments(*netem);
    if (std::string failed = run(c); !failed.empty()) {
      remove();
      throw std::runtime_error("topology hosts, netem: " + failed +
                               (failed.find("unknown") != std::string::npos
                                    ? " (this kernel has no netem qdisc, sch_netem)"
                                    : ""));
    }
  }
}

NamespaceTopology::~NamespaceTopology() {
  remove();
}

void NamespaceTopology::remove() {
  // Deleting a namespace deletes its ends of the veth pairs, and so the pairs.
  for (const std::string& ns : {venue_ns_, engine_ns_})
    if (!ns.empty()) run("ip netns del " + ns);
  if (!runner_link_.empty()) run("ip link del " + runner_link_ + " 2>/dev/null || true");
  venue_ns_.clear();
  engine_ns_.clear();
  runner_link_.clear();
}

std::vector<std::string> NamespaceTopology::in_venue(std::vector<std::string> argv) const {
  argv.insert(argv.begin(), {"/usr/sbin/ip", "netns", "exec", venue_ns_});
  return argv;
}

std::vector<std::string> NamespaceTopology::in_engine(std::vector<std::string> argv) const {
  argv.insert(argv.begin(), {"/usr/sbin/ip", "netns", "exec", engine_ns_});
  return argv;
}

}  // namespace vtb::scenario
