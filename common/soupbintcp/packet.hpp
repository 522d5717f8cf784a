#pragma once
// SoupBinTCP 3.0, the framing of Nasdaq's TCP services (GLIMPSE snapshots among them): every
// packet is a 2-byte big-endian length (of what follows it), a 1-byte type and a payload.
// Alphanumeric fields are space-padded, numeric ones are ASCII digits left-padded with spaces.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vtb::soupbintcp {

namespace type {
inline constexpr char kLoginRequest = 'L';   // client: username(6) password(10) session(10) seq(20)
inline constexpr char kLogoutRequest = 'O';  // client
inline constexpr char kClientHeartbeat = 'R';
inline constexpr char kLoginAccepted = 'A';  // server: session(10) sequence number(20)
inline constexpr char kLoginRejected = 'J';  // server: reason, 'A' not authorized, 'S' no session
inline constexpr char kSequencedData = 'S';  // server: one message
inline constexpr char kServerHeartbeat = 'H';
inline constexpr char kEndOfSession = 'Z';
}  // namespace type

inline constexpr std::size_t kLoginRequestPayload = 6 + 10 + 10 + 20;
inline constexpr std::size_t kLoginAcceptedPayload = 10 + 20;

// Appends one packet to `out`.
void append_packet(std::string& out, char type, std::string_view payload);

struct LoginRequest {
  std::string username;
  std::string password;
  std::string session;         // blank: the current session
  std::uint64_t sequence = 0;  // 0: the most recent
};
std::string encode(const LoginRequest& login);
std::optional<LoginRequest> decode_login(std::string_view payload);

// The payload of Login Accepted, and of GLIMPSE's End of Snapshot after its type byte.
std::string login_accepted_payload(std::string_view session, std::uint64_t sequence);
std::string ascii_number(std::uint64_t value, std::size_t width);  // left-padded with spaces
std::optional<std::uint64_t> parse_ascii_number(std::string_view field);

struct Packet {
  char type;
  std::string_view payload;
};

// Reassembles packets from a TCP byte stream, in place.
class StreamReader {
 public:
  void append(std::string_view bytes) {
    buffer_.erase(0, read_);  // what was read is done with
    read_ = 0;
    buffer_.append(bytes);
  }
  // The next complete packet (valid until the next call to either), or nothing yet.
  std::optional<Packet> next();

 private:
  std::string buffer_;
  std::size_t read_ = 0;
};

}  // namespace vtb::soupbintcp
