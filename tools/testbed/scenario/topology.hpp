#pragma once
// `topology: hosts`: the venue and the engine each in a network namespace of their own, joined by
// a veth pair (the "wire" the feed and the engine's FIX session cross), and the venue's namespace
// joined to the runner's by a second pair (the control port and the scripted participants). An
// impairment on the wire is the kernel's own `tc netem` on the venue's end: both directions of
// FIX and the feed go through it one way. Everything is removed when the object goes.

#include <optional>
#include <string>
#include <vector>

#include "tools/testbed/scenario/scenario.hpp"

namespace vtb::scenario {

class NamespaceTopology {
 public:
  // Throws std::runtime_error naming the command that failed (not root; no netem in the kernel).
  NamespaceTopology(int slot, const std::optional<Impairment>& netem);
  ~NamespaceTopology();
  NamespaceTopology(const NamespaceTopology&) = delete;
  NamespaceTopology& operator=(const NamespaceTopology&) = delete;

  std::vector<std::string> in_venue(std::vector<std::string> argv) const;
  std::vector<std::string> in_engine(std::vector<std::string> argv) const;
  // The venue's end of the wire, in the venue's namespace: where a capture sees both directions.
  const std::string& wire_interface() const { return venue_ns_; }

  std::string
      venue_address;  // the venue on the wire: the engine connects to it, the feed leaves by it
  std::string engine_address;    // the engine on the wire: it joins the feed's groups here
  std::string venue_for_runner;  // the venue on the runner's link: control port and participants

 private:
  void remove();
  std::string venue_ns_, engine_ns_, runner_link_;
};

// The tc netem arguments for an impairment: "delay 1ms 100us loss 1% ...".
std::string netem_arguments(const Impairment& i);

}  // namespace vtb::scenario
