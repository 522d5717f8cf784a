#include "tools/testbed/scenario/scenario_runner.hpp"

#include <signal.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "common/app/child_process.hpp"
#include "tools/testbed/analyze.hpp"
#include "tools/testbed/scenario/control_client.hpp"
#include "tools/testbed/scenario/participants.hpp"
#include "tools/testbed/scenario/run_evidence.hpp"
#include "tools/testbed/scenario/scenario_html.hpp"
#include "tools/testbed/scenario/topology.hpp"

namespace vtb::scenario {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// The run could not go on (the venue did not start, the engine never logged on, ...).
struct RunAborted : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A port no one listens on, below the kernel's ephemeral range: a port the kernel handed out for
// bind(0) could be taken by any process's outgoing connection before the venue binds it (or
// between a venue's kill and its restart). Candidates start from a point of this process's own
// and go up, each tried on TCP and UDP alike.
std::uint16_t free_port() {
  static std::mutex mutex;
  static unsigned next = 0;
  std::lock_guard<std::mutex> lock(mutex);
  unsigned low = 32768;
  if (std::ifstream range("/proc/sys/net/ipv4/ip_local_port_range"); range) range >> low;
  const unsigned first = 10000, span = low > first + 1000 ? low - first : 20000;
  if (next == 0) next = static_cast<unsigned>(::getpid()) * 397 % span;
  boost::asio::io_context io;
  const auto loopback = boost::asio::ip::make_address("127.0.0.1");
  for (unsigned tries = 0; tries < span; ++tries) {
    const auto port = static_cast<std::uint16_t>(first + next++ % span);
    boost::system::error_code tcp_error, udp_error;
    boost::asio::ip::tcp::acceptor tcp(io);
    tcp.open(boost::asio::ip::tcp::v4());
    tcp.bind({loopback, port}, tcp_error);
    boost::asio::ip::udp::socket udp(io);
    udp.open(boost::asio::ip::udp::v4());
    udp.bind({loopback, port}, udp_error);
    if (!tcp_error && !udp_error) return port;
  }
  throw std::runtime_error("no free port below the ephemeral range");
}

std::string millis(Nanos t) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f ms", static_cast<double>(t) / 1e6);
  return text;
}

// The last `lines` lines of a process's output, on one line (" | " between them).
std::string tail(const std::string& output, int lines = 8) {
  std::size_t at = output.size();
  if (at && output[at - 1] == '\n') --at;
  for (int n = 0; n < lines && at != std::string::npos && at > 0; ++n)
    at = output.rfind('\n', at - 1);
  std::string t = output.substr(at == std::string::npos ? 0 : at + (output[at] == '\n'));
  while (!t.empty() && t.back() == '\n')
    t.pop_back();
  for (std::size_t p = 0; (p = t.find('\n', p)) != std::string::npos;)
    t.replace(p, 1, " | ");
  return t;
}

// Where the run's processes listen and publish.
struct Endpoints {
  std::uint16_t fix, control, retransmit, snapshot;
  std::string feed_a, feed_b;
  std::string venue = "127.0.0.1";   // where the engine finds the venue
  std::string engine = "127.0.0.1";  // the engine's interface for the feed
  std::string runner = "127.0.0.1";  // where the runner finds the venue (control, participants)
};

// An engine attached from elsewhere was configured before the run: it finds the venue where
// ../shared/DESIGN.md's default ports put it (the control port stays free-chosen).
Endpoints default_endpoints() {
  return {5001, free_port(), 31010, 31011, "239.10.10.1:31001", "239.10.10.2:31002"};
}

