#include "tools/capture/live_capture.hpp"

#include <pcap/pcap.h>
#include <poll.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "common/time/clock.hpp"

namespace vtb::capture {

namespace {

struct Closer {
  void operator()(pcap_t* p) const { pcap_close(p); }
  void operator()(pcap_dumper_t* d) const { pcap_dump_close(d); }
};

// The best timestamp type the interface offers: the NIC's own clock first.
int choose_timestamp_type(pcap_t* handle) {
  int* types = nullptr;
  const int n = pcap_list_tstamp_types(handle, &types);
  std::vector<int> offered(types, types + (n > 0 ? n : 0));
  pcap_free_tstamp_types(types);
  for (const int wanted : {PCAP_TSTAMP_ADAPTER_UNSYNCED, PCAP_TSTAMP_ADAPTER}) {
    for (const int t : offered)
      if (t == wanted) return t;
  }
  return PCAP_TSTAMP_HOST;
}

// Where each captured frame goes: the file, the observer, or both.
struct Sink {
  pcap_dumper_t* dumper;
  const FrameObserver* observer;
  int link_type;
  bool nanosecond;

  static void on_packet(u_char* user, const pcap_pkthdr* header, const u_char* bytes) {
    const auto& sink = *reinterpret_cast<const Sink*>(user);
    if (sink.dumper) pcap_dump(reinterpret_cast<u_char*>(sink.dumper), header, bytes);
    if (!*sink.observer) return;
    const Nanos fraction = sink.nanosecond ? header->ts.tv_usec : Nanos{header->ts.tv_usec} * 1000;
    (*sink.observer)(sink.link_type, Frame{Nanos{header->ts.tv_sec} * kNanosPerSecond + fraction,
                                           {reinterpret_cast<const char*>(bytes), header->caplen},
                                           header->len});
  }
};

std::string describe(int type) {
  const bool hardware = type == PCAP_TSTAMP_ADAPTER || type == PCAP_TSTAMP_ADAPTER_UNSYNCED;
  const char* name = pcap_tstamp_type_val_to_name(type);
  return std::string(name ? name : "host") + (hardware ? " (hardware)" : " (software)");
}

}  // namespace

LiveCaptureResult capture_live(const LiveCaptureOptions& options, const std::atomic<bool>& stop,
                               std::ostream& log, const FrameObserver& observer,
                               const std::function<void(const std::string&)>& on_started) {
  char error[PCAP_ERRBUF_SIZE] = {};
  std::unique_ptr<pcap_t, Closer> handle(pcap_create(options.interface.c_str(), error));
  if (!handle) throw std::runtime_error("--interface " + options.interface + ": " + error);
  pcap_set_snaplen(handle.get(), options.snaplen);
  pcap_set_immediate_mode(handle.get(), 1);
  pcap_set_buffer_size(handle.get(), 64 << 20);
  pcap_set_timeout(handle.get(), 100);

  LiveCaptureResult result;
  int type = choose_timestamp_type(handle.get());
  if (type != PCAP_TSTAMP_HOST) pcap_set_tstamp_type(handle.get(), type);
  result.nanosecond = pcap_set_tstamp_precision(handle.get(), PCAP_TSTAMP_PRECISION_NANO) == 0;
  const int activated = pcap_activate(handle.get());
  if (activated == PCAP_WARNING_TSTAMP_TYPE_NOTSUP) type = PCAP_TSTAMP_HOST;
  if (activated < 0) {
    throw std::runtime_error("--interface " + options.interface + ": " + pcap_geterr(handle.get()));
  }
  result.timestamp_source = describe(type);
  if (type == PCAP_TSTAMP_HOST) {
    log << "capture: " << options.interface
        << " offers no hardware timestamps; using the host's (software, taken by the kernel "
           "when the packet is handed to it)\n";
  } else {
    log << "capture: hardware timestamps from " << options.interface << ": "
        << result.timestamp_source << "\n";
  }
  if (!result.nanosecond) log << "capture: nanosecond precision refused; microseconds\n";

  if (!options.filter.empty()) {
    bpf_program program{};
    if (pcap_compile(handle.get(), &program, options.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) !=
        0) {
      throw std::runtime_error("--filter '" + options.filter + "': " + pcap_geterr(handle.get()));
    }
    const int set = pcap_setfilter(handle.get(), &program);
    pcap_freecode(&program);
    if (set != 0) {
      throw std::runtime_error("--filter '" + options.filter + "': " + pcap_geterr(handle.get()));
    }
  }
  std::unique_ptr<pcap_dumper_t, Closer> dumper;
  if (!options.out.empty()) {
    dumper.reset(pcap_dump_open(handle.get(), options.out.c_str()));
    if (!dumper) throw std::runtime_error(options.out + ": " + pcap_geterr(handle.get()));
  }
  Sink sink{dumper.get(), &observer, pcap_datalink(handle.get()), result.nanosecond};
  if (on_started) on_started(result.timestamp_source);

  const Nanos deadline =
      options.duration_s > 0
          ? monotonic_ns() + static_cast<Nanos>(options.duration_s * kNanosPerSecond)
          : 0;
  // Non-blocking reads, waiting in poll() with a short timeout: libpcap's own read timeout does
  // not return when nothing arrives (TPACKET_V3), and the deadline and `stop` must be seen.
  if (pcap_setnonblock(handle.get(), 1, error) != 0) {
    throw std::runtime_error(options.interface + ": " + error);
  }
  pollfd fd{pcap_get_selectable_fd(handle.get()), POLLIN, 0};
  log << "capture: capturing on " << options.interface << std::endl;  // scripts wait for this
  while (!stop.load(std::memory_order_relaxed) && (deadline == 0 || monotonic_ns() < deadline)) {
    const int n =
        pcap_dispatch(handle.get(), -1, &Sink::on_packet, reinterpret_cast<u_char*>(&sink));
    if (n < 0) throw std::runtime_error(options.interface + ": " + pcap_geterr(handle.get()));
    result.frames += static_cast<std::uint64_t>(n);
    if (n == 0) ::poll(&fd, 1, 50);
  }
  if (dumper) pcap_dump_flush(dumper.get());
  pcap_stat stats{};
  if (pcap_stats(handle.get(), &stats) == 0) result.dropped = stats.ps_drop + stats.ps_ifdrop;

  if (options.out.empty()) return result;
  std::ofstream meta(options.out + ".meta.json");
  meta << nlohmann::json{{"interface", options.interface},
                         {"timestamp_source", result.timestamp_source},
                         {"nanosecond", result.nanosecond},
                         {"frames", result.frames},
                         {"dropped", result.dropped}}
              .dump(2)
       << "\n";
  return result;
}

std::string recorded_timestamp_source(const std::string& capture_path) {
  std::ifstream in(capture_path + ".meta.json");
  if (!in) return {};
  const auto meta = nlohmann::json::parse(in, nullptr, false);
  if (meta.is_discarded() || !meta.contains("timestamp_source")) return {};
  return meta["timestamp_source"].get<std::string>();
}

}  // namespace vtb::capture
