#include "common/fix/message_template.hpp"

#include <cstring>

#include "common/fix/message_view.hpp"
#include "common/text/decimal.hpp"

namespace vtb::fix {

namespace {

std::uint32_t byte_sum(std::string_view bytes) {
  std::uint32_t sum = 0;
  for (const char c : bytes)
    sum += static_cast<unsigned char>(c);
  return sum;
}

}  // namespace

MessageTemplate::MessageTemplate(std::string_view begin_string, std::string_view msg_type)
    : prefix_("8=" + std::string(begin_string) + kSoh + "9="), runs_(1) {
  prefix_sum_ = byte_sum(prefix_) + kSoh;  // and the SOH that ends BodyLength
  field(35, msg_type);
}

MessageTemplate& MessageTemplate::field(int tag, std::string_view value) {
  const std::string text = std::to_string(tag) + '=' + std::string(value) + kSoh;
  runs_.back() += text;
  runs_sum_ += byte_sum(text);
  return *this;
}

MessageTemplate& MessageTemplate::slot(int tag) {
  const std::string text = std::to_string(tag) + '=';
  runs_.back() += text;
  runs_.emplace_back(1, kSoh);         // the SOH that ends the slot's value
  runs_sum_ += byte_sum(text) + kSoh;  // the SOH that ends the slot's value
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
  const char* value = buffer_ + length_ + template_.runs_[next_slot_ - 1].size();
  for (const char* p = value; p < end; ++p)
    value_sum_ += static_cast<unsigned char>(*p);
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
  const std::string& last = template_.runs_.back();
  if (length_ + last.size() + 7 > capacity_) return 0;
  std::memcpy(buffer_ + length_, last.data(), last.size());
  length_ += last.size();

  std::size_t body_start = template_.prefix_.size() + kReservedLengthDigits + 1;
  const std::size_t body_length = length_ - body_start;
  char digits[20];
  const auto digit_count =
      static_cast<std::size_t>(text::format_int(digits, static_cast<std::int64_t>(body_length)));
  if (digit_count != kReservedLengthDigits) {  // rare: a body under 100 or over 999 bytes
    const std::size_t moved = body_start - kReservedLengthDigits + digit_count;
    if (moved + body_length + 7 > capacity_) return 0;
    std::memmove(buffer_ + moved, buffer_ + body_start, body_length);
    body_start = moved;
    length_ = body_start + body_length;
  }
  std::memcpy(buffer_ + body_start - 1 - digit_count, digits, digit_count);
  buffer_[body_start - 1] = kSoh;

  const std::uint32_t sum =
      (template_.prefix_sum_ + template_.runs_sum_ + value_sum_ + byte_sum({digits, digit_count})) %
      256;
  char* t = buffer_ + length_;
  std::memcpy(t, "10=", 3);
  t[3] = static_cast<char>('0' + sum / 100);
  t[4] = static_cast<char>('0' + sum / 10 % 10);
  t[5] = static_cast<char>('0' + sum % 10);
  t[6] = kSoh;
  length_ += 7;
  failed_ = true;  // a Filler completes one message
  return length_;
}

}  // namespace vtb::fix