Endpoints choose_endpoints(int slot) {
  Endpoints e{free_port(), free_port(), free_port(), free_port(), {}, {}};
  // Groups of this process and slot, so parallel runs (and parallel runners) do not hear each
  // other; ports no one else uses.
  const std::string group =
      "239.78." + std::to_string(::getpid() % 250) + "." + std::to_string(slot % 120 * 2 + 1);
  const std::string group_b =
      "239.78." + std::to_string(::getpid() % 250) + "." + std::to_string(slot % 120 * 2 + 2);
  e.feed_a = group + ":" + std::to_string(free_port());
  e.feed_b = group_b + ":" + std::to_string(free_port());
  return e;
}

// Follows the venue's event log as it grows.
class EventFollower {
 public:
  explicit EventFollower(std::string path) : path_(std::move(path)) {}
  // The first new event named `name` (with `key`=`value` when given) within `timeout`.
  std::optional<VenueEvent> wait_for(const std::string& name, const std::string& key,
                                     const std::string& value, Nanos timeout,
                                     const std::function<bool()>& keep_waiting) {
    const Nanos deadline = monotonic_ns() + timeout;
    while (monotonic_ns() < deadline && keep_waiting()) {
      const auto events = read_event_log(path_);
      for (; seen_ < events.size(); ++seen_) {
        const VenueEvent& e = events[seen_];
        if (e.name == name && (key.empty() || e.field(key) == value)) {
          ++seen_;
          return e;
        }
      }
      std::this_thread::sleep_for(5ms);
    }
    return std::nullopt;
  }

 private:
  std::string path_;
  std::size_t seen_ = 0;
};

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
    text.replace(at, from.size(), to);
  return text;
}

// A scheduled action: a step (or one order of a burst) at a scenario time.
struct Timed {
  Nanos at;
  const Step* step;
  OrderStep burst_order;  // for a burst: the order to send
  bool is_burst_order = false;
};

std::vector<Timed> schedule(const Scenario& s) {
  std::vector<Timed> out;
  for (const Step& step : s.timeline) {
    if (const auto* burst = std::get_if<BurstStep>(&step.action)) {
      const auto n = static_cast<std::int64_t>(
          std::llround(burst->rate * static_cast<double>(burst->duration) / 1e9));
      for (std::int64_t i = 0; i < n; ++i) {
        Timed t{step.at + static_cast<Nanos>(static_cast<double>(i) * 1e9 / burst->rate), &step,
                burst->order, true};
        t.burst_order.id =
            (burst->order.id.empty() ? "burst" : burst->order.id) + "-" + std::to_string(i + 1);
        if (burst->order.side == "mixed") t.burst_order.side = i % 2 ? "sell" : "buy";
        out.push_back(std::move(t));
      }
    } else {
      out.push_back({step.at, &step, {}, false});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Timed& a, const Timed& b) { return a.at < b.at; });
  return out;
}

std::vector<std::string> participant_sessions(const Scenario& s) {
  std::set<std::string> names;
  for (const Step& step : s.timeline) {
    if (const auto* o = std::get_if<OrderStep>(&step.action)) names.insert(o->session);
    if (const auto* c = std::get_if<CancelStep>(&step.action)) names.insert(c->session);
    if (const auto* r = std::get_if<ReplaceStep>(&step.action)) names.insert(r->session);
    if (const auto* b = std::get_if<BurstStep>(&step.action)) names.insert(b->order.session);
  }
  return {names.begin(), names.end()};
}

class Run {
 public:
  Run(const Scenario& s, const RunSettings& settings, ScenarioResult& result)
      : s_(s),
        settings_(settings),
        result_(result),
        seed_(settings.seed.value_or(s.seed)),
        dir_(settings.work_dir),
        endpoints_(std::holds_alternative<AttachedEngine>(s.engine.kind)
                       ? default_endpoints()
                       : choose_endpoints(settings.slot)),
        events_(dir_ + "/events.log") {}

