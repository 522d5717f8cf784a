#include "simulator/journal/journal.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "simulator/matching/matching_engine.hpp"

namespace vtb::sim::journal {

namespace {

constexpr char kMagic[8] = {'V', 'T', 'B', 'J', 'R', 'N', 'L', '1'};
constexpr std::size_t kFileHeader = 16;
constexpr std::size_t kRecordHeader = 8;
constexpr std::size_t kChunk = 16 << 20;  // the file grows 16 MiB at a time

enum RecordType : std::uint16_t {
  kEnd = 0,
  kInstrument = 1,
  kSubmit = 10,
  kCancel = 11,
  kReplace = 12,
  kAdvanceTime = 13,
  kSetPhase = 14,
  kSetMaxExecution = 15,
  kOutput = 20,
};

// Payloads with explicit layouts and no implicit padding, so the file holds no stray bytes.
struct InstrumentWire {
  std::int64_t tick_size, lot_size, reference_price;
  std::uint16_t id;
  char symbol[30];
};
struct SubmitWire {
  std::int64_t price, quantity, stop_price, display_quantity, min_quantity, expire_time;
  std::uint64_t owner_tag;
  std::uint32_t owner;
  std::uint16_t instrument;
  std::uint8_t side, type, time_in_force, self_match;
  std::uint8_t zero[6];
};
struct CancelWire {
  std::uint64_t id;
  std::uint32_t owner, zero;
};
struct ReplaceWire {
  std::uint64_t id;
  std::int64_t price, quantity, stop_price;
  std::uint32_t owner, zero;
};
struct SetPhaseWire {
  std::uint16_t instrument;
  std::uint8_t phase, zero[5];
};
struct SetMaxExecutionWire {
  std::int64_t quantity;
  std::uint16_t instrument, zero[3];
};
struct OutputWire {
  std::int64_t a, b, c, d, e;
  std::uint8_t kind, zero[7];
};

std::runtime_error file_error(const std::string& path, const std::string& what) {
  return std::runtime_error(path + ": " + what);
}

}  // namespace

Writer::Writer(const std::string& path, const std::vector<Instrument>& instruments,
               TradingPhase initial_phase) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw file_error(path, std::string("cannot create the journal: ") + std::strerror(errno));
  if (!reserve(kFileHeader)) throw file_error(path, "cannot create the journal: " + error_);
  std::memcpy(base_, kMagic, sizeof kMagic);
  const std::uint32_t header[2] = {kFormatVersion, static_cast<std::uint32_t>(initial_phase)};
  std::memcpy(base_ + 8, header, sizeof header);
  size_ = kFileHeader;
  for (const Instrument& i : instruments) {
    InstrumentWire w{};
    w.tick_size = i.tick_size;
    w.lot_size = i.lot_size;
    w.reference_price = i.reference_price;
    w.id = i.id;
    std::strncpy(w.symbol, i.symbol.c_str(), sizeof w.symbol - 1);
    append(kInstrument, &w, sizeof w);
  }
}

Writer::~Writer() {
  if (base_) ::munmap(base_, capacity_);
  if (fd_ >= 0) {
    // Drop the preallocated tail; nothing useful can be done if it fails at this point.
    [[maybe_unused]] const int trimmed = ::ftruncate(fd_, static_cast<off_t>(size_));
    ::close(fd_);
  }
}

bool Writer::reserve(std::size_t more) {
  if (size_ + more <= capacity_) return true;
  std::size_t capacity = capacity_ == 0 ? kChunk : capacity_;
  while (size_ + more > capacity)
    capacity *= 2;
  // Blocks are allocated now, not on first touch: a full disk is an error here rather than a
  // SIGBUS when the mapped page is written.
  if (const int e = ::posix_fallocate(fd_, 0, static_cast<off_t>(capacity)); e != 0) {
    error_ = std::string("cannot grow the journal to ") + std::to_string(capacity) +
             " bytes: " + std::strerror(e);
    return false;
  }
  void* mapped = base_ ? ::mremap(base_, capacity_, capacity, MREMAP_MAYMOVE)
                       : ::mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
  if (mapped == MAP_FAILED) {
    error_ = std::string("cannot map the journal: ") + std::strerror(errno);
    return false;
  }
  base_ = static_cast<char*>(mapped);
  capacity_ = capacity;
  return true;
}

void Writer::append(std::uint16_t type, const void* payload, std::size_t length) {
  if (!error_.empty()) return;
  const std::size_t padded = (length + 7) & ~std::size_t{7};
  if (!reserve(kRecordHeader + padded)) {
    // The run must not stop for its journal: say so once and go on without it. The file keeps
    // every complete record written so far.
    std::fprintf(stderr, "venue: journal stopped after %zu bytes: %s\n", size_, error_.c_str());
    return;
  }
  char* at = base_ + size_;
  const std::uint16_t header[4] = {type, static_cast<std::uint16_t>(length), 0, 0};
  std::memcpy(at, header, sizeof header);
  std::memcpy(at + kRecordHeader, payload, length);
  std::memset(at + kRecordHeader + length, 0, padded - length);
  size_ += kRecordHeader + padded;
}

