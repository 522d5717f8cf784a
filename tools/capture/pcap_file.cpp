#include "tools/capture/pcap_file.hpp"

#include <pcap/pcap.h>

#include <stdexcept>

namespace vtb::capture {

PcapReader::PcapReader(const std::string& path) : path_(path) {
  char error[PCAP_ERRBUF_SIZE] = {};
  handle_ =
      pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, error);
  if (!handle_) throw std::runtime_error(path + ": " + error);
  link_type_ = pcap_datalink(handle_);
}

PcapReader::~PcapReader() {
  pcap_close(handle_);
}

std::optional<Frame> PcapReader::next() {
  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  const int rc = pcap_next_ex(handle_, &header, &data);
  if (rc == PCAP_ERROR_BREAK) return std::nullopt;  // end of file
  if (rc != 1) throw std::runtime_error(path_ + ": " + pcap_geterr(handle_));
  return Frame{static_cast<Nanos>(header->ts.tv_sec) * kNanosPerSecond + header->ts.tv_usec,
               {reinterpret_cast<const char*>(data), header->caplen},
               header->len};
}

PcapWriter::PcapWriter(const std::string& path, int link_type, int snaplen)
    : dead_(pcap_open_dead_with_tstamp_precision(link_type, snaplen, PCAP_TSTAMP_PRECISION_NANO)) {
  if (!dead_) throw std::runtime_error(path + ": cannot set up a pcap writer");
  dumper_ = pcap_dump_open(dead_, path.c_str());
  if (!dumper_) {
    const std::string reason = pcap_geterr(dead_);
    pcap_close(dead_);
    throw std::runtime_error(path + ": " + reason);
  }
}

PcapWriter::~PcapWriter() {
  pcap_dump_close(dumper_);
  pcap_close(dead_);
}

void PcapWriter::write(Nanos timestamp, std::string_view bytes) {
  pcap_pkthdr header{};
  header.ts.tv_sec = static_cast<time_t>(timestamp / kNanosPerSecond);
  header.ts.tv_usec = static_cast<suseconds_t>(timestamp % kNanosPerSecond);  // nanoseconds
  header.caplen = static_cast<bpf_u_int32>(bytes.size());
  header.len = header.caplen;
  pcap_dump(reinterpret_cast<u_char*>(dumper_), &header,
            reinterpret_cast<const u_char*>(bytes.data()));
}

void PcapWriter::flush() {
  pcap_dump_flush(dumper_);
}

}  // namespace vtb::capture
