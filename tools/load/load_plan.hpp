#pragma once
// What `testbed load` sends, request by request: a seeded, deterministic mix of passive new
// orders, aggressive ones (priced through the other side, so they trade), cancels and replaces of
// a session's own resting orders, over several instruments and price levels. Request i goes out
// on session i mod K; its ClOrdID is i, so an answer names the request it answers with no lookup.
// The plan keeps each session's resting orders (oldest first) to cancel and replace, and forgets
// those the venue reports done.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "common/market/types.hpp"

namespace vtb::load {

struct LoadMix {  // weights, in any unit
  double new_order = 40, cancel = 40, replace = 10, aggressive = 10;
  // "new=40,cancel=40,replace=10,aggressive=10"; throws std::invalid_argument naming the part.
  static LoadMix parse(const std::string& text);
  std::string describe() const;
};

struct LoadInstrument {
  std::string symbol;
  Price mid = 0;  // 4 implied decimals, as the venue's prices
  Price tick = 100;
  Quantity lot = 1;
  // "ACME:100.00:0.01:1" (symbol, mid, tick, lot); throws std::invalid_argument naming it.
  static LoadInstrument parse(const std::string& text);
};

enum class RequestKind : std::uint8_t { New, Cancel, Replace };

struct Request {
  std::uint64_t index = 0;    // its ClOrdID
  std::uint32_t session = 0;  // index mod sessions
  RequestKind kind = RequestKind::New;
  std::uint32_t instrument = 0;
  Side side = Side::Buy;
  Price price = 0;
  Quantity quantity = 0;
  std::uint64_t target = 0;  // cancel and replace: the ClOrdID of the order they change
};

class LoadPlan {
 public:
  // `levels`: passive prices are 1 to `levels` ticks from the mid; aggressive ones `levels` ticks
  // through it.
  LoadPlan(std::vector<LoadInstrument> instruments, LoadMix mix, std::uint32_t sessions, int levels,
           Quantity lots, std::uint64_t seed);

  // Decided when it is sent, not before: an order the venue reports done meanwhile is not
  // canceled.
  Request next();
  std::uint64_t next_index() const { return next_index_; }
  // The venue says order `index` (or the replace that became it) is done: it is no longer one
  // to cancel or replace.
  void done(std::uint64_t index);

  const std::vector<LoadInstrument>& instruments() const { return instruments_; }

 private:
  struct Resting {
    std::uint64_t index;
    std::uint32_t instrument;
    Side side;
    Quantity quantity;
  };
  struct SessionBook {
    std::vector<Resting> ring;  // oldest first from `head`
    std::size_t head = 0, size = 0;
  };
  static constexpr std::size_t kRestingPerSession = 4096;  // beyond it, the oldest are forgotten

  bool take_oldest(SessionBook& book, Resting& out);
  void rest(SessionBook& book, const Resting& r);
  Price passive_price(const LoadInstrument& i, Side side);

  std::vector<LoadInstrument> instruments_;
  double cumulative_[4];  // new, cancel, replace, aggressive
  std::uint32_t sessions_;
  int levels_;
  Quantity lots_;
  std::mt19937_64 random_;
  std::vector<SessionBook> books_;
  std::vector<std::uint8_t> done_;  // by index & kDoneMask: reported done
  static constexpr std::uint64_t kDoneMask = (std::uint64_t{1} << 22) - 1;
  std::uint64_t next_index_ = 1;
};

}  // namespace vtb::load
