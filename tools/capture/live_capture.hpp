#pragma once
// Live capture to a nanosecond pcap file through libpcap, asking the NIC for its own timestamps:
// adapter_unsynced first, then adapter. When the interface offers neither (loopback, veth and
// virtio NICs do not), the capture uses the host's timestamps and says so. The source used goes
// into every report: it is written beside the capture as FILE.meta.json, which `testbed analyze`
// reads.

#include <atomic>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include "tools/capture/pcap_file.hpp"

namespace vtb::capture {

struct LiveCaptureOptions {
  std::string interface;
  std::string out;        // pcap file, nanosecond timestamps when libpcap can; empty: none
  double duration_s = 0;  // 0: until `stop`
  std::string filter;     // BPF, empty for everything
  int snaplen = 65535;
};

struct LiveCaptureResult {
  std::string timestamp_source;  // e.g. "adapter_unsynced (hardware)", "host (software)"
  bool nanosecond = false;
  std::uint64_t frames = 0;
  std::uint64_t dropped = 0;  // by the kernel or the interface, as libpcap reports
};

// Each frame as it is captured, for live analysis: (link type, frame).
using FrameObserver = std::function<void(int, const Frame&)>;

// Throws std::runtime_error naming the interface, the filter or the file on failure. Progress and
// the timestamp decision go to `log`; `on_started` gets the timestamp source once capturing.
LiveCaptureResult capture_live(const LiveCaptureOptions& options, const std::atomic<bool>& stop,
                               std::ostream& log, const FrameObserver& observer = {},
                               const std::function<void(const std::string&)>& on_started = {});

// The timestamp source recorded beside a capture (FILE.meta.json), or empty.
std::string recorded_timestamp_source(const std::string& capture_path);

}  // namespace vtb::capture