void Writer::on_submit(const OrderRequest& r) {
  ++inputs_;
  SubmitWire w{};
  w.price = r.price;
  w.quantity = r.quantity;
  w.stop_price = r.stop_price;
  w.display_quantity = r.display_quantity;
  w.min_quantity = r.min_quantity;
  w.expire_time = r.expire_time;
  w.owner_tag = r.owner_tag;
  w.owner = r.owner;
  w.instrument = r.instrument;
  w.side = static_cast<std::uint8_t>(r.side);
  w.type = static_cast<std::uint8_t>(r.type);
  w.time_in_force = static_cast<std::uint8_t>(r.time_in_force);
  w.self_match = static_cast<std::uint8_t>(r.self_match);
  append(kSubmit, &w, sizeof w);
}

void Writer::on_cancel(OrderId id, OwnerId owner) {
  ++inputs_;
  const CancelWire w{id, owner, 0};
  append(kCancel, &w, sizeof w);
}

void Writer::on_replace(OrderId id, OwnerId owner, Price price, Quantity quantity,
                        Price stop_price) {
  ++inputs_;
  const ReplaceWire w{id, price, quantity, stop_price, owner, 0};
  append(kReplace, &w, sizeof w);
}

void Writer::on_advance_time(std::int64_t now) {
  ++inputs_;
  append(kAdvanceTime, &now, sizeof now);
}

void Writer::on_set_phase(InstrumentId instrument, TradingPhase phase) {
  ++inputs_;
  SetPhaseWire w{};
  w.instrument = instrument;
  w.phase = static_cast<std::uint8_t>(phase);
  append(kSetPhase, &w, sizeof w);
}

void Writer::on_set_max_execution(InstrumentId instrument, Quantity quantity) {
  ++inputs_;
  SetMaxExecutionWire w{};
  w.quantity = quantity;
  w.instrument = instrument;
  append(kSetMaxExecution, &w, sizeof w);
}

void Writer::record(const CoreEvent& e) {
  ++outputs_;
  OutputWire w{};
  w.a = e.a;
  w.b = e.b;
  w.c = e.c;
  w.d = e.d;
  w.e = e.e;
  w.kind = static_cast<std::uint8_t>(e.kind);
  append(kOutput, &w, sizeof w);
}

namespace {

// The file mapped read-only for the length of a read.
class Mapping {
 public:
  explicit Mapping(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw file_error(path, std::string("cannot open: ") + std::strerror(errno));
    struct stat st {};
    ::fstat(fd, &st);
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ > 0) {
      void* mapped = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (mapped != MAP_FAILED) data_ = static_cast<const char*>(mapped);
    }
    ::close(fd);
    if (size_ > 0 && !data_) throw file_error(path, "cannot map");
  }
  ~Mapping() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
  }
  const char* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

template <class T>
T payload(const char* at, std::size_t length, std::size_t offset, const std::string& path) {
  if (length != sizeof(T)) {
    throw file_error(path, "record at byte " + std::to_string(offset) + " has " +
                               std::to_string(length) + " payload bytes, expected " +
                               std::to_string(sizeof(T)));
  }
  T value;
  std::memcpy(&value, at, sizeof(T));
  return value;
}

}  // namespace

