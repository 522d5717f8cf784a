#pragma once
// The matching core's journal: every input and every output of a run, appended as it happens to a
// memory-mapped file, so that any run can be replayed and shown to give the same outputs.
//
// It is also what a venue restarts from (`venue --state-dir`, docs/RECOVERY.md): besides the
// core's inputs and outputs it holds the FIX application messages the order entry acted on
// (bracketing the core inputs they caused) and commit records. A commit is written before anything
// an input caused leaves the venue (its ExecutionReports, its feed packets); a restart replays up
// to the last commit and drops what follows, which no one outside has seen.
//
// File: a 16-byte header ("VTBJRNL1", u32 format version, u32 initial trading phase), then
// records, each an 8-byte header (u16 type, u16 zero, u32 payload bytes) and its payload padded to
// 8 bytes. A record's type is written last, so a process killed mid-write leaves a zero type,
// never a half record. The file grows in preallocated chunks and is trimmed when the writer closes;
// a run that crashed leaves zeros after its last record, and a reader stops at the first zero
// type. Integers are in the host's byte order: a journal is replayed on the machine class that
// wrote it.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/time/clock.hpp"
#include "simulator/gateway/gateway_input_listener.hpp"
#include "simulator/journal/core_events.hpp"
#include "simulator/matching/input_listener.hpp"
#include "simulator/matching/instrument.hpp"

namespace vtb::sim {
class MatchingEngine;
}

namespace vtb::sim::journal {

// 2: order ids carry their pool slot; 3: u32 payload lengths, gateway messages and commits.
inline constexpr std::uint32_t kFormatVersion = 3;

// Inputs as they are stored: what the core's public calls took.
struct Submit {
  OrderRequest request;
};
struct Cancel {
  OrderId id;
  OwnerId owner;
};
struct Replace {
  OrderId id;
  OwnerId owner;
  Price price;
  Quantity quantity;
  Price stop_price;
};
struct AdvanceTime {
  std::int64_t now;
};
struct SetPhase {
  InstrumentId instrument;
  TradingPhase phase;
};
struct SetMaxExecution {
  InstrumentId instrument;
  Quantity quantity;
};
using Input = std::variant<Submit, Cancel, Replace, AdvanceTime, SetPhase, SetMaxExecution>;

// A FIX session's sequence numbers as they were when a commit was written.
struct SessionMark {
  std::uint32_t session = 0;
  std::uint64_t next_sender = 1, next_target = 1;
};

// Records beyond the core's: what a restart needs.
struct GatewayMessage {  // the order entry began acting on this message (bytes in the file)
  std::uint32_t session = 0;
  Now now{};
  std::string_view message;
};
struct GatewayEnd {};  // ... and ended: the core inputs since GatewayMessage were its doing
struct RejectNext {    // the order entry will reject the next `count` orders
  std::uint64_t count = 0;
  std::string_view text;
};
struct Commit {
  std::uint64_t feed_next = 0;        // the feed's next MoldUDP64 sequence number
  std::vector<SessionMark> sessions;  // the sessions whose numbers moved since the last commit
};
using Record = std::variant<Input, CoreEvent, GatewayMessage, GatewayEnd, RejectNext, Commit>;

// Gives `input` to a core as the call it records did.
void apply(MatchingEngine& engine, const Input& input);

// Keeps a core's inputs in memory, in order: a journal without the file, for replays within one
// process (the benchmark replays a recorded flow).
class InputRecorder : public InputListener {
 public:
  std::vector<Input> inputs;
  void on_submit(const OrderRequest& request) override { inputs.emplace_back(Submit{request}); }
  void on_cancel(OrderId id, OwnerId owner) override { inputs.emplace_back(Cancel{id, owner}); }
  void on_replace(OrderId id, OwnerId owner, Price price, Quantity quantity,
                  Price stop_price) override {
    inputs.emplace_back(Replace{id, owner, price, quantity, stop_price});
  }
  void on_advance_time(std::int64_t now) override { inputs.emplace_back(AdvanceTime{now}); }
  void on_set_phase(InstrumentId instrument, TradingPhase phase) override {
    inputs.emplace_back(SetPhase{instrument, phase});
  }
  void on_set_max_execution(InstrumentId instrument, Quantity quantity) override {
    inputs.emplace_back(SetMaxExecution{instrument, quantity});
  }
};

class Writer : public CoreEventRecorder, public InputListener, public GatewayInputListener {
 public:
  // Creates (or truncates) `path`. Throws std::runtime_error naming the file when it cannot.
  Writer(const std::string& path, const std::vector<Instrument>& instruments,
         TradingPhase initial_phase);
  // Opens the journal at `path` to append after its first `resume_at` bytes (a Reader's offset()
  // after its last commit); what follows them is dropped.
  Writer(const std::string& path, std::size_t resume_at);
  ~Writer() override;
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void on_submit(const OrderRequest& request) override;
  void on_cancel(OrderId id, OwnerId owner) override;
  void on_replace(OrderId id, OwnerId owner, Price price, Quantity quantity,
                  Price stop_price) override;
  void on_advance_time(std::int64_t now) override;
  void on_set_phase(InstrumentId instrument, TradingPhase phase) override;
  void on_set_max_execution(InstrumentId instrument, Quantity quantity) override;
  void on_message_begin(std::size_t session, Now now, std::string_view message) override;
  void on_message_end() override;
  void on_reject_next(std::uint64_t count, std::string_view text) override;

