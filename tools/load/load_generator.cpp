#include "tools/load/load_generator.hpp"

#include <sys/epoll.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "common/fix/initiator.hpp"
#include "common/fix/tags.hpp"
#include "common/fix/values.hpp"
#include "common/text/decimal.hpp"
#include "engine/orders/order_templates.hpp"

namespace vtb::load {

namespace tag = fix::tag;

std::string load_comp_id(const std::string& prefix, std::uint32_t n) {
  char number[16];
  std::snprintf(number, sizeof number, "%04u", n + 1);
  return prefix + number;
}

namespace {

// The requests of one instrument on one session: the engine's templates (Day orders, the only ones
// QuickFIX's ordermatch takes; HandlInst on FIX 4.2).
struct Templates {
  fix::MessageTemplate new_order, cancel, replace;
  Templates(const fix::SessionConfig& c, const std::string& symbol)
      : new_order(engine::new_order_template(c, symbol, fix::time_in_force::Day)),
        cancel(engine::cancel_template(c, symbol)),
        replace(engine::replace_template(c, symbol)) {}
};

struct LoadSession {
  std::unique_ptr<fix::Initiator> fix;
  std::vector<Templates> templates;  // by instrument
  bool unflushed = false;
};

// What the generator remembers of a request until its answer: by index & kSlotMask.
struct Slot {
  RequestKind kind = RequestKind::New;
  bool waiting = false;         // sent, not answered
  std::uint32_t cancel_by = 0;  // a cancel of this order in flight: its index minus this one's
};
constexpr std::uint64_t kSlotMask = (std::uint64_t{1} << 22) - 1;

std::string_view decimal(std::uint64_t value, char (&buffer)[24]) {
  const int n = text::format_int(buffer, static_cast<std::int64_t>(value));
  return {buffer, static_cast<std::size_t>(n)};
}

std::uint64_t index_of(std::optional<std::string_view> id) {
  if (!id || id->empty() || id->size() > 19) return 0;
  std::uint64_t v = 0;
  for (const char c : *id) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

bool ends_order(std::optional<std::string_view> status) {
  if (!status || status->size() != 1) return false;
  const char s = (*status)[0];
  return s == fix::ord_status::Filled || s == fix::ord_status::Canceled ||
         s == fix::ord_status::Rejected || s == fix::ord_status::Expired;
}

}  // namespace

struct LoadGenerator::Impl {
  LoadOptions options;
  LoadPlan plan;
  std::vector<LoadSession> sessions;
  int epoll_fd = -1;
  std::vector<Slot> slots;
  // The run in progress.
  LoadResult* result = nullptr;
  std::uint64_t first_index = 0;  // of the run: earlier answers are ignored
  Nanos start = 0;
  double period = 0;
  Nanos now = 0;  // of the batch of answers being read

  explicit Impl(const LoadOptions& o)
      : options(o),
        plan(o.instruments, o.mix, o.sessions, o.levels, o.lots, o.seed),
        slots(kSlotMask + 1) {}

  Nanos intended(std::uint64_t index) const {
    return start +
           static_cast<Nanos>(std::llround(static_cast<double>(index - first_index) * period));
  }

  void answered(std::uint64_t index) {
    if (index < first_index || index == 0 || result == nullptr) return;
    Slot& slot = slots[index & kSlotMask];
    if (!slot.waiting) return;
    slot.waiting = false;
    ++result->answered;
    result->latency.record(now - intended(index));
  }

