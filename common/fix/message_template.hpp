#pragma once
// A pre-built message for the hot path: constant fields are encoded once, and each send only
// formats the few values that change (sequence number, times, ClOrdID, price, quantity, side)
// between copies of the constant runs; BodyLength and CheckSum are then filled in as
// MessageWriter does. Never allocates; never throws after it is built.
//
//   MessageTemplate order("FIX.4.4", "D");
//   order.slot(34).field(49, "ENGINE").slot(52).field(56, "VENUE").slot(11).slot(38) ...
//   auto f = order.fill(buffer, capacity);
//   f.integer(seq).timestamp(now).text(id).integer(qty) ...;
//   std::size_t n = f.finish();  // 0: a slot was left empty or the buffer was too small

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/fix/utc_timestamp.hpp"
#include "common/market/types.hpp"

namespace vtb::fix {

class MessageTemplate {
 public:
  MessageTemplate(std::string_view begin_string, std::string_view msg_type);

  MessageTemplate& field(int tag, std::string_view value);  // the same in every message
  MessageTemplate& field_char(int tag, char value);         // a one-character code, likewise
  MessageTemplate& slot(int tag);                           // given on each fill, in order
  std::size_t slot_count() const { return runs_.size() - 1; }

  class Filler {
   public:
    Filler& text(std::string_view value);
    Filler& integer(std::int64_t value);
    Filler& character(char value);
    Filler& price(Price value);
    // A second timestamp of the same time (TransactTime after SendingTime) is copied, not
    // formatted again.
    Filler& timestamp(Nanos wall_ns, TimestampPrecision precision = TimestampPrecision::Millis);
    // Completes the message at the start of the buffer; its length, or 0 when it did not fit or
    // not every slot was filled.
    std::size_t finish();

   private:
    friend class MessageTemplate;
    Filler(const MessageTemplate& t, char* buffer, std::size_t capacity);
    char* next_value(std::size_t max_length);  // copies the run before the next slot
    void end_value(char* end);

    const MessageTemplate& template_;
    char* buffer_;
    std::size_t capacity_;
    std::size_t length_;
    std::size_t next_slot_ = 0;
    bool failed_ = false;
    // The last timestamp written, for a second one of the same time.
    Nanos stamp_time_ = -1;
    TimestampPrecision stamp_precision_ = TimestampPrecision::Millis;
    std::size_t stamp_offset_ = 0, stamp_length_ = 0;
  };

  Filler fill(char* buffer, std::size_t capacity) const { return Filler(*this, buffer, capacity); }

 private:
  // Constant bytes: run i precedes slot i and ends with its "tag="; the last one ends the body.
  struct Run {
    std::uint32_t offset;  // in bytes_
    std::uint32_t size;
  };
  // Runs are copied 16 bytes at a time, reading and writing up to 15 bytes past their end (the
  // writes are overwritten by what follows).
  static constexpr std::size_t kCopySlack = 16;

  void end_run(std::string_view text);  // appends to the current run

  std::string prefix_;  // "8=FIX.4.4" SOH "9=": BodyLength follows
  std::string bytes_;   // every run back to back, then kCopySlack bytes of padding
  std::vector<Run> runs_;
};

// MsgType and the standard header as a session writes it, MsgSeqNum and SendingTime filled on
// each message: the start of every application message's template.
MessageTemplate header_template(std::string_view begin_string, std::string_view sender_comp_id,
                                std::string_view target_comp_id, std::string_view msg_type);

}  // namespace vtb::fix