  void go() {
    if (s_.topology.hosts) {
      topology_ = std::make_unique<NamespaceTopology>(settings_.slot, s_.topology.netem);
      endpoints_.venue = topology_->venue_address;
      endpoints_.engine = topology_->engine_address;
      endpoints_.runner = topology_->venue_for_runner;
      note(0, "hosts: venue " + endpoints_.venue + ", engine " + endpoints_.engine +
                  (s_.topology.netem ? ", netem " + netem_arguments(*s_.topology.netem) : ""));
    }
    start_venue();
    if (s_.capture) start_capture();
    control_ = std::make_unique<ControlClient>(endpoints_.runner, endpoints_.control);
    for (const auto& [line, where] : s_.venue.book) {
      const std::string answer = control_->command(line);
      if (!answer.starts_with("ok"))
        throw RunAborted(where.text() + ": the initial book's '" + line + "': " + answer);
    }
    if (!s_.venue.book.empty())
      note(0, "initial book: " + std::to_string(s_.venue.book.size()) + " resting order(s)");
    const auto sessions = participant_sessions(s_);
    if (!sessions.empty()) {
      participants_ =
          std::make_unique<Participants>(sessions, endpoints_.runner, endpoints_.fix, dictionary());
      note(0, "participants logged on: " + join(sessions));
    }
    start_engine();
    play_timeline();
    stop_engine();
    if (participants_) participants_->stop();
  }

  // The capture ends after the venue (the last reports are on the wire), then is analyzed as
  // `testbed analyze` would; the JSON feeds the latency assertions, the HTML sits beside the
  // scenario's page.
  void finish_capture() {
    if (!capture_) return;
    capture_->signal(SIGTERM);
    if (!capture_->wait(10s)) capture_->signal(SIGKILL), capture_->wait(2s);
    tools::AnalyzeOptions analyze;
    analyze.capture = dir_ + "/wire.pcap";
    analyze.json = dir_ + "/wire.json";
    if (!settings_.html.empty())
      analyze.html = settings_.html.substr(0, settings_.html.size() - 5) + "-wire.html";
    if (!analyze.html.empty()) fs::create_directories(fs::path(analyze.html).parent_path());
    std::ostringstream report;
    tools::run_analyze(analyze, report);
    wire_json_ = analyze.json;
    if (!analyze.html.empty()) wire_html_ = fs::path(analyze.html).filename().string();
    std::istringstream lines(report.str());
    for (std::string line; std::getline(lines, line);)
      if (line.starts_with("tick-to-trade") || line.starts_with("  latency") ||
          line.starts_with("  order->ack"))
        note(elapsed(), "wire: " + line);
  }

  // The venue ends last: its logs are the evidence.
  void stop_venue() {
    control_.reset();
    if (!venue_) return;
    venue_->signal(SIGTERM);
    if (!venue_->wait(5s)) venue_->signal(SIGKILL), venue_->wait(2s);
    if (const auto code = venue_->wait(0ms); code && *code != 0) {
      note(elapsed(),
           "the venue exited with " + std::to_string(*code) + ": " + tail(venue_->output()));
    }
  }

  RunRecord record() {
    RunRecord r;
    r.scenario = &s_;
    r.t0 = t0_;
    r.events = read_event_log(dir_ + "/events.log");
    for (const auto& entry : fs::directory_iterator(dir_ + "/fix")) {
      const std::string name = entry.path().filename().string();
      if (name.ends_with("-" + s_.engine.session + ".messages.log"))
        r.messages = read_message_log(entry.path().string(), s_.engine.session);
    }
    r.engine = outcome_;
    r.dictionary = dictionary();
    r.wire_json = wire_json_;
    r.wire_html = wire_html_;
    return r;
  }

  EngineOutcome outcome_;

 private:
  std::string dictionary() const { return settings_.fixtures + "/venue-fix44.xml"; }

  static std::string join(const std::vector<std::string>& words) {
    std::string t;
    for (const auto& w : words)
      t += (t.empty() ? "" : " ") + w;
    return t;
  }

