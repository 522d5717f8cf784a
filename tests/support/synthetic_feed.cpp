#include "tests/support/synthetic_feed.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <random>

#include "common/itch/messages.hpp"
#include "common/moldudp64/packet.hpp"

namespace vtb::feed {

namespace {

constexpr std::uint32_t kTick = 100;  // $0.01 with 4 implied decimals
constexpr std::size_t kRecent = 8;    // "moments before": the last few orders of a book

}  // namespace

SyntheticFeed::SyntheticFeed(const SyntheticFeedConfig& config) {
  generate(config);
}

void SyntheticFeed::generate(const SyntheticFeedConfig& config) {
  std::mt19937_64 rng(config.seed);
  const auto uniform = [&](std::uint64_t n) { return rng() % n; };
  const auto chance = [&](double p) { return std::uniform_real_distribution<double>()(rng) < p; };

  bytes_.reserve(config.messages * 38 + config.instruments * 41u + 4096);
  std::array<char, 65536> buffer;
  moldudp64::PacketBuilder packet(buffer.data(), std::min(config.max_payload, buffer.size()),
                                  moldudp64::make_session("SYNTHETIC"));
  packet.start(next_sequence_);
  const auto flush = [&] {
    if (packet.count() == 0) return;
    const std::string_view datagram = packet.finish();
    bytes_.insert(bytes_.end(), datagram.begin(), datagram.end());
    packet_ends_.push_back(bytes_.size());
    packet.start(next_sequence_);
  };
  std::uint64_t timestamp = 34'200'000'000'000;  // 09:30
  const auto publish = [&](auto message) {
    message.header.timestamp = timestamp += 1 + uniform(2000);
    char* out = packet.add_message(decltype(message)::kSize);
    if (!out) {
      flush();
      out = packet.add_message(decltype(message)::kSize);
    }
    itch::encode(message, out);
    ++next_sequence_;
    if (uniform(config.mean_messages_per_packet) == 0) flush();
  };

  std::vector<itch::Symbol> symbols;
  std::vector<std::uint32_t> mids;
  live_.assign(config.instruments, {});
  for (std::uint16_t i = 0; i < config.instruments; ++i) {
    char name[8];
    std::snprintf(name, sizeof name, "S%u", i + 1u);
    symbols.push_back(itch::make_symbol(name));
    mids.push_back(static_cast<std::uint32_t>(10 + uniform(490)) * 10'000);
    itch::StockDirectory m;
    m.header.stock_locate = static_cast<std::uint16_t>(i + 1);
    m.stock = symbols.back();
    publish(m);
    ++mix_.directory;
  }

  std::uint64_t next_reference = 1;
  std::uint64_t next_match = 1;
  std::geometric_distribution<std::uint32_t> ticks_away(0.35);
  const auto place = [&](std::size_t instrument, Side side) {
    const std::uint32_t away = (1 + ticks_away(rng)) * kTick;
    const std::uint32_t mid = mids[instrument];
    return side == Side::Buy ? mid - std::min(away, mid - kTick) : mid + away;
  };
  const auto shares = [&] { return static_cast<std::uint32_t>(100 * (1 + uniform(10))); };
  const auto header = [](std::size_t instrument) {
    return itch::Header{static_cast<std::uint16_t>(instrument + 1), 0, 0};
  };

  const std::uint32_t target = config.orders_per_instrument;
  const std::uint32_t remove_below = config.delete_percent;
  const std::uint32_t replace_below = remove_below + config.replace_percent;
  const std::uint32_t execute_below = replace_below + config.execute_percent;
  const std::uint32_t cancel_below = execute_below + config.cancel_percent;
  for (std::uint64_t n = mix_.directory; n < config.messages + mix_.directory; ++n) {
    // A long tail: u^3 puts about half the activity in the top 12% of names.
    const double u = std::uniform_real_distribution<double>()(rng);
    const std::size_t instrument = static_cast<std::size_t>(u * u * u * config.instruments);
    std::vector<SyntheticOrder>& live = live_[instrument];
    if (chance(0.01)) {
      // The price moves a tick: the orders it moves through trade, as they would on a real book,
      // so the book never crosses.
      const bool up = chance(0.5) || mids[instrument] <= 2 * kTick;
      const std::uint32_t mid = mids[instrument] += up ? kTick : -kTick;
      for (std::size_t i = 0; i < live.size();) {
        SyntheticOrder& order = live[i];
        if (up ? order.side == Side::Sell && order.price <= mid
               : order.side == Side::Buy && order.price >= mid) {
          publish(
              itch::OrderExecuted{header(instrument), order.reference, order.shares, next_match++});
          ++mix_.execute;
          ++n;
          live[i] = live.back();
          live.pop_back();
        } else {
          ++i;
        }
      }
    }

    std::uint32_t kind = static_cast<std::uint32_t>(uniform(100));
    if (live.empty() || live.size() < target / 2) kind = cancel_below;  // an add
    if (live.size() > 2 * target) kind = 0;                             // a delete
    if (kind >= cancel_below) {
      const Side side = chance(0.5) ? Side::Buy : Side::Sell;
      SyntheticOrder order{next_reference++, static_cast<std::uint16_t>(instrument + 1), side,
                           place(instrument, side), shares()};
      publish(itch::AddOrder{header(instrument), order.reference, side == Side::Buy ? 'B' : 'S',
                             order.shares, symbols[instrument], order.price});
      live.push_back(order);
      ++mix_.add;
      continue;
    }
    // Most changes are to an order added moments before.
    const std::size_t pick = chance(0.75)
                                 ? live.size() - 1 - uniform(std::min(kRecent, live.size()))
                                 : uniform(live.size());
    SyntheticOrder& order = live[pick];
    const auto forget = [&] {
      live[pick] = live.back();
      live.pop_back();
    };
    if (kind < remove_below) {
      publish(itch::OrderDelete{header(instrument), order.reference});
      forget();
      ++mix_.remove;
    } else if (kind < replace_below) {
      itch::OrderReplace m{header(instrument), order.reference, next_reference++, shares(),
                           place(instrument, order.side)};
      publish(m);
      order.reference = m.new_order_reference;
      order.shares = m.shares;
      order.price = m.price;
      // Back of the queue at its new price, and now the most recent order of its book.
      std::swap(order, live.back());
      ++mix_.replace;
    } else if (kind < execute_below) {
      const std::uint32_t executed = chance(0.5) ? order.shares : 100;
      publish(itch::OrderExecuted{header(instrument), order.reference, executed, next_match++});
      order.shares -= std::min(executed, order.shares);
      if (order.shares == 0) forget();
      ++mix_.execute;
    } else {
      const std::uint32_t cancelled = std::min<std::uint32_t>(100, order.shares);
      publish(itch::OrderCancel{header(instrument), order.reference, cancelled});
      order.shares -= cancelled;
      if (order.shares == 0) forget();
      ++mix_.cancel;
    }
  }
  flush();
}

}  // namespace vtb::feed
