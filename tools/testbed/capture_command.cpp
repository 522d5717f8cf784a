#include "tools/testbed/capture_command.hpp"

#include "tools/testbed/live_metrics.hpp"

namespace vtb::tools {

int run_capture(const CaptureCommandOptions& options, const std::atomic<bool>& stop,
                std::ostream& out, std::ostream& err) {
  if (options.metrics) {
    return run_live_metrics(options.capture, options.correlation, options.order_time,
                            options.metrics->address, options.metrics->port, stop, out);
  }
  const auto r = capture::capture_live(options.capture, stop, err);
  out << "capture: " << r.frames << " frames to " << options.capture.out << ", " << r.dropped
      << " dropped, timestamps " << r.timestamp_source
      << (r.nanosecond ? ", nanoseconds" : ", microseconds") << "\n";
  return 0;
}

}  // namespace vtb::tools