  void note(Nanos at, const std::string& what) {
    result_.log.push_back("[" + millis(at) + "] " + what);
  }
  Nanos elapsed() const { return t0_ ? wall_clock_ns() - t0_ : 0; }
  bool cancelled() const { return settings_.cancel && settings_.cancel->load(); }

  std::string instruments_file() {
    if (!s_.venue.instruments.starts_with("inline:")) return s_.venue.instruments;
    const std::string path = dir_ + "/instruments.csv";
    std::ofstream(path) << s_.venue.instruments.substr(7);
    return path;
  }

  void start_venue() {
    const AgentSettings& a = s_.venue.agents;
    std::vector<std::string> argv = {
        settings_.venue_binary, "--fix-sessions", s_.venue.sessions, "--instruments",
        instruments_file(), "--fix-port", std::to_string(endpoints_.fix), "--control-port",
        std::to_string(endpoints_.control), "--retransmit-port",
        std::to_string(endpoints_.retransmit), "--snapshot-port",
        std::to_string(endpoints_.snapshot), "--feed-a", endpoints_.feed_a, "--event-log",
        dir_ + "/events.log", "--fix-log", dir_ + "/fix", "--agent-clock", "control",
        "--agent-interval-us", std::to_string(static_cast<double>(a.step) / 1e3), "--agent-seed",
        std::to_string(a.seed + seed_ - 1), "--mm-levels", std::to_string(a.levels),
        "--mm-quantity", std::to_string(a.quantity), "--noise-rate", std::to_string(a.noise_rate),
        // Parallel runs each serve metrics on a port of their own (the ready event names it).
        "--metrics-port", "0",
        // A safety net: a runner that dies leaves no venue behind for long.
        "--duration", std::to_string(s_.duration / kNanosPerSecond + 120)};
    if (s_.venue.feed_b)
      argv.insert(argv.end(), {"--feed-b", endpoints_.feed_b});
    else
      argv.push_back("--no-feed-b");
    if (!a.enabled) argv.push_back("--no-agents");
    if (!s_.venue.schedule.empty()) argv.insert(argv.end(), {"--schedule", s_.venue.schedule});
    if (s_.venue.feed_history)
      argv.insert(argv.end(), {"--feed-history", std::to_string(*s_.venue.feed_history)});
    if (s_.venue.feed_flush_us > 0)
      argv.insert(argv.end(), {"--feed-flush-us", std::to_string(s_.venue.feed_flush_us)});
    // A venue that is killed and started again keeps its day in a state directory.
    if (restarts()) argv.insert(argv.end(), {"--state-dir", dir_ + "/state"});
    argv.insert(argv.end(), s_.venue.extra_options.begin(), s_.venue.extra_options.end());
    if (topology_) {
      argv.insert(argv.end(), {"--feed-interface", endpoints_.venue});
      argv = topology_->in_venue(argv);
    }
    std::ofstream(dir_ + "/venue.command") << join(argv) << "\n";
    // A restarted venue's output beside the first's: venue.out, venue-2.out, ...
    venue_ = std::make_unique<app::ChildProcess>(
        argv, dir_ + "/venue" + (venue_starts_ > 0 ? "-" + std::to_string(venue_starts_ + 1) : "") +
                  ".out");
    ++venue_starts_;
    const auto ready = events_.wait_for("ready", "", "", 15 * kNanosPerSecond,
                                        [&] { return !cancelled() && !venue_->wait(0ms); });
    if (!ready) {
      const auto code = venue_->wait(0ms);
      throw RunAborted("the venue did not start" +
                       (code ? " (exit code " + std::to_string(*code) + ")" : std::string()) +
                       ": " + tail(venue_->output()));
    }
    note(0, "venue ready: FIX " + std::to_string(endpoints_.fix) + ", control " +
                std::to_string(endpoints_.control) + ", feed " + endpoints_.feed_a);
  }

