#include "common/fix/message_template.hpp"

#include <cstring>

#include "common/fix/message_view.hpp"
#include "common/fix/message_writer.hpp"
#include "common/text/decimal.hpp"

namespace vtb::fix {

MessageTemplate::MessageTemplate(std::string_view begin_string, std::string_view msg_type)
    : prefix_("8=" + std::string(begin_string) + kSoh + "9="), runs_(1) {
  field(35, msg_type);
}

MessageTemplate& MessageTemplate::field(int tag, std::string_view value) {
  const std::string text = std::to_string(tag) + '=' + std::string(value) + kSoh;
  runs_.back() += text;
  return *this;
}

MessageTemplate& MessageTemplate::slot(int tag) {
  const std::string text = std::to_string(tag) + '=';
  runs_.back() += text;
  runs_.emplace_back(1, kSoh);  // the SOH that ends the slot's value
  return *this;
}

MessageTemplate::Filler::Filler(const MessageTemplate& t, char* buffer, std::size_t capacity)
    : template_(t), buffer_(buffer), capacity_(capacity) {
  length_ = t.prefix_.size() + kReservedLengthDigits + 1;
  if (length_ > capacity_) {
    failed_ = true;
    return;
  }
  std::memcpy(buffer_, t.prefix_.data(), t.prefix_.size());
}

char* MessageTemplate::Filler::next_value(std::size_t max_length) {
  if (failed_ || next_slot_ >= template_.slot_count()) {
    failed_ = true;
    return nullptr;
  }
  const std::string& run = template_.runs_[next_slot_++];
  if (length_ + run.size() + max_length > capacity_) {
    failed_ = true;
    return nullptr;
  }
  std::memcpy(buffer_ + length_, run.data(), run.size());
  return buffer_ + length_ + run.size();
}

void MessageTemplate::Filler::end_value(char* end) {
  length_ = static_cast<std::size_t>(end - buffer_);
}

MessageTemplate::Filler& MessageTemplate::Filler::text(std::string_view value) {
  if (char* p = next_value(value.size())) {
    std::memcpy(p, value.data(), value.size());
    end_value(p + value.size());
  }
  return *this;
}

MessageTemplate::Filler& MessageTemplate::Filler::integer(std::int64_t value) {
  if (char* p = next_value(20)) end_value(p + text::format_int(p, value));
  return *this;
}

MessageTemplate::Filler& MessageTemplate::Filler::character(char value) {
  return text(std::string_view(&value, 1));
}

MessageTemplate::Filler& MessageTemplate::Filler::price(Price value) {
  if (char* p = next_value(24)) end_value(p + text::format_price(p, value));
  return *this;
}

MessageTemplate::Filler& MessageTemplate::Filler::timestamp(Nanos wall_ns,
                                                            TimestampPrecision precision) {
  if (char* p = next_value(kMaxTimestampLength)) {
    end_value(p + format_utc_timestamp(p, wall_ns, precision));
  }
  return *this;
}

std::size_t MessageTemplate::Filler::finish() {
  if (failed_ || next_slot_ != template_.slot_count()) return 0;
  failed_ = true;  // a Filler completes one message
  const std::string& last = template_.runs_.back();
  if (length_ + last.size() > capacity_) return 0;
  std::memcpy(buffer_ + length_, last.data(), last.size());
  length_ += last.size();
  return finish_message(buffer_, capacity_, template_.prefix_.size() + kReservedLengthDigits + 1,
                        length_);
}

}  // namespace vtb::fix
