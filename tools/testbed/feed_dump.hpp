#pragma once
// `testbed feed`: join a MoldUDP64/ITCH 5.0 multicast feed and print every message decoded, one
// per line. For looking at what the venue publishes without a packet capture.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

namespace vtb::tools {

struct FeedDumpOptions {
  std::string group = "239.10.10.1:31001";
  std::string interface = "127.0.0.1";
  std::uint64_t max_messages = 0;  // 0: no limit
  double timeout_s = 0;            // 0: no limit
};

// One ITCH message as text, every field under the dissector's name:
// "A stock_locate=1 tracking_number=0 timestamp=5 order_reference=7 side=B shares=500 stock=ACME
// price=99.98".
std::string describe_itch(std::string_view message);

// Returns the process exit code: 0 when max_messages were printed (or the timeout passed with no
// limit set), 1 on timeout before max_messages.
int run_feed_dump(const FeedDumpOptions& options, std::ostream& out);

}  // namespace vtb::tools