  std::string substitute(const std::string& command) const {
    const std::vector<std::pair<std::string, std::string>> values = {
        {"{fix_host}", endpoints_.venue},
        {"{fix_port}", std::to_string(endpoints_.fix)},
        {"{sender_comp_id}", s_.engine.session},
        {"{target_comp_id}", "VENUE"},
        {"{feed_a}", endpoints_.feed_a},
        {"{feed_b}", s_.venue.feed_b ? endpoints_.feed_b : ""},
        {"{feed_interface}", endpoints_.engine},
        {"{retransmit}", endpoints_.venue + ":" + std::to_string(endpoints_.retransmit)},
        {"{snapshot}", endpoints_.venue + ":" + std::to_string(endpoints_.snapshot)},
        {"{fixtures}", settings_.fixtures},
        {"{bin_dir}", fs::path(settings_.engine_binary).parent_path().string()},
        {"{scenario_dir}", fs::path(s_.path).parent_path().string()},
        {"{work_dir}", dir_},
    };
    std::string out = command;
    for (const auto& [key, value] : values)
      out = replace_all(out, key, value);
    return out;
  }

  std::vector<std::string> reference_engine_command(const ReferenceEngine& ref) {
    const std::string session_file = dir_ + "/engine-session.cfg";
    std::ofstream(session_file) << "[DEFAULT]\nConnectionType=initiator\nSocketConnectHost="
                                << endpoints_.venue << "\nSocketConnectPort=" << endpoints_.fix
                                << "\nHeartBtInt=" << ref.heartbeat_interval_s
                                << "\nResetOnLogon=" << (ref.reset_on_logon ? "Y" : "N")
                                << "\nPersistMessages=N\n"
                                   "StartTime=00:00:00\nEndTime=00:00:00\n\n[SESSION]\n"
                                   "BeginString=FIX.4.4\nSenderCompID="
                                << s_.engine.session << "\nTargetCompID=VENUE\n";
    outcome_.summary_json = dir_ + "/engine-summary.json";
    std::vector<std::string> argv = {settings_.engine_binary,
                                     "--fix-session",
                                     session_file,
                                     "--feed-a",
                                     endpoints_.feed_a,
                                     "--feed-retransmit",
                                     endpoints_.venue + ":" + std::to_string(endpoints_.retransmit),
                                     "--feed-snapshot",
                                     endpoints_.venue + ":" + std::to_string(endpoints_.snapshot),
                                     "--feed-interface",
                                     endpoints_.engine,
                                     "--symbol",
                                     ref.symbol,
                                     "--summary-json",
                                     outcome_.summary_json,
                                     "--no-metrics"};
    if (s_.venue.feed_b)
      argv.insert(argv.end(), {"--feed-b", endpoints_.feed_b});
    else
      argv.push_back("--no-feed-b");
    argv.insert(argv.end(), ref.options.begin(), ref.options.end());
    return argv;
  }

  void start_capture() {
    const std::string filter =
        "udp port " + endpoints_.feed_a.substr(endpoints_.feed_a.find(':') + 1) +
        (s_.venue.feed_b
             ? " or udp port " + endpoints_.feed_b.substr(endpoints_.feed_b.find(':') + 1)
             : "") +
        " or tcp port " + std::to_string(endpoints_.fix);
    std::vector<std::string> argv = {settings_.testbed_binary,
                                     "capture",
                                     "--interface",
                                     topology_ ? topology_->wire_interface() : "lo",
                                     "--out",
                                     dir_ + "/wire.pcap",
                                     "--filter",
                                     filter};
    if (topology_) argv = topology_->in_venue(argv);
    capture_ = std::make_unique<app::ChildProcess>(argv, dir_ + "/capture.out");
    const Nanos deadline = monotonic_ns() + 10 * kNanosPerSecond;
    while (capture_->output().find("capture: capturing on") == std::string::npos) {
      if (capture_->wait(0ms) || monotonic_ns() > deadline || cancelled())
        throw RunAborted("the capture did not start (capturing needs root or CAP_NET_RAW): " +
                         tail(capture_->output()));
      std::this_thread::sleep_for(5ms);
    }
    note(0, "capturing on " + argv[argv.size() - 5]);
  }

