// The venue's operator commands (the control port): trading phases, venue behaviours and the
// faults scenario scripts inject. One line in, one line out, "ok ..." or "error: ...". The
// commands and their answers are the reference in docs/CONTROL.md.

#include <sstream>
#include <vector>

#include "common/fix/message_view.hpp"
#include "common/fix/tags.hpp"
#include "common/fix/values.hpp"
#include "common/text/decimal.hpp"
#include "simulator/venue.hpp"

namespace vtb::sim {

namespace {

std::vector<std::string> split_words(std::string_view line) {
  std::istringstream in{std::string(line)};
  std::vector<std::string> words;
  for (std::string w; in >> w;)
    words.push_back(w);
  return words;
}

// What is left of the line after `skip` words: free text such as a reject reason.
std::string rest_of(std::string_view line, std::size_t skip) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < skip; ++i) {
    at = line.find_first_not_of(' ', at);
    at = line.find(' ', at);
    if (at == std::string_view::npos) return {};
  }
  at = line.find_first_not_of(' ', at);
  return at == std::string_view::npos ? std::string() : std::string(line.substr(at));
}

std::optional<std::uint64_t> parse_count(const std::string& word) {
  const auto value = text::parse_int(word);
  if (!value || *value < 0) return std::nullopt;
  return static_cast<std::uint64_t>(*value);
}

constexpr const char* kUsage =
    "use status, phase, halt, resume, feed, retransmit, snapshot, reject, fill-parts, "
    "fair-value, trade, rest, agents, session, disconnect, logout or send (docs/CONTROL.md)";

std::optional<bool> parse_on_off(const std::string& word) {
  if (word == "on") return true;
  if (word == "off") return false;
  return std::nullopt;
}

}  // namespace

std::optional<InstrumentId> Venue::instrument_named(const std::string& symbol) const {
  for (const Instrument& i : instruments_)
    if (i.symbol == symbol) return i.id;
  return std::nullopt;
}

std::optional<std::size_t> Venue::session_named(const std::string& comp_id) {
  for (std::size_t i = 0; i < acceptor_->session_count(); ++i)
    if (acceptor_->session(i).config().target_comp_id == comp_id) return i;
  return std::nullopt;
}

std::string Venue::command(std::string_view line) {
  const std::string answer = execute(line);
  events_.record("command \"%.*s\" -> %s", static_cast<int>(line.size()), line.data(),
                 answer.c_str());
  const Now now = Now::read();
  feed_after_input(now);
  publisher_->flush(now);
  acceptor_->flush_all();
  schedule_release();
  return answer;
}