  void on_message(const fix::MessageView& m) {
    const std::string_view type = m.msg_type();
    if (type == fix::msg_type::ExecutionReport) {
      const std::uint64_t index = index_of(m.get(tag::ClOrdID));
      const auto exec_type = m.get(tag::ExecType);
      const char e = exec_type && exec_type->size() == 1 ? (*exec_type)[0] : '\0';
      if (e == fix::exec_type::Rejected) ++result->rejects;
      if (e == fix::exec_type::Trade || e == '1' || e == '2') ++result->fills;
      if (index == 0) return;
      const Slot& slot = slots[index & kSlotMask];
      // An answer to a cancel that names the order, not the cancel (QuickFIX's ordermatch).
      if (e == fix::exec_type::Canceled && slot.kind == RequestKind::New && slot.cancel_by != 0 &&
          !m.get(tag::OrigClOrdID)) {
        answered(index + slot.cancel_by);
      }
      answered(index);
      if (ends_order(m.get(tag::OrdStatus))) {
        // A cancel sent while the order was filling is answered by the fill that ended it
        // (QuickFIX's ordermatch says nothing to a cancel of an order it no longer has).
        if (slot.kind == RequestKind::New && slot.cancel_by != 0) answered(index + slot.cancel_by);
        plan.done(index);
        if (const std::uint64_t orig = index_of(m.get(tag::OrigClOrdID))) plan.done(orig);
      }
    } else if (type == fix::msg_type::OrderCancelReject) {
      ++result->rejects;
      answered(index_of(m.get(tag::ClOrdID)));
    } else if (type == fix::msg_type::BusinessMessageReject) {
      ++result->rejects;
      answered(index_of(m.get(tag::BusinessRejectRefID)));
    } else if (type == fix::msg_type::Reject) {
      ++result->errors;
    }
  }

  bool send(const Request& r, Now when) {
    LoadSession& session = sessions[r.session];
    fix::Session& s = session.fix->session();
    const Templates& t = session.templates[r.instrument];
    char id[24], target[24];
    const std::string_view cl_ord_id = decimal(r.index, id);
    bool written = false;
    if (r.kind == RequestKind::New) {
      written =
          engine::write_new_order(s, t.new_order, cl_ord_id, r.side, r.price, r.quantity, when);
    } else if (r.kind == RequestKind::Cancel) {
      written = engine::write_cancel(s, t.cancel, decimal(r.target, target), cl_ord_id, r.side,
                                     r.quantity, when);
    } else {
      written = engine::write_replace(s, t.replace, decimal(r.target, target), cl_ord_id, r.side,
                                      r.price, r.quantity, when);
    }
    if (!written) return false;
    session.unflushed = true;
    slots[r.index & kSlotMask] = Slot{r.kind, true, 0};
    if (r.kind == RequestKind::Cancel && r.index - r.target < (std::uint64_t{1} << 31))
      slots[r.target & kSlotMask].cancel_by = static_cast<std::uint32_t>(r.index - r.target);
    return true;
  }