  void start_engine() {
    std::vector<std::string> argv;
    if (const auto* ref = std::get_if<ReferenceEngine>(&s_.engine.kind)) {
      argv = reference_engine_command(*ref);
    } else if (const auto* cmd = std::get_if<CommandEngine>(&s_.engine.kind)) {
      argv = {"/bin/sh", "-c", "exec " + substitute(cmd->command)};
    }
    if (!argv.empty()) {
      if (topology_) argv = topology_->in_engine(argv);
      std::ofstream(dir_ + "/engine.command") << join(argv) << "\n";
      engine_ = std::make_unique<app::ChildProcess>(argv, dir_ + "/engine.out");
      outcome_.started = true;
    } else {
      // Said at once, not only in the report: someone is about to start that engine by hand.
      const std::string waiting = "waiting for the attached engine's Logon (" + s_.engine.session +
                                  ") at " + endpoints_.venue + ":" +
                                  std::to_string(endpoints_.fix) + ", feeds " + endpoints_.feed_a +
                                  " and " + endpoints_.feed_b;
      std::fprintf(stderr, "testbed: %s: %s\n", s_.name.c_str(), waiting.c_str());
      note(0, waiting);
    }
    const auto logon = events_.wait_for(
        "logon", "session", s_.engine.session, s_.engine.ready_timeout,
        [&] { return !cancelled() && !(engine_ && engine_->wait(0ms)) && !venue_->wait(0ms); });
    if (!logon) {
      std::string why = "the engine (" + s_.engine.session + ") did not log on within " +
                        millis(s_.engine.ready_timeout);
      if (engine_) {
        if (const auto code = engine_->wait(0ms)) {
          outcome_.exit_code = code;
          why = "the engine ended before its Logon, exit code " + std::to_string(*code);
        }
        outcome_.output_tail = tail(engine_->output());
        why += ": " + outcome_.output_tail;
      }
      throw RunAborted(why);
    }
    t0_ = logon->wall;
    note(0, "engine logged on (" + s_.engine.session + "): scenario time 0");
  }

  // Agents step on the scenario clock: before anything at scenario time `t`, every step due by t.
  void step_agents_until(Nanos t) {
    if (!s_.venue.agents.enabled) return;
    const auto due = static_cast<std::uint64_t>(t / s_.venue.agents.step);
    if (due <= agent_steps_) return;
    const std::string answer =
        control_->command("agents step " + std::to_string(due - agent_steps_));
    if (!answer.starts_with("ok")) throw RunAborted("venue: agents step: " + answer);
    agent_steps_ = due;
  }

  void sleep_until(Nanos scenario_time) {
    for (;;) {
      const Nanos left = t0_ + scenario_time - wall_clock_ns();
      if (left <= 0 || cancelled()) return;
      std::this_thread::sleep_for(std::chrono::nanoseconds(std::min<Nanos>(left, 1'000'000)));
    }
  }

  // Moves the scenario clock to `t`, stepping the agents on the way.
  void advance_to(Nanos t) {
    const Nanos tick = s_.venue.agents.enabled ? s_.venue.agents.step : t;
    for (Nanos now = elapsed(); now < t && !cancelled(); now = elapsed()) {
      sleep_until(std::min(t, (now / tick + 1) * tick));
      step_agents_until(std::min(t, elapsed()));
      if (engine_ && !engine_exit_seen_ && engine_->wait(0ms)) {
        engine_exit_seen_ = true;
        note(elapsed(),
             "the engine ended on its own, exit code " + std::to_string(*engine_->wait(0ms)));
      }
    }
    step_agents_until(t);
  }

