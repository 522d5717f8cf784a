#include "tools/load/load_plan.hpp"

#include <sstream>
#include <stdexcept>

#include "common/text/decimal.hpp"

namespace vtb::load {

namespace {

std::vector<std::string> split(const std::string& text, char by) {
  std::vector<std::string> parts;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, by);)
    parts.push_back(part);
  return parts;
}

double weight(const std::string& part, const std::string& value) {
  std::size_t used = 0;
  double w = -1;
  try {
    w = std::stod(value, &used);
  } catch (const std::exception&) {
  }
  if (used != value.size() || w < 0)
    throw std::invalid_argument("--mix: '" + part + "': the weight must be a number, 0 or more");
  return w;
}

}  // namespace

LoadMix LoadMix::parse(const std::string& text) {
  LoadMix mix{0, 0, 0, 0};
  for (const std::string& part : split(text, ',')) {
    const auto eq = part.find('=');
    if (eq == std::string::npos)
      throw std::invalid_argument("--mix: '" + part + "' is not KIND=WEIGHT");
    const std::string kind = part.substr(0, eq);
    const double w = weight(part, part.substr(eq + 1));
    if (kind == "new") {
      mix.new_order = w;
    } else if (kind == "cancel") {
      mix.cancel = w;
    } else if (kind == "replace") {
      mix.replace = w;
    } else if (kind == "aggressive") {
      mix.aggressive = w;
    } else {
      throw std::invalid_argument("--mix: unknown kind '" + kind +
                                  "' (new, cancel, replace, aggressive)");
    }
  }
  if (mix.new_order + mix.aggressive <= 0)
    throw std::invalid_argument("--mix: new or aggressive must weigh more than 0");
  return mix;
}

std::string LoadMix::describe() const {
  std::ostringstream out;
  out << "new=" << new_order << ",cancel=" << cancel << ",replace=" << replace
      << ",aggressive=" << aggressive;
  return out.str();
}

LoadInstrument LoadInstrument::parse(const std::string& text) {
  const auto parts = split(text, ':');
  if (parts.size() < 2 || parts.size() > 4 || parts[0].empty())
    throw std::invalid_argument("--instrument: '" + text + "' is not SYMBOL:MID[:TICK[:LOT]]");
  LoadInstrument i;
  i.symbol = parts[0];
  const auto price = [&](const std::string& value, const char* what) {
    const auto p = text::parse_price(value);
    if (!p || *p <= 0)
      throw std::invalid_argument("--instrument: '" + text + "': " + what + " '" + value +
                                  "' is not a price");
    return *p;
  };
  i.mid = price(parts[1], "mid");
  if (parts.size() > 2) i.tick = price(parts[2], "tick");
  if (parts.size() > 3) {
    const auto lot = text::parse_int(parts[3]);
    if (!lot || *lot <= 0)
      throw std::invalid_argument("--instrument: '" + text + "': lot '" + parts[3] +
                                  "' is not a positive number");
    i.lot = *lot;
  }
  if (i.mid % i.tick != 0)
    throw std::invalid_argument("--instrument: '" + text +
                                "': the mid is not a multiple of the tick");
  return i;
}

LoadPlan::LoadPlan(std::vector<LoadInstrument> instruments, LoadMix mix, std::uint32_t sessions,
                   int levels, Quantity lots, std::uint64_t seed)
    : instruments_(std::move(instruments)),
      sessions_(sessions),
      levels_(levels),
      lots_(lots),
      random_(seed),
      books_(sessions),
      done_(kDoneMask + 1, 0) {
  const double total = mix.new_order + mix.cancel + mix.replace + mix.aggressive;
  cumulative_[0] = mix.new_order / total;
  cumulative_[1] = cumulative_[0] + mix.cancel / total;
  cumulative_[2] = cumulative_[1] + mix.replace / total;
  cumulative_[3] = 1.0;
  for (SessionBook& b : books_)
    b.ring.resize(kRestingPerSession);
}

bool LoadPlan::take_oldest(SessionBook& book, Resting& out) {
  while (book.size > 0) {
    out = book.ring[book.head];
    book.head = (book.head + 1) % kRestingPerSession;
    --book.size;
    if (!done_[out.index & kDoneMask]) return true;
  }
  return false;
}

void LoadPlan::rest(SessionBook& book, const Resting& r) {
  if (book.size == kRestingPerSession) {  // the oldest is forgotten, not canceled
    book.head = (book.head + 1) % kRestingPerSession;
    --book.size;
  }
  book.ring[(book.head + book.size) % kRestingPerSession] = r;
  ++book.size;
}

Price LoadPlan::passive_price(const LoadInstrument& i, Side side) {
  const auto away = static_cast<Price>(1 + random_() % static_cast<std::uint64_t>(levels_));
  return side == Side::Buy ? i.mid - away * i.tick : i.mid + away * i.tick;
}

void LoadPlan::done(std::uint64_t index) {
  done_[index & kDoneMask] = 1;
}

Request LoadPlan::next() {
  Request r;
  r.index = next_index_++;
  r.session = static_cast<std::uint32_t>(r.index % sessions_);
  done_[r.index & kDoneMask] = 0;
  SessionBook& book = books_[r.session];
  const double pick = std::uniform_real_distribution<double>(0, 1)(random_);
  Resting oldest{};
  if (pick >= cumulative_[0] && pick < cumulative_[2] && take_oldest(book, oldest)) {
    const LoadInstrument& i = instruments_[oldest.instrument];
    r.instrument = oldest.instrument;
    r.side = oldest.side;
    r.quantity = oldest.quantity;
    r.target = oldest.index;
    if (pick < cumulative_[1]) {
      r.kind = RequestKind::Cancel;
      return r;
    }
    r.kind = RequestKind::Replace;
    r.price = passive_price(i, r.side);
    rest(book, {r.index, r.instrument, r.side, r.quantity});  // it goes by the new ClOrdID
    return r;
  }
  // A new order: passive, or (aggressive) priced through the other side's levels.
  r.kind = RequestKind::New;
  r.instrument = static_cast<std::uint32_t>(random_() % instruments_.size());
  const LoadInstrument& i = instruments_[r.instrument];
  r.side = random_() % 2 ? Side::Buy : Side::Sell;
  r.quantity = lots_ * i.lot;
  if (pick >= cumulative_[2]) {
    r.price = r.side == Side::Buy ? i.mid + levels_ * i.tick : i.mid - levels_ * i.tick;
  } else {
    r.price = passive_price(i, r.side);
  }
  rest(book, {r.index, r.instrument, r.side, r.quantity});
  return r;
}

}  // namespace vtb::load