std::string Venue::execute(std::string_view line) {
  const std::vector<std::string> w = split_words(line);
  if (w.empty()) return std::string("error: empty command: ") + kUsage;
  const std::string& verb = w[0];
  const auto arg = [&](std::size_t i) -> std::string { return i < w.size() ? w[i] : ""; };

  if (verb == "status") {
    std::string answer = "ok";
    for (const Instrument& i : instruments_)
      answer += " " + i.symbol + "=" + phase_name(engine_.phase(i.id));
    return answer;
  }
  if (verb == "phase" || verb == "halt" || verb == "resume") {
    std::optional<TradingPhase> target;
    std::size_t symbol_at = 1;
    if (verb == "phase") {
      target = parse_phase(arg(1));
      if (!target) {
        return "error: '" + arg(1) +
               "' is not a phase: use PreOpen, Continuous, Halted, PreClose or Closed";
      }
      symbol_at = 2;
    } else {
      target = verb == "halt" ? TradingPhase::Halted : TradingPhase::Continuous;
    }
    InstrumentId instrument = 0;
    const std::string symbol = arg(symbol_at);
    if (!symbol.empty() && symbol != "all") {
      const auto id = instrument_named(symbol);
      if (!id) return "error: unknown symbol '" + symbol + "'";
      instrument = *id;
    }
    if (w.size() > symbol_at + 1) return "error: unexpected '" + w[symbol_at + 1] + "'";
    const std::string problem = move_to(instrument, *target);
    return problem.empty() ? "ok" : "error: " + problem;
  }
  if (verb == "feed") return feed_command(w);
  if (verb == "retransmit" || verb == "snapshot") {
    const std::string state = arg(1);
    if (state != "up" && state != "down") return "error: " + verb + " takes up or down";
    if (verb == "retransmit") {
      if (!retransmission_) return "error: the venue runs no re-request server";
      retransmission_->set_enabled(state == "up");
    } else {
      if (!snapshot_) return "error: the venue runs no snapshot service";
      snapshot_->set_enabled(state == "up");
    }
    return "ok";
  }
  if (verb == "reject") {
    const std::uint64_t count = arg(1) == "next" ? parse_count(arg(2)).value_or(0) : 0;
    if (count == 0) return "error: use 'reject next N [reason text]' (N > 0)";
    std::string reason = rest_of(line, 3);
    if (reason.empty()) reason = "rejected by the scenario";
    order_entry_->reject_next(count, reason);
    return "ok";
  }
  if (verb == "fair-value") {
    const auto id = instrument_named(arg(1));
    if (!id) return "error: unknown symbol '" + arg(1) + "'";
    const auto price = text::parse_price(arg(2));
    if (!price || *price <= 0) return "error: '" + arg(2) + "' is not a price";
    if (quoting_agents_.empty()) return "error: the venue runs no agents";
    quoting_agents_[*id - 1].jump_to(*price);
    return "ok";
  }
  if (verb == "trade") {
    const auto id = instrument_named(arg(1));
    if (!id) return "error: unknown symbol '" + arg(1) + "'";
    const auto price = text::parse_price(arg(2));
    if (!price || *price <= 0) return "error: '" + arg(2) + "' is not a price";
    const auto quantity = parse_count(arg(3));
    if (!quantity || *quantity == 0) return "error: '" + arg(3) + "' is not a quantity";
    return scripted_trade(*id, *price, static_cast<Quantity>(*quantity));
  }
  if (verb == "rest") return resting_order(w);
  if (verb == "agents") {
    const std::uint64_t steps = arg(1) == "step" ? parse_count(arg(2)).value_or(0) : 0;
    if (steps == 0) return "error: use 'agents step N' (N > 0)";
    // Each step's messages go out as they would on the timer, however many steps one command
    // asks for: the packets (and so the faults a seeded chance picks) do not depend on how the
    // runner batched its steps.
    for (std::uint64_t s = 0; s < steps; ++s) {
      step_agents();
      feed_after_input(Now::read());
    }
    return "ok " + std::to_string(agent_steps_);
  }
  if (verb == "disconnect" || verb == "logout") {
    const auto session = session_named(arg(1));
    if (!session) return "error: no session with TargetCompID '" + arg(1) + "'";
    if (!acceptor_->connected(*session)) return "error: " + arg(1) + " is not connected";
    if (verb == "disconnect") {
      acceptor_->drop_connection(*session, "disconnected by the control port");
    } else {
      const std::string text = rest_of(line, 2);
      acceptor_->session(*session).logout(text.empty() ? "logout by the control port" : text,
                                          Now::read());
    }
    return "ok";
  }
  if (verb == "send") return send_command(w, line);
  if (verb == "session") return session_command(w);
  if (verb == "fill-parts") return fill_parts_command(w);
  return "error: unknown command '" + verb + "': " + kUsage;
}