  void perform(const Timed& t) {
    std::string problem;
    if (t.is_burst_order) {
      problem = participants_->order(t.burst_order);
      if (t.burst_order.id.ends_with("-1")) note(t.at, t.step->name + ": " + t.step->describe());
    } else if (const auto* c = std::get_if<ControlStep>(&t.step->action)) {
      std::string command = c->command;
      if (c->seed_offset) command += " seed " + std::to_string(seed_ + *c->seed_offset);
      const std::string answer = control_->command(command);
      note(t.at, t.step->name + ": " + command + " -> " + answer);
      if (!answer.starts_with("ok")) problem = "the venue answered '" + answer + "'";
    } else if (const auto* restart = std::get_if<RestartVenueStep>(&t.step->action)) {
      restart_venue(t, *restart);
    } else {
      if (const auto* o = std::get_if<OrderStep>(&t.step->action))
        problem = participants_->order(*o);
      if (const auto* c = std::get_if<CancelStep>(&t.step->action))
        problem = participants_->cancel(*c);
      if (const auto* r = std::get_if<ReplaceStep>(&t.step->action))
        problem = participants_->replace(*r);
      note(t.at, t.step->name + ": " + t.step->describe());
    }
    if (!problem.empty()) {
      throw RunAborted(t.step->where.text() + ": '" + t.step->name + "' at " + millis(t.at) + ": " +
                       problem);
    }
  }

  bool restarts() const {
    return std::any_of(s_.timeline.begin(), s_.timeline.end(), [](const Step& step) {
      return std::holds_alternative<RestartVenueStep>(step.action);
    });
  }

  // SIGKILL, as a crash; the same command line again (its state directory) after `down`; the
  // control port and the participants back before the timeline goes on.
  void restart_venue(const Timed& t, const RestartVenueStep& restart) {
    control_.reset();
    venue_->signal(SIGKILL);
    venue_->wait(5s);
    note(t.at, t.step->name + ": venue killed (SIGKILL)");
    sleep_until(t.at + restart.down);
    start_venue();
    control_ = std::make_unique<ControlClient>(endpoints_.runner, endpoints_.control);
    if (participants_) {
      const std::string missing = participants_->wait_logged_on(10s);
      if (!missing.empty())
        throw RunAborted("participant " + missing + " did not log on again after the restart");
    }
    note(elapsed(), t.step->name + ": venue started again on its state directory");
  }

  void play_timeline() {
    for (const Timed& t : schedule(s_)) {
      advance_to(t.at);
      if (cancelled()) throw RunAborted("interrupted");
      perform(t);
    }
    advance_to(s_.duration);
    if (cancelled()) throw RunAborted("interrupted");
    note(s_.duration, "end of the timeline");
  }

  void stop_engine() {
    if (!engine_) return;
    outcome_.running_at_end = !engine_->wait(0ms).has_value();
    bool we_signalled = false;
    if (outcome_.running_at_end) {
      engine_->signal(SIGTERM);
      we_signalled = true;
      const auto timeout = std::chrono::milliseconds(s_.engine.stop_timeout / 1'000'000);
      if (!engine_->wait(timeout)) {
        note(elapsed(), "the engine did not end within " + millis(s_.engine.stop_timeout) +
                            " of SIGTERM: killed");
        engine_->signal(SIGKILL);
        engine_->wait(2s);
      }
    }
    outcome_.exit_code = engine_->wait(0ms);
    if (outcome_.exit_code && *outcome_.exit_code > 128) {
      const int sig = *outcome_.exit_code - 128;
      const bool ours = we_signalled && (sig == SIGTERM || sig == SIGKILL);
      if (!ours) outcome_.crash_signal = sig;
    }
    outcome_.output_tail = tail(engine_->output());
  }

