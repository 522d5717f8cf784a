#pragma once
// The matching core's journal: every input and every output of a run, appended as it happens to a
// memory-mapped file, so that any run can be replayed and shown to give the same outputs.
//
// File: a 16-byte header ("VTBJRNL1", u32 format version, u32 initial trading phase), then
// records, each an 8-byte header (u16 type, u16 payload bytes, u32 zero) and its payload padded to
// 8 bytes. The file grows in preallocated chunks and is trimmed when the writer closes; a run that
// crashed leaves zeros after its last record, and a reader stops at the first zero type. Integers
// are in the host's byte order: a journal is replayed on the machine class that wrote it.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "simulator/journal/core_events.hpp"
#include "simulator/matching/input_listener.hpp"
#include "simulator/matching/instrument.hpp"

namespace vtb::sim {
class MatchingEngine;
}

namespace vtb::sim::journal {

inline constexpr std::uint32_t kFormatVersion = 2;  // 2: order ids carry their pool slot

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

class Writer : public CoreEventRecorder, public InputListener {
 public:
  // Creates (or truncates) `path`. Throws std::runtime_error naming the file when it cannot.
  Writer(const std::string& path, const std::vector<Instrument>& instruments,
         TradingPhase initial_phase);
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

  std::uint64_t inputs() const { return inputs_; }
  std::uint64_t outputs() const { return outputs_; }
  std::size_t bytes() const { return size_; }
  // Why recording stopped (the disk full, a file size limit), or empty while it works. The core
  // goes on either way: a journal never takes the venue down.
  const std::string& error() const { return error_; }

 protected:
  void record(const CoreEvent& event) override;

 private:
  void append(std::uint16_t type, const void* payload, std::size_t length);
  bool reserve(std::size_t more);

  int fd_ = -1;
  char* base_ = nullptr;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
  std::uint64_t inputs_ = 0;
  std::uint64_t outputs_ = 0;
  std::string error_;
};

// A journal read back: the reference data and initial phase, then inputs and outputs in order.
struct Journal {
  TradingPhase initial_phase = TradingPhase::Continuous;
  std::vector<Instrument> instruments;
  std::vector<std::variant<Input, CoreEvent>> records;
};

// Throws std::runtime_error naming the file and byte offset of anything malformed.
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
