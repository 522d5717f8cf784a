#include "common/soupbintcp/packet.hpp"

#include "common/wire/big_endian.hpp"

namespace vtb::soupbintcp {

namespace {

std::string padded_right(std::string_view text, std::size_t width) {
  std::string field(text.substr(0, width));
  field.resize(width, ' ');
  return field;
}

std::string_view trimmed(std::string_view field) {
  while (!field.empty() && field.front() == ' ')
    field.remove_prefix(1);
  while (!field.empty() && field.back() == ' ')
    field.remove_suffix(1);
  return field;
}

}  // namespace

void append_packet(std::string& out, char type, std::string_view payload) {
  char length[2];
  wire::BigEndianWriter(length).u16(static_cast<std::uint16_t>(payload.size() + 1));
  out.append(length, 2);
  out.push_back(type);
  out.append(payload);
}

std::string ascii_number(std::uint64_t value, std::size_t width) {
  std::string digits = std::to_string(value);
  return std::string(width > digits.size() ? width - digits.size() : 0, ' ') + digits;
}

std::optional<std::uint64_t> parse_ascii_number(std::string_view field) {
  field = trimmed(field);
  if (field.empty()) return 0;
  std::uint64_t value = 0;
  for (const char c : field) {
    if (c < '0' || c > '9' || value > (UINT64_MAX - 9) / 10) return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

std::string encode(const LoginRequest& login) {
  std::string payload = padded_right(login.username, 6) + padded_right(login.password, 10);
  const std::string session = padded_right(login.session, 10);
  payload += session;
  payload += login.sequence == 0 ? std::string(20, ' ') : ascii_number(login.sequence, 20);
  std::string out;
  append_packet(out, type::kLoginRequest, payload);
  return out;
}

std::optional<LoginRequest> decode_login(std::string_view payload) {
  if (payload.size() != kLoginRequestPayload) return std::nullopt;
  const auto sequence = parse_ascii_number(payload.substr(26, 20));
  if (!sequence) return std::nullopt;
  return LoginRequest{std::string(trimmed(payload.substr(0, 6))),
                      std::string(trimmed(payload.substr(6, 10))),
                      std::string(trimmed(payload.substr(16, 10))), *sequence};
}

std::string login_accepted_payload(std::string_view session, std::uint64_t sequence) {
  return padded_right(session, 10) + ascii_number(sequence, 20);
}

std::optional<Packet> StreamReader::next() {
  if (read_ != 0 && read_ == buffer_.size()) {
    buffer_.clear();
    read_ = 0;
  }
  if (buffer_.size() - read_ < 3) return std::nullopt;
  const std::size_t length = wire::load_u16(buffer_.data() + read_);
  if (length == 0) {  // no type byte: skip the empty packet
    read_ += 2;
    return next();
  }
  if (buffer_.size() - read_ < 2 + length) return std::nullopt;
  const Packet packet{buffer_[read_ + 2], std::string_view(buffer_).substr(read_ + 3, length - 1)};
  read_ += 2 + length;
  return packet;
}

}  // namespace vtb::soupbintcp