// send COMPID test-request [ID] | resend-request FROM TO | sequence-reset NEWSEQ [gap-fill] |
// raw TEXT: session-level messages (and bytes) a counterparty must cope with.
std::string Venue::send_command(const std::vector<std::string>& w, std::string_view line) {
  const auto arg = [&](std::size_t i) -> std::string { return i < w.size() ? w[i] : ""; };
  const auto index = session_named(arg(1));
  if (!index) return "error: no session with TargetCompID '" + arg(1) + "'";
  if (!acceptor_->connected(*index)) return "error: " + arg(1) + " is not connected";
  fix::Session& session = acceptor_->session(*index);
  const Now now = Now::read();
  const std::string what = arg(2);
  if (what == "raw") {
    std::string bytes = rest_of(line, 3);
    if (bytes.empty()) return "error: use 'send COMPID raw TEXT' ('|' for SOH)";
    for (char& c : bytes)
      if (c == '|') c = fix::kSoh;
    acceptor_->write_raw(*index, bytes);
    return "ok " + std::to_string(bytes.size()) + " bytes";
  }
  if (!session.active()) return "error: " + arg(1) + " is not logged on";
  const std::uint64_t seq = session.next_outbound_seq();
  if (what == "test-request") {
    fix::MessageWriter m = session.begin(fix::msg_type::TestRequest, now);
    m.field(fix::tag::TestReqID, arg(3).empty() ? "CONTROL" : arg(3));
    session.send(m, now);
  } else if (what == "resend-request") {
    const auto from = parse_count(arg(3));
    const auto to = parse_count(arg(4));
    if (!from || !to || *from == 0)
      return "error: use 'send COMPID resend-request FROM TO' (TO 0: all)";
    fix::MessageWriter m = session.begin(fix::msg_type::ResendRequest, now);
    m.field_int(fix::tag::BeginSeqNo, static_cast<std::int64_t>(*from));
    m.field_int(fix::tag::EndSeqNo, static_cast<std::int64_t>(*to));
    session.send(m, now);
  } else if (what == "sequence-reset") {
    const auto next = parse_count(arg(3));
    const bool gap_fill = arg(4) == "gap-fill";
    if (!next || *next <= seq || (!arg(4).empty() && !gap_fill))
      return "error: use 'send COMPID sequence-reset NEWSEQ [gap-fill]' (NEWSEQ above " +
             std::to_string(seq) + ")";
    fix::MessageWriter m = session.begin(fix::msg_type::SequenceReset, now);
    if (gap_fill) m.field_char(fix::tag::GapFillFlag, 'Y');
    m.field_int(fix::tag::NewSeqNo, static_cast<std::int64_t>(*next));
    session.send(m, now);
    session.set_next_outbound_seq(*next);
  } else {
    return "error: send what? use test-request, resend-request, sequence-reset or raw";
  }
  return "ok seq=" + std::to_string(seq);
}

// session COMPID throttle N [queue] | throttle off | cancel-on-disconnect on|off |
// delay-acks US [jitter US] [seed S] | delay-acks off | heartbeats on|off: how the venue treats
// one session from now on.
std::string Venue::session_command(const std::vector<std::string>& w) {
  const auto arg = [&](std::size_t i) -> std::string { return i < w.size() ? w[i] : ""; };
  const auto index = session_named(arg(1));
  if (!index) return "error: no session with TargetCompID '" + arg(1) + "'";
  const std::string what = arg(2);
  const auto no_more = [&](std::size_t from) -> std::string {
    return w.size() > from ? "error: unexpected '" + w[from] + "'" : "ok";
  };
  if (what == "throttle") {
    if (arg(3) == "off") {
      order_entry_->set_throttle(*index, 0, false);
      return no_more(4);
    }
    const auto rate = parse_count(arg(3));
    if (!rate || *rate == 0 || *rate > 1'000'000 || (!arg(4).empty() && arg(4) != "queue"))
      return "error: use 'session COMPID throttle N [queue]' (messages a second, 1 to "
             "1000000) or 'throttle off'";
    order_entry_->set_throttle(*index, static_cast<int>(*rate), arg(4) == "queue");
    return no_more(5);
  }
  if (what == "cancel-on-disconnect" || what == "heartbeats") {
    const auto on = parse_on_off(arg(3));
    if (!on) return "error: " + what + " takes on or off";
    if (what == "heartbeats") {
      acceptor_->session(*index).set_heartbeats(*on);
    } else {
      order_entry_->set_cancel_on_disconnect(*index, *on);
    }
    return no_more(4);
  }
  if (what == "delay-acks") {
    constexpr const char* kUse =
        "error: use 'session COMPID delay-acks US [jitter US] [seed S]' or 'delay-acks off'";
    if (arg(3) == "off") {
      order_entry_->set_ack_delay(*index, 0, 0, 0);
      return no_more(4);
    }
    const auto delay_us = parse_count(arg(3));
    if (!delay_us || *delay_us == 0 || *delay_us > 10'000'000) return kUse;
    std::uint64_t jitter_us = 0, seed = 1;
    for (std::size_t at = 4; at < w.size(); at += 2) {
      const auto value = parse_count(arg(at + 1));
      if (!value || (w[at] != "jitter" && w[at] != "seed")) return kUse;
      (w[at] == "jitter" ? jitter_us : seed) = *value;
    }
    if (jitter_us > *delay_us) return "error: jitter must not exceed the delay";
    order_entry_->set_ack_delay(*index, static_cast<Nanos>(*delay_us) * 1000,
                                static_cast<Nanos>(jitter_us) * 1000, seed);
    return "ok";
  }
  return "error: session what? use throttle, cancel-on-disconnect, delay-acks or heartbeats";
}