  void read_ready() {
    epoll_event events[64];
    const int n = ::epoll_wait(epoll_fd, events, 64, 0);
    if (n <= 0) return;
    const Now at = Now::read();
    now = at.mono;
    for (int i = 0; i < n; ++i) {
      LoadSession& session = sessions[events[i].data.u32];
      if (!session.fix->poll(at, [this](const fix::MessageView& m) { on_message(m); }))
        ++result->errors;
    }
  }
};

LoadGenerator::LoadGenerator(const LoadOptions& options) : impl_(std::make_unique<Impl>(options)) {
  if (options.instruments.empty()) throw std::invalid_argument("no instrument to trade");
  if (options.sessions == 0) throw std::invalid_argument("--sessions must be 1 or more");
  impl_->epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
  if (impl_->epoll_fd < 0) throw std::runtime_error("epoll_create1 failed");
  impl_->sessions.resize(options.sessions);
  for (std::uint32_t n = 0; n < options.sessions; ++n) {
    fix::SessionConfig c;
    c.initiator = true;
    c.begin_string = options.begin_string;
    c.sender_comp_id = load_comp_id(options.sender_prefix, n);
    c.target_comp_id = options.target_comp_id;
    c.connect_host = options.host;
    c.connect_port = options.port;
    c.heartbeat_interval_s = 30;
    c.reset_on_logon = true;
    c.persist_messages = false;  // a late request resent would be a stale one: gap fills
    if (options.begin_string == "FIXT.1.1") c.default_appl_ver_id = "FIX.5.0SP2";
    LoadSession& session = impl_->sessions[n];
    for (const LoadInstrument& i : options.instruments)
      session.templates.emplace_back(c, i.symbol);
    session.fix = std::make_unique<fix::Initiator>(c);
    try {
      session.fix->connect_and_logon(
          static_cast<Nanos>(options.logon_timeout_s * static_cast<double>(kNanosPerSecond)));
    } catch (const std::runtime_error& e) {
      throw std::runtime_error("session " + c.sender_comp_id + ": " + e.what());
    }
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u32 = n;
    if (::epoll_ctl(impl_->epoll_fd, EPOLL_CTL_ADD, session.fix->native_handle(), &event) != 0)
      throw std::runtime_error("epoll_ctl failed for " + c.sender_comp_id);
  }
}

LoadGenerator::~LoadGenerator() {
  stop();
  if (impl_->epoll_fd >= 0) ::close(impl_->epoll_fd);
}

void LoadGenerator::stop() {
  for (LoadSession& s : impl_->sessions)
    if (s.fix && s.fix->connected()) s.fix->logout("load done", kNanosPerSecond / 2);
}

LoadResult LoadGenerator::run(double rate, double duration_s,
                              const std::function<void(const LoadProgress&)>& progress) {
  Impl& g = *impl_;
  LoadResult result;
  result.target_rate = rate;
  g.result = &result;
  g.period = 1e9 / rate;
  const auto total = static_cast<std::uint64_t>(std::llround(rate * duration_s));
  g.first_index = g.plan.next_index();
  g.start = monotonic_ns() + kNanosPerSecond / 1000;
  const Nanos drain = static_cast<Nanos>(g.options.drain_s * static_cast<double>(kNanosPerSecond));
  Nanos sending_ended = 0, next_progress = g.start + kNanosPerSecond, next_timers = next_progress;
  std::uint64_t sent = 0;
  for (;;) {
    const Now now = Now::read();
    // Everything due by now goes out, each timed from when it was due.
    if (now.mono >= g.start) {
      const auto due = std::min<std::uint64_t>(
          total,
          static_cast<std::uint64_t>(static_cast<double>(now.mono - g.start) / g.period) + 1);
      while (sent < due) {
        const Request next = g.plan.next();
        const Nanos behind = now.mono - g.intended(next.index);
        if (behind > 0 && static_cast<std::uint64_t>(behind) > result.max_behind_ns)
          result.max_behind_ns = static_cast<std::uint64_t>(behind);
        if (!g.send(next, now)) ++result.errors;
        ++sent;
      }
      for (LoadSession& s : g.sessions) {
        if (!s.unflushed) continue;
        s.unflushed = false;
        if (!s.fix->flush()) ++result.errors;
      }
      if (sent == total && sending_ended == 0) sending_ended = now.mono;
    }
    g.read_ready();
    if (now.mono >= next_timers) {  // heartbeats of sessions with nothing to read
      next_timers = now.mono + kNanosPerSecond;
      for (LoadSession& s : g.sessions)
        s.fix->poll(now, [&g](const fix::MessageView& m) { g.on_message(m); });
    }
    if (progress && now.mono >= next_progress) {
      next_progress += kNanosPerSecond;
      progress({static_cast<double>(now.mono - g.start) / 1e9, sent, result.answered,
                result.latency.count() ? result.latency.percentile(0.99) : 0});
    }
    if (sending_ended != 0 &&
        (result.answered + result.unanswered >= sent || now.mono - sending_ended >= drain))
      break;
  }
  result.sent = sent;
  result.seconds =
      static_cast<double>((sending_ended ? sending_ended : monotonic_ns()) - g.start) / 1e9;
  result.achieved_rate = result.seconds > 0 ? static_cast<double>(sent) / result.seconds : 0;
  // What is still waiting now never got an answer.
  result.unanswered = sent - std::min(sent, result.answered);
  for (std::uint64_t i = g.first_index; i < g.first_index + sent; ++i) {
    Slot& slot = g.slots[i & kSlotMask];
    if (slot.waiting) ++result.unanswered_by_kind[static_cast<int>(slot.kind)];
    slot.waiting = false;
  }
  g.result = nullptr;
  return result;
}

}  // namespace vtb::load
