#include "common/fix/message_template.hpp"

#include <cstring>

#include "common/fix/message_view.hpp"
#include "common/fix/message_writer.hpp"
#include "common/hot_path/hot_code.hpp"
#include "common/hot_path/inline_copy.hpp"
#include "common/text/decimal.hpp"

namespace vtb::fix {

MessageTemplate::MessageTemplate(std::string_view begin_string, std::string_view msg_type)
    : prefix_("8=" + std::string(begin_string) + kSoh + "9="),
      bytes_(kCopySlack, '\0'),
      runs_(1, Run{0, 0}) {
  field(35, msg_type);
}

void MessageTemplate::end_run(std::string_view text) {
  // bytes_ keeps its padding at the end: the text goes in before it.
  bytes_.resize(bytes_.size() - kCopySlack);
  bytes_ += text;
  bytes_.append(kCopySlack, '\0');
  Run& run = runs_.back();
  run.size += static_cast<std::uint32_t>(text.size());
}

MessageTemplate& MessageTemplate::field(int tag, std::string_view value) {
  end_run(std::to_string(tag) + '=' + std::string(value) + kSoh);
  return *this;
}

MessageTemplate& MessageTemplate::field_char(int tag, char value) {
  return field(tag, std::string_view(&value, 1));
}

MessageTemplate& MessageTemplate::slot(int tag) {
  end_run(std::to_string(tag) + '=');
  const auto offset = static_cast<std::uint32_t>(bytes_.size() - kCopySlack);
  runs_.push_back(Run{offset, 0});
  end_run(std::string_view(&kSoh, 1));  // the SOH that ends the slot's value
  return *this;
}

VTB_HOT MessageTemplate::Filler::Filler(const MessageTemplate& t, char* buffer,
                                        std::size_t capacity)
    : template_(t), buffer_(buffer), capacity_(capacity) {
  length_ = t.prefix_.size() + kReservedLengthDigits + 1;
  if (length_ > capacity_) {
    failed_ = true;
    return;
  }
  inline_copy(buffer_, t.prefix_.data(), t.prefix_.size());
}

VTB_HOT char* MessageTemplate::Filler::next_value(std::size_t max_length) {
  if (failed_ || next_slot_ >= template_.slot_count()) {
    failed_ = true;
    return nullptr;
  }
  const Run& run = template_.runs_[next_slot_++];
  if (length_ + run.size + max_length + kCopySlack > capacity_) {
    failed_ = true;
    return nullptr;
  }
  // 16 bytes at a time: two or three fixed-size copies instead of a memcpy call for each run.
  char* out = buffer_ + length_;
  const char* from = template_.bytes_.data() + run.offset;
  for (std::uint32_t i = 0; i < run.size; i += kCopySlack)
    std::memcpy(out + i, from + i, kCopySlack);
  return out + run.size;
}

VTB_HOT void MessageTemplate::Filler::end_value(char* end) {
  length_ = static_cast<std::size_t>(end - buffer_);
}

VTB_HOT MessageTemplate::Filler& MessageTemplate::Filler::text(std::string_view value) {
  if (char* p = next_value(value.size())) {
    inline_copy(p, value.data(), value.size());
    end_value(p + value.size());
  }
  return *this;
}

VTB_HOT MessageTemplate::Filler& MessageTemplate::Filler::integer(std::int64_t value) {
  if (char* p = next_value(20)) end_value(p + text::format_int(p, value));
  return *this;
}

VTB_HOT MessageTemplate::Filler& MessageTemplate::Filler::character(char value) {
  if (char* p = next_value(1)) {
    *p = value;
    end_value(p + 1);
  }
  return *this;
}

VTB_HOT MessageTemplate::Filler& MessageTemplate::Filler::price(Price value) {
  if (char* p = next_value(24)) end_value(p + text::format_price(p, value));
  return *this;
}

VTB_HOT MessageTemplate::Filler& MessageTemplate::Filler::timestamp(Nanos wall_ns,
                                                                    TimestampPrecision precision) {
  char* p = next_value(kMaxTimestampLength);
  if (p == nullptr) return *this;
  if (wall_ns == stamp_time_ && precision == stamp_precision_) {
    inline_copy(p, buffer_ + stamp_offset_, stamp_length_);
    end_value(p + stamp_length_);
    return *this;
  }
  const std::size_t n = format_utc_timestamp(p, wall_ns, precision);
  stamp_time_ = wall_ns;
  stamp_precision_ = precision;
  stamp_offset_ = static_cast<std::size_t>(p - buffer_);
  stamp_length_ = n;
  end_value(p + n);
  return *this;
}

VTB_HOT std::size_t MessageTemplate::Filler::finish() {
  if (failed_ || next_slot_ != template_.slot_count()) return 0;
  failed_ = true;  // a Filler completes one message
  const Run& last = template_.runs_.back();
  const std::size_t body_start = template_.prefix_.size() + kReservedLengthDigits + 1;
  const std::size_t length = length_ + last.size;
  if (length + 7 > capacity_) return 0;
  inline_copy(buffer_ + length_, template_.bytes_.data() + last.offset, last.size);
  const std::size_t body_length = length - body_start;
  // BodyLength of the reserved width (bodies of 100 to 999 bytes) is written in place; otherwise
  // the general path slides the body.
  if (body_length < 100 || body_length > 999) {
    return finish_message(buffer_, capacity_, body_start, length);
  }
  char* digits = buffer_ + body_start - 1 - kReservedLengthDigits;
  digits[0] = static_cast<char>('0' + body_length / 100);
  digits[1] = static_cast<char>('0' + body_length / 10 % 10);
  digits[2] = static_cast<char>('0' + body_length % 10);
  digits[3] = kSoh;
  // One vectorized pass (checksum()) costs less than summing each value as it is written.
  write_checksum(buffer_ + length, checksum(std::string_view(buffer_, length)));
  return length + 7;
}

MessageTemplate header_template(std::string_view begin_string, std::string_view sender_comp_id,
                                std::string_view target_comp_id, std::string_view msg_type) {
  MessageTemplate t(begin_string, msg_type);
  t.slot(34)
      .field(49, sender_comp_id)
      .slot(52)
      .field(56, target_comp_id);  // MsgSeqNum to TargetCompID
  return t;
}

}  // namespace vtb::fix