  const Scenario& s_;
  const RunSettings& settings_;
  ScenarioResult& result_;
  std::uint64_t seed_;
  std::string dir_;
  Endpoints endpoints_;
  EventFollower events_;
  std::unique_ptr<NamespaceTopology> topology_;  // outlives the processes in it
  std::unique_ptr<app::ChildProcess> venue_, engine_, capture_;
  int venue_starts_ = 0;
  std::string wire_json_, wire_html_;
  std::unique_ptr<ControlClient> control_;
  std::unique_ptr<Participants> participants_;
  Nanos t0_ = 0;
  std::uint64_t agent_steps_ = 0;
  bool engine_exit_seen_ = false;
};

// Whether the scenario says itself what a crash means (engine: {no_crash: true}).
bool asserts_on_crash(const Scenario& s) {
  for (const Assertion& a : s.assertions)
    if (const auto* e = std::get_if<EngineProcess>(&a.kind); e && e->no_crash) return true;
  return false;
}

}  // namespace

ScenarioResult run_scenario(const Scenario& scenario, const RunSettings& settings) {
  const Nanos started = monotonic_ns();
  ScenarioResult result;
  result.suite = scenario.suite;
  result.name = scenario.name;
  result.path = scenario.path;
  result.seed = settings.seed.value_or(scenario.seed);
  result.work_dir = settings.work_dir;
  fs::remove_all(settings.work_dir);
  fs::create_directories(settings.work_dir + "/fix");
  std::optional<RunRecord> record;
  {
    Run run(scenario, settings, result);
    try {
      run.go();
    } catch (const std::exception& e) {
      result.run_error = e.what();
    }
    run.stop_venue();
    if (result.run_error.empty()) {
      try {
        run.finish_capture();
      } catch (const std::exception& e) {
        result.run_error = std::string("analyzing the capture: ") + e.what();
      }
    }
    if (result.run_error.empty()) {
      try {
        record = run.record();
        result.assertions = evaluate(*record);
        if (run.outcome_.crash_signal && !asserts_on_crash(scenario)) {
          // A crash fails the scenario whatever was asserted: it is never what a user wants.
          AssertionResult crash;
          crash.key = "engine";
          crash.where = Where{scenario.path, 0, 0};
          crash.expected = "no crash (always checked)";
          crash.actual = "crashed (signal " + std::to_string(*run.outcome_.crash_signal) + ")";
          crash.detail = "its output ends: " + run.outcome_.output_tail;
          result.assertions.push_back(std::move(crash));
        }
      } catch (const std::exception& e) {
        result.run_error = std::string("reading the run's logs: ") + e.what();
      }
    }
  }
  std::string failures;
  for (const AssertionResult& a : result.assertions) {
    if (a.passed) continue;
    failures += (failures.empty() ? "" : "\n") + a.where.text() + ": " + a.text();
  }
  result.assertions_held = result.run_error.empty() && failures.empty();
  const std::string why = result.run_error.empty() ? failures : result.run_error;
  if (!scenario.expect_fail) {
    result.passed = result.assertions_held;
    result.failure = why;
  } else if (result.assertions_held) {
    result.failure = "expected to fail (expect: fail), but every assertion held";
  } else if (!result.run_error.empty()) {
    // The run has to go through for its assertions' failure to mean anything.
    result.failure = "expected an assertion to fail, but the run itself failed: " + why;
  } else if (!scenario.expect_failure.empty() &&
             failures.find(scenario.expect_failure) == std::string::npos) {
    result.failure = "failed, but not with '" + scenario.expect_failure + "':\n" + failures;
  } else {
    result.passed = true;
    result.failure = "failed as expected:\n" + failures;
  }
  result.seconds = static_cast<double>(monotonic_ns() - started) / 1e9;
  if (!settings.html.empty()) {
    if (!record) {
      record.emplace();
      record->scenario = &scenario;
    }
    fs::create_directories(fs::path(settings.html).parent_path());
    std::ofstream page(settings.html);
    write_scenario_html(*record, result, page);
  }
  return result;
}

}  // namespace vtb::scenario
