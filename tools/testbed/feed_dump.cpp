#include "tools/testbed/feed_dump.hpp"

#include <boost/asio/io_context.hpp>
#include <ostream>
#include <sstream>

#include "common/itch/messages.hpp"
#include "common/moldudp64/packet.hpp"
#include "common/net/multicast.hpp"
#include "common/text/decimal.hpp"
#include "common/time/clock.hpp"

namespace vtb::tools {

namespace {

std::string price_text(std::uint32_t price) {
  char buffer[32];
  const int n = text::format_price(buffer, static_cast<Price>(price));
  return std::string(buffer, static_cast<std::size_t>(n));
}

void put_header(std::ostream& out, char type, const itch::Header& h) {
  out << type << " locate=" << h.stock_locate << " ts=" << h.timestamp;
}

}  // namespace

std::string describe_itch(std::string_view message) {
  std::ostringstream out;
  if (message.empty()) return "(empty message)";
  const char type = message[0];
  switch (type) {
    case itch::SystemEvent::kType: {
      itch::SystemEvent m;
      if (!itch::decode(message, m)) break;
      put_header(out, type, m.header);
      out << " event=" << m.event_code;
      return out.str();
    }
    case itch::StockDirectory::kType: {
      itch::StockDirectory m;
      if (!itch::decode(message, m)) break;
      put_header(out, type, m.header);
      out << " stock=" << itch::symbol_text(m.stock) << " round_lot=" << m.round_lot_size;
      return out.str();
    }
    case itch::AddOrder::kType: {
      itch::AddOrder m;
      if (!itch::decode(message, m)) break;
      put_header(out, type, m.header);
      out << " ref=" << m.order_reference << " side=" << m.side << " shares=" << m.shares
          << " stock=" << itch::symbol_text(m.stock) << " price=" << price_text(m.price);
      return out.str();
    }
    case itch::OrderExecuted::kType: {
      itch::OrderExecuted m;
      if (!itch::decode(message, m)) break;
      put_header(out, type, m.header);
      out << " ref=" << m.order_reference << " shares=" << m.executed_shares
          << " match=" << m.match_number;
      return out.str();
    }
    case itch::OrderCancel::kType: {
      itch::OrderCancel m;
      if (!itch::decode(message, m)) break;
      put_header(out, type, m.header);
      out << " ref=" << m.order_reference << " shares=" << m.cancelled_shares;
      return out.str();
    }
    case itch::OrderDelete::kType: {
      itch::OrderDelete m;
      if (!itch::decode(message, m)) break;
      put_header(out, type, m.header);
      out << " ref=" << m.order_reference;
      return out.str();
    }
    case itch::OrderReplace::kType: {
      itch::OrderReplace m;
      if (!itch::decode(message, m)) break;
      put_header(out, type, m.header);
      out << " ref=" << m.original_order_reference << " new_ref=" << m.new_order_reference
          << " shares=" << m.shares << " price=" << price_text(m.price);
      return out.str();
    }
    case itch::StockTradingAction::kType: {
      itch::StockTradingAction m;
      if (!itch::decode(message, m)) break;
      put_header(out, type, m.header);
      out << " stock=" << itch::symbol_text(m.stock) << " state=" << m.trading_state;
      return out.str();
    }
    case itch::OrderExecutedWithPrice::kType: {
      itch::OrderExecutedWithPrice m;
      if (!itch::decode(message, m)) break;
      put_header(out, type, m.header);
      out << " ref=" << m.order_reference << " shares=" << m.executed_shares
          << " match=" << m.match_number << " printable=" << m.printable
          << " price=" << price_text(m.execution_price);
      return out.str();
    }
    case itch::CrossTrade::kType: {
      itch::CrossTrade m;
      if (!itch::decode(message, m)) break;
      put_header(out, type, m.header);
      out << " shares=" << m.shares << " stock=" << itch::symbol_text(m.stock)
          << " price=" << price_text(m.cross_price) << " match=" << m.match_number
          << " cross=" << m.cross_type;
      return out.str();
    }
    case itch::NetOrderImbalance::kType: {
      itch::NetOrderImbalance m;
      if (!itch::decode(message, m)) break;
      put_header(out, type, m.header);
      out << " paired=" << m.paired_shares << " imbalance=" << m.imbalance_shares
          << " direction=" << m.imbalance_direction << " stock=" << itch::symbol_text(m.stock)
          << " far=" << price_text(m.far_price) << " near=" << price_text(m.near_price)
          << " reference=" << price_text(m.current_reference_price) << " cross=" << m.cross_type
          << " variation=" << m.price_variation_indicator;
      return out.str();
    }
    default:
      break;
  }
  out << type << " (" << message.size() << " bytes";
  if (const std::size_t expected = itch::message_size(type); expected != 0) {
    out << ", expected " << expected;
  }
  out << ")";
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
