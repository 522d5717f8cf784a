#include "simulator/journal/journal.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
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
  kGatewayMessage = 30,
  kGatewayEnd = 31,
  kRejectNext = 32,
  kCommit = 40,
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
struct GatewayMessageWire {  // then the message's bytes
  std::int64_t wall, mono;
  std::uint32_t session, zero;
};
struct CommitWire {  // then `sessions` SessionMarkWire
  std::uint64_t feed_next;
  std::uint32_t sessions, zero;
};
struct SessionMarkWire {
  std::uint64_t next_sender, next_target;
  std::uint32_t session, zero;
};

std::runtime_error file_error(const std::string& path, const std::string& what) {
  return std::runtime_error(path + ": " + what);
}

}  // namespace

void Writer::open_error(const std::string& path, const std::string& what) {
  const std::string why =
      what + (error_.empty() ? std::string(": ") + std::strerror(errno) : ": " + error_);
  if (base_) ::munmap(base_, capacity_);
  if (fd_ >= 0) ::close(fd_);
  base_ = nullptr;
  fd_ = -1;
  throw file_error(path, why);
}

Writer::Writer(const std::string& path, const std::vector<Instrument>& instruments,
               TradingPhase initial_phase) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) open_error(path, "cannot create the journal");
  if (!reserve(kFileHeader)) open_error(path, "cannot create the journal");
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
  committed_ = size_;
}

Writer::Writer(const std::string& path, std::size_t resume_at) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd_ < 0) open_error(path, "cannot open the journal");
  // Drop the uncommitted tail; the space after it reads as zeros again.
  if (::ftruncate(fd_, static_cast<off_t>(resume_at)) != 0)
    open_error(path, "cannot cut the journal back to its last commit");
  size_ = resume_at;
  if (!reserve(0)) open_error(path, "cannot map the journal");
  committed_ = size_;
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

void Writer::append(std::uint16_t type, std::initializer_list<std::string_view> parts) {
  if (!error_.empty()) return;
  std::size_t length = 0;
  for (const std::string_view part : parts)
    length += part.size();
  const std::size_t padded = (length + 7) & ~std::size_t{7};
  if (!reserve(kRecordHeader + padded)) {
    // The run must not stop for its journal: say so once and go on without it. The file keeps
    // every complete record written so far.
    std::fprintf(stderr, "venue: journal stopped after %zu bytes: %s\n", size_, error_.c_str());
    return;
  }
  char* at = base_ + size_;
  char* out = at + kRecordHeader;
  for (const std::string_view part : parts) {
    if (part.empty()) continue;  // its data() may be null, which memcpy must not be given
    std::memcpy(out, part.data(), part.size());
    out += part.size();
  }
  std::memset(out, 0, padded - length);
  const std::uint32_t length32 = static_cast<std::uint32_t>(length);
  std::memcpy(at + 4, &length32, sizeof length32);
  // The type last: a process killed before this store leaves a zero type, where readers stop.
  std::atomic_ref<std::uint16_t>(*reinterpret_cast<std::uint16_t*>(at))
      .store(type, std::memory_order_release);
  size_ += kRecordHeader + padded;
}

void Writer::on_message_begin(std::size_t session, Now now, std::string_view message) {
  const GatewayMessageWire w{now.wall, now.mono, static_cast<std::uint32_t>(session), 0};
  append(kGatewayMessage, {std::string_view(reinterpret_cast<const char*>(&w), sizeof w), message});
}

void Writer::on_message_end() {
  append(kGatewayEnd, {});
}

void Writer::on_reject_next(std::uint64_t count, std::string_view text) {
  append(kRejectNext,
         {std::string_view(reinterpret_cast<const char*>(&count), sizeof count), text});
}

void Writer::commit(std::uint64_t feed_next, std::span<const SessionMark> sessions) {
  const CommitWire head{feed_next, static_cast<std::uint32_t>(sessions.size()), 0};
  commit_buffer_.resize(sessions.size() * sizeof(SessionMarkWire));
  char* out = commit_buffer_.data();
  for (const SessionMark& m : sessions) {
    const SessionMarkWire w{m.next_sender, m.next_target, m.session, 0};
    std::memcpy(out, &w, sizeof w);
    out += sizeof w;
  }
  append(kCommit, {std::string_view(reinterpret_cast<const char*>(&head), sizeof head),
                   std::string_view(commit_buffer_.data(), commit_buffer_.size())});
  committed_ = size_;
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

template <class T>
bool payload(const char* at, std::size_t length, T& value) {
  if (length != sizeof(T)) return false;
  std::memcpy(&value, at, sizeof(T));
  return true;
}

}  // namespace

