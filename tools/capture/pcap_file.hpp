#pragma once
// Reading and writing capture files through libpcap: pcap or pcapng in, nanosecond pcap out.
// Timestamps are nanoseconds since the epoch whatever the file's precision (libpcap scales
// microsecond files up).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/time/clock.hpp"

struct pcap;
struct pcap_dumper;

namespace vtb::capture {

struct Frame {
  Nanos timestamp = 0;
  std::string_view bytes;  // as captured (may be shorter than on the wire)
  std::uint32_t wire_length = 0;
};

class PcapReader {
 public:
  // Throws std::runtime_error naming the file and libpcap's reason.
  explicit PcapReader(const std::string& path);
  ~PcapReader();
  PcapReader(const PcapReader&) = delete;
  PcapReader& operator=(const PcapReader&) = delete;

  // The next frame (valid until the next call), or nothing at the end of the file.
  std::optional<Frame> next();
  int link_type() const { return link_type_; }  // DLT_*

 private:
  pcap* handle_;
  int link_type_;
  std::string path_;
};

class PcapWriter {
 public:
  // A nanosecond pcap file with `link_type` (DLT_EN10MB by default). Throws on failure.
  explicit PcapWriter(const std::string& path, int link_type = 1, int snaplen = 65535);
  ~PcapWriter();
  PcapWriter(const PcapWriter&) = delete;
  PcapWriter& operator=(const PcapWriter&) = delete;

  void write(Nanos timestamp, std::string_view bytes);
  void flush();

 private:
  pcap* dead_;
  pcap_dumper* dumper_;
};

}  // namespace vtb::capture