Journal read(const std::string& path) {
  const Mapping file(path);
  const char* data = file.data();
  if (file.size() < kFileHeader || std::memcmp(data, kMagic, sizeof kMagic) != 0)
    throw file_error(path, "not a venue journal (no VTBJRNL1 header)");
  std::uint32_t header[2];
  std::memcpy(header, data + 8, sizeof header);
  if (header[0] != kFormatVersion)
    throw file_error(path, "journal format " + std::to_string(header[0]) + ", this build reads " +
                               std::to_string(kFormatVersion));
  if (header[1] > static_cast<std::uint32_t>(TradingPhase::PreClose))
    throw file_error(path, "unknown initial trading phase " + std::to_string(header[1]));
  Journal journal;
  journal.initial_phase = static_cast<TradingPhase>(header[1]);
  std::size_t offset = kFileHeader;
  while (offset + kRecordHeader <= file.size()) {
    std::uint16_t h[4];
    std::memcpy(h, data + offset, sizeof h);
    const std::uint16_t type = h[0];
    const std::size_t length = h[1];
    if (type == kEnd) break;
    const std::size_t padded = (length + 7) & ~std::size_t{7};
    if (offset + kRecordHeader + padded > file.size())
      throw file_error(path, "record at byte " + std::to_string(offset) + " is cut short");
    const char* at = data + offset + kRecordHeader;
    switch (type) {
      case kInstrument: {
        const auto w = payload<InstrumentWire>(at, length, offset, path);
        Instrument i;
        i.id = w.id;
        i.symbol = std::string(w.symbol, strnlen(w.symbol, sizeof w.symbol));
        i.tick_size = w.tick_size;
        i.lot_size = w.lot_size;
        i.reference_price = w.reference_price;
        journal.instruments.push_back(i);
        break;
      }
      case kSubmit: {
        const auto w = payload<SubmitWire>(at, length, offset, path);
        OrderRequest r;
        r.instrument = w.instrument;
        r.side = static_cast<Side>(w.side);
        r.type = static_cast<OrderType>(w.type);
        r.time_in_force = static_cast<TimeInForce>(w.time_in_force);
        r.self_match = static_cast<SelfMatchPrevention>(w.self_match);
        r.price = w.price;
        r.quantity = w.quantity;
        r.owner = w.owner;
        r.owner_tag = w.owner_tag;
        r.stop_price = w.stop_price;
        r.display_quantity = w.display_quantity;
        r.min_quantity = w.min_quantity;
        r.expire_time = w.expire_time;
        journal.records.emplace_back(Input{Submit{r}});
        break;
      }
      case kCancel: {
        const auto w = payload<CancelWire>(at, length, offset, path);
        journal.records.emplace_back(Input{Cancel{w.id, w.owner}});
        break;
      }
      case kReplace: {
        const auto w = payload<ReplaceWire>(at, length, offset, path);
        journal.records.emplace_back(
            Input{Replace{w.id, w.owner, w.price, w.quantity, w.stop_price}});
        break;
      }
      case kAdvanceTime:
        journal.records.emplace_back(
            Input{AdvanceTime{payload<std::int64_t>(at, length, offset, path)}});
        break;
      case kSetPhase: {
        const auto w = payload<SetPhaseWire>(at, length, offset, path);
        journal.records.emplace_back(
            Input{SetPhase{w.instrument, static_cast<TradingPhase>(w.phase)}});
        break;
      }
      case kSetMaxExecution: {
        const auto w = payload<SetMaxExecutionWire>(at, length, offset, path);
        journal.records.emplace_back(Input{SetMaxExecution{w.instrument, w.quantity}});
        break;
      }
      case kOutput: {
        const auto w = payload<OutputWire>(at, length, offset, path);
        journal.records.emplace_back(CoreEvent{static_cast<char>(w.kind), w.a, w.b, w.c, w.d, w.e});
        break;
      }
      default:
        throw file_error(path, "unknown record type " + std::to_string(type) + " at byte " +
                                   std::to_string(offset));
    }
    offset += kRecordHeader + padded;
  }
  return journal;
}

std::uint64_t hash(const std::vector<CoreEvent>& events) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  const auto mix = [&](std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= (v >> (8 * i)) & 0xFF;
      h *= 0x100000001b3ULL;
    }
  };
  for (const CoreEvent& e : events) {
    mix(static_cast<std::uint8_t>(e.kind));
    for (const std::int64_t v : {e.a, e.b, e.c, e.d, e.e})
      mix(static_cast<std::uint64_t>(v));
  }
  return h;
}

void apply(MatchingEngine& engine, const Input& input) {
  std::visit(
      [&](const auto& in) {
        using T = std::decay_t<decltype(in)>;
        if constexpr (std::is_same_v<T, Submit>) {
          engine.submit(in.request);
        } else if constexpr (std::is_same_v<T, Cancel>) {
          engine.cancel(in.id, in.owner);
        } else if constexpr (std::is_same_v<T, Replace>) {
          engine.replace(in.id, in.owner, in.price, in.quantity, nullptr, in.stop_price);
        } else if constexpr (std::is_same_v<T, AdvanceTime>) {
          engine.advance_time(in.now);
        } else if constexpr (std::is_same_v<T, SetMaxExecution>) {
          engine.set_max_execution(in.instrument, in.quantity);
        } else {
          engine.set_phase(in.instrument, in.phase);
        }
      },
      input);
}

ReplayResult replay(const Journal& journal) {
  ReplayResult result;
  MatchingEngine engine(journal.instruments, journal.initial_phase);
  CoreEventRecorder recorder;
  engine.add_listener(&recorder);
  for (const auto& record : journal.records) {
    if (const CoreEvent* output = std::get_if<CoreEvent>(&record)) {
      result.recorded.push_back(*output);
      continue;
    }
    ++result.inputs;
    apply(engine, std::get<Input>(record));
  }
  result.replayed = std::move(recorder.events);
  result.recorded_hash = hash(result.recorded);
  result.replayed_hash = hash(result.replayed);
  const std::size_t common = std::min(result.recorded.size(), result.replayed.size());
  for (std::size_t i = 0; i < common && result.first_difference < 0; ++i) {
    if (!(result.recorded[i] == result.replayed[i]))
      result.first_difference = static_cast<std::int64_t>(i);
  }
  if (result.first_difference < 0 && result.recorded.size() != result.replayed.size())
    result.first_difference = static_cast<std::int64_t>(common);
  return result;
}

}  // namespace vtb::sim::journal