Reader::Reader(const std::string& path) : path_(path) {
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
  if (size_ < kFileHeader || std::memcmp(data_, kMagic, sizeof kMagic) != 0) {
    unmap();
    throw file_error(path, "not a venue journal (no VTBJRNL1 header)");
  }
  std::uint32_t header[2];
  std::memcpy(header, data_ + 8, sizeof header);
  std::string bad;
  if (header[0] != kFormatVersion) {
    bad = "journal format " + std::to_string(header[0]) + ", this build reads " +
          std::to_string(kFormatVersion);
  } else if (header[1] > static_cast<std::uint32_t>(TradingPhase::PreClose)) {
    bad = "unknown initial trading phase " + std::to_string(header[1]);
  }
  if (!bad.empty()) {
    unmap();
    throw file_error(path, bad);
  }
  initial_phase_ = static_cast<TradingPhase>(header[1]);
  offset_ = kFileHeader;
  // The reference data comes first.
  while (offset_ + kRecordHeader <= size_) {
    std::uint16_t type;
    std::uint32_t length;
    std::memcpy(&type, data_ + offset_, sizeof type);
    std::memcpy(&length, data_ + offset_ + 4, sizeof length);
    InstrumentWire w;
    if (type != kInstrument) break;
    if (offset_ + kRecordHeader + sizeof w > size_ ||
        !payload(data_ + offset_ + kRecordHeader, length, w)) {
      unmap();
      throw file_error(path,
                       "instrument record at byte " + std::to_string(offset_) + " cannot be read");
    }
    Instrument i;
    i.id = w.id;
    i.symbol = std::string(w.symbol, strnlen(w.symbol, sizeof w.symbol));
    i.tick_size = w.tick_size;
    i.lot_size = w.lot_size;
    i.reference_price = w.reference_price;
    instruments_.push_back(i);
    offset_ += kRecordHeader + ((length + 7) & ~std::size_t{7});
  }
}

Reader::~Reader() {
  unmap();
}

void Reader::unmap() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
  data_ = nullptr;
}

bool Reader::next(Record& record) {
  if (!problem_.empty() || offset_ + kRecordHeader > size_) return false;
  std::uint16_t type;
  std::uint32_t length;
  std::memcpy(&type, data_ + offset_, sizeof type);
  std::memcpy(&length, data_ + offset_ + 4, sizeof length);
  if (type == kEnd) return false;
  const std::size_t padded = (std::size_t{length} + 7) & ~std::size_t{7};
  const auto fail = [&](const std::string& what) {
    problem_ = path_ + ": record at byte " + std::to_string(offset_) + " " + what;
    return false;
  };
  if (offset_ + kRecordHeader + padded > size_) return fail("is cut short");
  const char* at = data_ + offset_ + kRecordHeader;
  const auto wrong_size = [&] { return fail("has " + std::to_string(length) + " payload bytes"); };
  switch (type) {
    case kSubmit: {
      SubmitWire w;
      if (!payload(at, length, w)) return wrong_size();
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
      record = Input{Submit{r}};
      break;
    }
    case kCancel: {
      CancelWire w;
      if (!payload(at, length, w)) return wrong_size();
      record = Input{Cancel{w.id, w.owner}};
      break;
    }
    case kReplace: {
      ReplaceWire w;
      if (!payload(at, length, w)) return wrong_size();
      record = Input{Replace{w.id, w.owner, w.price, w.quantity, w.stop_price}};
      break;
    }
    case kAdvanceTime: {
      std::int64_t now;
      if (!payload(at, length, now)) return wrong_size();
      record = Input{AdvanceTime{now}};
      break;
    }
    case kSetPhase: {
      SetPhaseWire w;
      if (!payload(at, length, w)) return wrong_size();
      record = Input{SetPhase{w.instrument, static_cast<TradingPhase>(w.phase)}};
      break;
    }
    case kSetMaxExecution: {
      SetMaxExecutionWire w;
      if (!payload(at, length, w)) return wrong_size();
      record = Input{SetMaxExecution{w.instrument, w.quantity}};
      break;
    }
    case kOutput: {
      OutputWire w;
      if (!payload(at, length, w)) return wrong_size();
      record = CoreEvent{static_cast<char>(w.kind), w.a, w.b, w.c, w.d, w.e};
      break;
    }
    case kGatewayMessage: {
      GatewayMessageWire w;
      if (length < sizeof w) return wrong_size();
      std::memcpy(&w, at, sizeof w);
      record = GatewayMessage{w.session, Now{w.mono, w.wall},
                              std::string_view(at + sizeof w, length - sizeof w)};
      break;
    }
    case kGatewayEnd:
      record = GatewayEnd{};
      break;
    case kRejectNext: {
      std::uint64_t count;
      if (length < sizeof count) return wrong_size();
      std::memcpy(&count, at, sizeof count);
      record = RejectNext{count, std::string_view(at + sizeof count, length - sizeof count)};
      break;
    }
    case kCommit: {
      CommitWire w;
      if (length < sizeof w) return wrong_size();
      std::memcpy(&w, at, sizeof w);
      if (length != sizeof w + std::size_t{w.sessions} * sizeof(SessionMarkWire))
        return wrong_size();
      Commit commit{w.feed_next, {}};
      commit.sessions.reserve(w.sessions);
      for (std::uint32_t i = 0; i < w.sessions; ++i) {
        SessionMarkWire m;
        std::memcpy(&m, at + sizeof w + i * sizeof m, sizeof m);
        commit.sessions.push_back(SessionMark{m.session, m.next_sender, m.next_target});
      }
      record = std::move(commit);
      break;
    }
    default:
      return fail("has an unknown type " + std::to_string(type));
  }
  offset_ += kRecordHeader + padded;
  return true;
}

Journal read(const std::string& path) {
  Reader reader(path);
  Journal journal;
  journal.initial_phase = reader.initial_phase();
  journal.instruments = reader.instruments();
  Record record;
  while (reader.next(record)) {
    if (auto* input = std::get_if<Input>(&record)) {
      journal.records.emplace_back(*input);
    } else if (auto* output = std::get_if<CoreEvent>(&record)) {
      journal.records.emplace_back(*output);
    }
  }
  if (!reader.problem().empty()) throw std::runtime_error(reader.problem());
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