// fill-parts SYMBOL|all QUANTITY|off: continuous matching executes at most QUANTITY at a time.
std::string Venue::fill_parts_command(const std::vector<std::string>& w) {
  const auto arg = [&](std::size_t i) -> std::string { return i < w.size() ? w[i] : ""; };
  InstrumentId instrument = 0;
  if (arg(1) != "all") {
    const auto id = instrument_named(arg(1));
    if (!id) return "error: unknown symbol '" + arg(1) + "' (or all)";
    instrument = *id;
  }
  const auto quantity = arg(2) == "off" ? std::optional<std::uint64_t>(0) : parse_count(arg(2));
  if (!quantity || (arg(2) != "off" && *quantity == 0) || *quantity > kMaxOrderQuantity)
    return "error: use 'fill-parts SYMBOL|all QUANTITY|off' (QUANTITY above 0)";
  if (w.size() > 3) return "error: unexpected '" + w[3] + "'";
  for (const Instrument& i : instruments_)
    if (instrument == 0 || i.id == instrument)
      engine_.set_max_execution(i.id, static_cast<Quantity>(*quantity));
  return "ok";
}

// feed ACTION FEEDS [count N] [probability P] [seq FROM TO] [delay-us D] [seed S]
// feed gap N | feed clear | feed forget
std::string Venue::feed_command(const std::vector<std::string>& w) {
  const auto arg = [&](std::size_t i) -> std::string { return i < w.size() ? w[i] : ""; };
  const std::string action = arg(1);
  if (action == "clear") {
    sink_->faults(Feed::A).clear_rules();
    sink_->faults(Feed::B).clear_rules();
    sink_->faults_changed();
    return "ok";
  }
  if (action == "forget") {
    history_->forget();
    return "ok next=" + std::to_string(history_->next_sequence());
  }
  FaultRule rule;
  std::vector<Feed> feeds;
  std::size_t at = 3;
  if (action == "gap") {
    // The next N packets lost on both feeds: only a re-request (or a snapshot) heals it.
    const auto count = parse_count(arg(2));
    if (!count || *count == 0) return "error: use 'feed gap N' (packets, N > 0)";
    rule.count = *count;
    feeds = {Feed::A, Feed::B};
  } else {
    if (action == "drop")
      rule.action = FaultAction::Drop;
    else if (action == "duplicate")
      rule.action = FaultAction::Duplicate;
    else if (action == "reorder")
      rule.action = FaultAction::Reorder;
    else if (action == "delay")
      rule.action = FaultAction::Delay;
    else
      return "error: unknown feed action '" + action +
             "': use drop, duplicate, reorder, delay, gap, clear or forget";
    const std::string which = arg(2);
    if (which == "A")
      feeds = {Feed::A};
    else if (which == "B")
      feeds = {Feed::B};
    else if (which == "both")
      feeds = {Feed::A, Feed::B};
    else
      return "error: '" + which + "' is not a feed: use A, B or both";
    for (; at < w.size(); at += 2) {
      const std::string& key = w[at];
      const std::string value = arg(at + 1);
      if (key == "count") {
        const auto n = parse_count(value);
        if (!n) return "error: count '" + value + "' is not a number";
        rule.count = *n;
      } else if (key == "probability") {
        char* end = nullptr;
        rule.probability = std::strtod(value.c_str(), &end);
        if (value.empty() || *end != '\0' || rule.probability <= 0 || rule.probability > 1)
          return "error: probability '" + value + "' is not in (0, 1]";
      } else if (key == "seq") {
        const auto from = parse_count(value);
        const auto to = parse_count(arg(at + 2));
        if (!from || !to || *from == 0 || *to < *from)
          return "error: use 'seq FROM TO' with 0 < FROM <= TO";
        rule.first_seq = *from;
        rule.last_seq = *to;
        ++at;
      } else if (key == "delay-us") {
        const auto us = parse_count(value);
        if (!us) return "error: delay-us '" + value + "' is not a number";
        rule.delay = static_cast<Nanos>(*us) * 1000;
      } else if (key == "seed") {
        const auto seed = parse_count(value);
        if (!seed) return "error: seed '" + value + "' is not a number";
        rule.seed = *seed;
      } else {
        return "error: unknown feed option '" + key +
               "': use count, probability, seq, delay-us or seed";
      }
    }
    if (rule.action == FaultAction::Delay && rule.delay == 0)
      return "error: delay needs delay-us D";
    if (rule.count == 0 && rule.last_seq == 0 && rule.probability >= 1.0)
      return "error: say which packets: count N, probability P or seq FROM TO";
  }
  if (!sink_->has_feed_b() && feeds.size() == 2) feeds = {Feed::A};
  if (!sink_->has_feed_b() && feeds == std::vector<Feed>{Feed::B})
    return "error: the venue publishes no feed B";
  for (const Feed f : feeds)
    sink_->faults(f).arm(rule);
  sink_->faults_changed();
  return "ok next=" + std::to_string(publisher_->next_sequence());
}

