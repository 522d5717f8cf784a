#pragma once
// How an order is matched with the market-data message that triggered it.
//
// - Tagged (the default): a field of the order names the trigger's MoldUDP64 sequence number. By
//   default that is the convention of ../shared/DESIGN.md: ClOrdID(11) is the number in decimal,
//   optionally followed by '-' and a suffix. `tag` picks another field and `regex` another format:
//   its first capture group (or, without one, its whole match) must be the number in decimal.
// - Window, for engines that cannot tag: an order is matched with the latest trigger at or before
//   it, if that is at most `window` earlier and no earlier order took it. A trigger is a feed
//   message whose type is in `trigger_types`, of `trigger_symbol`'s instrument if one is given.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time/clock.hpp"

namespace vtb::capture {

struct CorrelationOptions {
  int tag = 11;
  std::string regex;                        // empty: the ClOrdID convention
  Nanos window = 0;                         // > 0: match by time instead of by tag
  std::string trigger_types = "AFECXDUPQ";  // the messages that change a book or print a trade
  std::string trigger_symbol;               // empty: every instrument
};

// The trigger's sequence number from the order's field. Throws std::invalid_argument naming the
// option for a regex that does not compile.
class TriggerTag {
 public:
  explicit TriggerTag(const CorrelationOptions& options);
  ~TriggerTag();
  TriggerTag(TriggerTag&&) noexcept;
  std::optional<std::uint64_t> sequence(std::string_view field) const;
  std::string describe() const;

 private:
  struct Regex;  // <regex> stays out of this header: GCC 12 warns inside it where it is used
  std::unique_ptr<Regex> regex_;
  std::string regex_text_;
  int tag_;
};

// Window matching over the triggers seen so far, in capture (time) order.
class TriggerWindow {
 public:
  explicit TriggerWindow(Nanos window) : window_(window) {}
  void add(Nanos time);
  // The trigger time for an order sent at `time`, taking that trigger; nothing if none qualifies.
  std::optional<Nanos> take(Nanos time);

 private:
  static constexpr std::size_t kTrimAt = std::size_t{1} << 20;
  Nanos window_;
  std::vector<Nanos> times_;  // sorted
  std::vector<bool> taken_;
};

}  // namespace vtb::capture