  // Everything recorded so far is final: nothing after this point is replayed before it.
  void commit(std::uint64_t feed_next, std::span<const SessionMark> sessions);
  // Records were written since the last commit.
  bool uncommitted() const { return size_ != committed_; }

  std::uint64_t inputs() const { return inputs_; }
  std::uint64_t outputs() const { return outputs_; }
  std::size_t bytes() const { return size_; }
  // Why recording stopped (the disk full, a file size limit), or empty while it works. The core
  // goes on either way: a journal never takes the venue down.
  const std::string& error() const { return error_; }

 protected:
  void record(const CoreEvent& event) override;

 private:
  // A record of `parts` payload pieces, one after another.
  void append(std::uint16_t type, std::initializer_list<std::string_view> parts);
  void append(std::uint16_t type, const void* payload, std::size_t length) {
    append(type, {std::string_view(static_cast<const char*>(payload), length)});
  }
  bool reserve(std::size_t more);
  void open_error(const std::string& path, const std::string& what);

  int fd_ = -1;
  char* base_ = nullptr;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
  std::size_t committed_ = 0;
  std::vector<char> commit_buffer_;  // kept: a commit allocates nothing
  std::uint64_t inputs_ = 0;
  std::uint64_t outputs_ = 0;
  std::string error_;
};

// Reads a journal record by record, in place: a GatewayMessage's bytes stay valid while the Reader
// lives. Throws std::runtime_error naming the file when it is not a journal of this format.
class Reader {
 public:
  explicit Reader(const std::string& path);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  TradingPhase initial_phase() const { return initial_phase_; }
  const std::vector<Instrument>& instruments() const { return instruments_; }
  // The next record; false at the end (zeros or the end of the file) or at a record that cannot be
  // read, which problem() then describes with its byte offset.
  bool next(Record& record);
  // The byte offset just after the last record read.
  std::size_t offset() const { return offset_; }
  const std::string& problem() const { return problem_; }

 private:
  void unmap();

  std::string path_;
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t offset_ = 0;
  TradingPhase initial_phase_ = TradingPhase::Continuous;
  std::vector<Instrument> instruments_;
  std::string problem_;
};

// A journal read back: the reference data and initial phase, then inputs and outputs in order.
struct Journal {
  TradingPhase initial_phase = TradingPhase::Continuous;
  std::vector<Instrument> instruments;
  std::vector<std::variant<Input, CoreEvent>> records;
};

// Throws std::runtime_error naming the file and byte offset of anything malformed.
// The core's records only: gateway messages and commits are for restarts.
Journal read(const std::string& path);

// FNV-1a over the events' fields: the identity of a run's outputs.
std::uint64_t hash(const std::vector<CoreEvent>& events);

struct ReplayResult {
  std::uint64_t inputs = 0;
  std::vector<CoreEvent> recorded, replayed;
  std::uint64_t recorded_hash = 0, replayed_hash = 0;
  std::int64_t first_difference = -1;  // index into the outputs; -1 when identical
  bool identical() const { return first_difference < 0; }
};

// Feeds the journal's inputs to a new matching core and compares its outputs with the recorded.
ReplayResult replay(const Journal& journal);

}  // namespace vtb::sim::journal