// Two orders of the venue's own scripted owner that meet at `price`: a print at that price when
// it is inside the spread (a better-priced resting order trades first otherwise).
// rest SYMBOL buy|sell QUANTITY PRICE: a day limit order that belongs to no session, resting in
// the book (a scenario's initial book), on the feed as any other.
std::string Venue::resting_order(const std::vector<std::string>& w) {
  const auto arg = [&](std::size_t i) -> std::string { return i < w.size() ? w[i] : ""; };
  if (w.size() != 5) return "error: use 'rest SYMBOL buy|sell QUANTITY PRICE'";
  const auto id = instrument_named(arg(1));
  if (!id) return "error: unknown symbol '" + arg(1) + "'";
  if (arg(2) != "buy" && arg(2) != "sell") return "error: side '" + arg(2) + "': buy or sell";
  const auto quantity = parse_count(arg(3));
  if (!quantity || *quantity == 0) return "error: '" + arg(3) + "' is not a quantity";
  const auto price = text::parse_price(arg(4));
  if (!price || *price <= 0) return "error: '" + arg(4) + "' is not a price";
  OrderRequest order;
  order.instrument = *id;
  order.side = arg(2) == "buy" ? Side::Buy : Side::Sell;
  order.price = *price;
  order.quantity = static_cast<Quantity>(*quantity);
  order.owner = kRestingOrderOwner;
  order.time_in_force = TimeInForce::Day;
  // The core says why it refuses one: a listener for the length of the call.
  struct Refusal : MatchingListener {
    std::optional<RejectReason> reason;
    void on_rejected(const OrderRequest&, RejectReason r) override { reason = r; }
  } refusal;
  engine_.add_listener(&refusal);
  const OrderId order_id = engine_.submit(order);
  engine_.remove_listener(&refusal);
  if (refusal.reason)
    return std::string("error: the book refused it: ") + describe(*refusal.reason);
  return "ok order=" + std::to_string(order_id);
}

std::string Venue::scripted_trade(InstrumentId instrument, Price price, Quantity quantity) {
  OrderRequest sell;
  sell.instrument = instrument;
  sell.side = Side::Sell;
  sell.price = price;
  sell.quantity = quantity;
  sell.owner = kScriptedTradeOwner;
  sell.time_in_force = TimeInForce::Day;
  OrderRequest buy = sell;
  buy.side = Side::Buy;
  buy.owner = kScriptedTradeOwner + 1;
  buy.time_in_force = TimeInForce::ImmediateOrCancel;
  const OrderId resting = engine_.submit(sell);
  engine_.submit(buy);
  if (engine_.find(resting)) engine_.cancel(resting, kScriptedTradeOwner);  // what did not trade
  return "ok";
}

}  // namespace vtb::sim
