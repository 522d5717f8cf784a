#include "simulator/feed_publisher/snapshot.hpp"

#include "common/itch/messages.hpp"
#include "common/soupbintcp/packet.hpp"

namespace vtb::sim {

namespace {

template <class Message>
void append_message(std::string& out, const Message& message) {
  char bytes[Message::kSize];
  itch::encode(message, bytes);
  soupbintcp::append_packet(out, soupbintcp::type::kSequencedData, {bytes, sizeof bytes});
}

char trading_state(TradingPhase phase) {
  switch (phase) {
    case TradingPhase::Continuous:
      return 'T';
    case TradingPhase::Halted:
      return 'H';
    default:
      return 'Q';  // a call, or closed: quotation only
  }
}

}  // namespace

std::string glimpse_snapshot(const MatchingEngine& engine,
                             const std::vector<Instrument>& instruments,
                             std::uint64_t next_sequence, Nanos wall,
                             const Attributions* attributions) {
  std::string out;
  const auto timestamp = static_cast<std::uint64_t>(nanos_since_midnight(wall));
  for (const Instrument& instrument : instruments) {
    const itch::Symbol symbol = itch::make_symbol(instrument.symbol);
    const itch::Header header{instrument.id, 0, timestamp};
    itch::StockDirectory directory;
    directory.header = header;
    directory.stock = symbol;
    directory.round_lot_size = static_cast<std::uint32_t>(instrument.lot_size);
    append_message(out, directory);
    itch::StockTradingAction action;
    action.header = header;
    action.stock = symbol;
    action.trading_state = trading_state(engine.phase(instrument.id));
    append_message(out, action);
    for (const Side side : {Side::Buy, Side::Sell}) {
      const auto levels = engine.book(instrument.id).levels(side);
      for (std::size_t i = levels.size(); i-- > 0;) {  // best last in the core's view
        for (const Order* order : engine.queue(levels[i])) {
          if (order->displayed <= 0) continue;
          const itch::AddOrder add{header,
                                   order->id,
                                   side == Side::Buy ? 'B' : 'S',
                                   static_cast<std::uint32_t>(order->displayed),
                                   symbol,
                                   static_cast<std::uint32_t>(order->request.price)};
          const Mpid* mpid = attributions ? attributions->find(order->request.owner) : nullptr;
          if (mpid) {
            append_message(out, itch::attributed(add, *mpid));
          } else {
            append_message(out, add);
          }
        }
      }
    }
  }
  std::string end(1, kEndOfSnapshot);
  end += soupbintcp::ascii_number(next_sequence, 20);
  soupbintcp::append_packet(out, soupbintcp::type::kSequencedData, end);
  return out;
}

}  // namespace vtb::sim
