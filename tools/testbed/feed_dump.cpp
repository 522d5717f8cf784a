#include "tools/testbed/feed_dump.hpp"

#include <boost/asio/io_context.hpp>
#include <ostream>
#include <sstream>

#include "common/itch/message_info.hpp"
#include "common/moldudp64/packet.hpp"
#include "common/net/multicast.hpp"
#include "common/text/decimal.hpp"
#include "common/time/clock.hpp"

namespace vtb::tools {

namespace {

std::string price_text(std::uint64_t price) {
  char buffer[32];
  const int n = text::format_price(buffer, static_cast<Price>(price));
  return std::string(buffer, static_cast<std::size_t>(n));
}

}  // namespace

// Every field of the layout, under the dissector's names (itch50.<name> in tshark).
std::string describe_itch(std::string_view message) {
  if (message.empty()) return "(empty message)";
  std::ostringstream out;
  out << message[0];
  const itch::MessageInfo* info = itch::message_info(message[0]);
  if (info == nullptr || message.size() != info->size) {
    out << " (" << message.size() << " bytes";
    if (info != nullptr) out << ", expected " << info->size;
    out << ")";
    return out.str();
  }
  for (const itch::FieldInfo& field : info->fields) {
    out << ' ' << field.name << '=';
    switch (field.kind) {
      case itch::FieldKind::alpha:
        out << itch::field_text(message, field);
        break;
      case itch::FieldKind::price:
        out << price_text(itch::field_number(message, field));
        break;
      case itch::FieldKind::integer:
      case itch::FieldKind::timestamp:
        out << itch::field_number(message, field);
        break;
    }
  }
  return out.str();
}

int run_feed_dump(const FeedDumpOptions& options, std::ostream& out) {
  boost::asio::io_context io;
  const auto group = net::UdpEndpoint::parse_group(options.group, "--group");
  const auto interface = net::parse_ipv4(options.interface, "--interface");
  auto socket = net::open_multicast_receiver(io, group, interface, true);
  const Nanos deadline =
      options.timeout_s > 0 ? monotonic_ns() + static_cast<Nanos>(options.timeout_s * 1e9) : 0;
  char datagram[65536];
  std::uint64_t printed = 0;
  while (options.max_messages == 0 || printed < options.max_messages) {
    if (deadline != 0 && monotonic_ns() > deadline) return options.max_messages == 0 ? 0 : 1;
    boost::system::error_code ec;
    const std::size_t n = socket.receive(boost::asio::buffer(datagram), 0, ec);
    if (ec) {
      // Nothing there: sleep rather than spin, this is a diagnostic tool.
      timespec pause{0, 200'000};
      nanosleep(&pause, nullptr);
      continue;
    }
    auto packet = moldudp64::PacketReader::parse(std::string_view(datagram, n));
    if (!packet) {
      out << "malformed MoldUDP64 packet (" << n << " bytes)\n";
      continue;
    }
    const auto& h = packet->header();
    if (packet->is_heartbeat()) {
      out << "# heartbeat next_seq=" << h.sequence << "\n";
      continue;
    }
    if (packet->is_end_of_session()) {
      out << "# end of session next_seq=" << h.sequence << "\n";
      continue;
    }
    for (std::uint16_t i = 0; i < h.count; ++i) {
      out << h.sequence + i << ' ' << describe_itch(packet->next()) << '\n';
      if (++printed == options.max_messages) break;
    }
    out.flush();
  }
  return 0;
}

}  // namespace vtb::tools
