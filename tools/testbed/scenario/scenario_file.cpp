#include "tools/testbed/scenario/scenario_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "common/text/decimal.hpp"

namespace vtb::scenario {

namespace fs = std::filesystem;

std::optional<Nanos> parse_duration(const std::string& text) {
  static const std::vector<std::pair<std::string, double>> units = {
      {"ns", 1}, {"us", 1e3}, {"\xC2\xB5s", 1e3}, {"ms", 1e6}, {"s", 1e9}};
  if (text == "0") return 0;  // nothing, in any unit
  for (const auto& [unit, scale] : units) {
    if (text.size() <= unit.size() || text.compare(text.size() - unit.size(), unit.size(), unit))
      continue;
    const std::string number = text.substr(0, text.size() - unit.size());
    // "ms" also ends in "s": the number must then be all digits and dots.
    if (number.find_first_not_of("0123456789.") != std::string::npos) continue;
    char* end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size() || value < 0) return std::nullopt;
    return static_cast<Nanos>(std::llround(value * scale));
  }
  return std::nullopt;
}

std::string Step::describe() const {
  struct {
    std::string operator()(const ControlStep& c) const { return c.command; }
    std::string operator()(const OrderStep& o) const {
      return o.session + " " + o.side + " " + std::to_string(o.quantity) + " " + o.symbol +
             (o.price.empty() ? " at market" : " @ " + o.price) + " (" + o.id + ")";
    }
    std::string operator()(const CancelStep& c) const { return c.session + " cancels " + c.id; }
    std::string operator()(const ReplaceStep& r) const {
      return r.session + " replaces " + r.id + " with " + std::to_string(r.quantity) + " @ " +
             r.price;
    }
    std::string operator()(const RestartVenueStep& r) const {
      return "venue killed (SIGKILL) and started again" +
             (r.down > 0 ? " after " + std::to_string(r.down / 1'000'000) + " ms" : std::string());
    }
    std::string operator()(const BurstStep& b) const {
      return b.order.session + " bursts " + std::to_string(static_cast<long long>(b.rate)) +
             " orders/s for " + std::to_string(b.duration / 1'000'000) + " ms";
    }
  } text;
  return std::visit(text, action);
}

namespace {

// Walks one file's YAML with the file name at hand for every message.
class Reader {
 public:
  Reader(std::string file, std::string fixtures)
      : file_(std::move(file)), fixtures_(std::move(fixtures)) {}

  Where where(const YAML::Node& node) const {
    const YAML::Mark m = node.Mark();
    return Where{file_, m.line + 1, m.column + 1};
  }
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    throw ScenarioError(where(node).text() + ": " + message);
  }

  void expect_map(const YAML::Node& node, const std::string& key) const {
    if (!node.IsMap()) fail(node, "'" + key + "' must be a mapping of keys to values");
  }
  // Every key of `node` must be one of `allowed`.
  void only_keys(const YAML::Node& node, const std::string& key,
                 const std::vector<std::string>& allowed) const {
    expect_map(node, key);
    for (const auto& entry : node) {
      const std::string k = entry.first.as<std::string>();
      if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
      std::string list;
      for (const auto& a : allowed)
        list += (list.empty() ? "" : ", ") + a;
      fail(entry.first, "unknown key '" + k + "' in '" + key + "' (expected one of: " + list + ")");
    }
  }

  std::string text(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) fail(node, "'" + key + "' must be a single value");
    return node.Scalar();
  }
  std::int64_t integer(const YAML::Node& node, const std::string& key) const {
    const auto v = text::parse_int(text(node, key));
    if (!v) fail(node, "'" + key + "' must be an integer, not '" + node.Scalar() + "'");
    return *v;
  }
  double number(const YAML::Node& node, const std::string& key) const {
    const std::string t = text(node, key);
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (t.empty() || end != t.c_str() + t.size())
      fail(node, "'" + key + "' must be a number, not '" + t + "'");
    return v;
  }
  bool boolean(const YAML::Node& node, const std::string& key) const {
    const std::string t = text(node, key);
    if (t == "true" || t == "yes" || t == "on") return true;
    if (t == "false" || t == "no" || t == "off") return false;
    fail(node, "'" + key + "' must be true or false, not '" + t + "'");
  }
  Nanos duration(const YAML::Node& node, const std::string& key) const {
    const auto d = parse_duration(text(node, key));
    if (!d) {
      fail(node, "'" + key + "' must be a duration such as 250ms, 1.5s or 200us, not '" +
                     node.Scalar() + "'");
    }
    return *d;
  }
  std::string price(const YAML::Node& node, const std::string& key) const {
    const std::string t = text(node, key);
    const auto p = text::parse_price(t);
    if (!p || *p <= 0) fail(node, "'" + key + "' must be a price such as 100.25, not '" + t + "'");
    return t;
  }
  std::string one_of(const YAML::Node& node, const std::string& key,
                     const std::vector<std::string>& values) const {
    const std::string t = text(node, key);
    if (std::find(values.begin(), values.end(), t) != values.end()) return t;
    std::string list;
    for (const auto& v : values)
      list += (list.empty() ? "" : ", ") + v;
    fail(node, "'" + key + "' must be one of " + list + ", not '" + t + "'");
  }
  // A file named relative to the scenario's folder, which must exist.
  std::string file(const YAML::Node& node, const std::string& key) const {
    fs::path p = text(node, key);
    if (p.is_relative()) p = fs::path(file_).parent_path() / p;
    if (!fs::exists(p)) fail(node, "'" + key + "': no such file " + p.string());
    return fs::weakly_canonical(p).string();
  }
  // `true` for assertions that are flags: writing `false` would silently assert nothing.
  void flag_true(const YAML::Node& node, const std::string& key) const {
    if (!boolean(node, key)) {
      fail(node, "'" + key + ": false' asserts nothing: write 'true' or leave the assertion out");
    }
  }

  const std::string& file_name() const { return file_; }
  const std::string& fixtures() const { return fixtures_; }

 private:
  std::string file_;
  std::string fixtures_;
};

CountBound read_bound(const Reader& r, const YAML::Node& node) {
  CountBound b;
  if (node["equals"]) b.equals = r.integer(node["equals"], "equals");
  if (node["at_least"]) b.at_least = r.integer(node["at_least"], "at_least");
  if (node["at_most"]) b.at_most = r.integer(node["at_most"], "at_most");
  return b;
}

CountBound required_bound(const Reader& r, const YAML::Node& node, const std::string& key) {
  const CountBound b = read_bound(r, node);
  if (!b.equals && !b.at_least && !b.at_most)
    r.fail(node, "'" + key + "' needs equals, at_least or at_most");
  return b;
}

OrderFilter read_filter(const Reader& r, const YAML::Node& node) {
  OrderFilter f;
  if (node["side"]) f.side = r.one_of(node["side"], "side", {"buy", "sell"});
  if (node["symbol"]) f.symbol = r.text(node["symbol"], "symbol");
  if (node["type"]) f.type = r.one_of(node["type"], "type", {"limit", "market"});
  if (node["from"]) f.from = r.duration(node["from"], "from");
  if (node["to"]) f.to = r.duration(node["to"], "to");
  if (node["message"])
    f.message = r.one_of(node["message"], "message", {"new", "replace", "cancel", "any"});
  return f;
}

// Inline instruments become a CSV in the fixtures' format, written next to the run's files by
// the runner; here they are kept as that CSV's text, behind a "inline:" marker.
std::string read_instruments(const Reader& r, const YAML::Node& node) {
  if (node.IsScalar()) return r.file(node, "instruments");
  if (!node.IsSequence()) r.fail(node, "'instruments' must be a file or a list of instruments");
  std::string csv = "inline:symbol,tick_size,lot_size,reference_price\n";
  for (const auto& i : node) {
    r.only_keys(i, "instruments", {"symbol", "tick", "lot", "reference"});
    for (const char* k : {"symbol", "tick", "lot", "reference"})
      if (!i[k]) r.fail(i, std::string("an instrument needs '") + k + "'");
    csv += r.text(i["symbol"], "symbol") + "," + r.price(i["tick"], "tick") + "," +
           std::to_string(r.integer(i["lot"], "lot")) + "," + r.price(i["reference"], "reference") +
           "\n";
  }
  return csv;
}

Topology read_topology(const Reader& r, const YAML::Node& node) {
  Topology t;
  if (node.IsScalar()) {
    t.hosts = r.one_of(node, "topology", {"loopback", "hosts"}) == "hosts";
    return t;
  }
  r.only_keys(node, "topology", {"hosts", "netem"});
  if (!node["hosts"] || !r.boolean(node["hosts"], "hosts"))
    r.fail(node, "'topology' as a mapping needs 'hosts: true' (or write 'topology: loopback')");
  t.hosts = true;
  if (const auto n = node["netem"]) {
    r.only_keys(n, "netem", {"delay", "jitter", "loss", "duplicate", "reorder"});
    Impairment i;
    if (n["delay"]) i.delay = r.duration(n["delay"], "delay");
    if (n["jitter"]) i.jitter = r.duration(n["jitter"], "jitter");
    for (const auto& [key, field] :
         {std::pair{"loss", &i.loss}, std::pair{"duplicate", &i.duplicate},
          std::pair{"reorder", &i.reorder}}) {
      if (!n[key]) continue;
      *field = r.number(n[key], key);
      if (*field < 0 || *field > 100)
        r.fail(n[key], std::string("'") + key + "' is a percentage, 0 to 100");
    }
    if (i.reorder > 0 && i.delay == 0)
      r.fail(n["reorder"], "netem reorders delayed packets only: give 'delay' too");
    t.netem = i;
  }
  return t;
}

VenueSpec read_venue(const Reader& r, const YAML::Node& node) {
  VenueSpec v;
  v.instruments = r.fixtures() + "/instruments.csv";
  v.sessions = r.fixtures() + "/venue-sessions.cfg";
  if (!node) return v;
  r.only_keys(node, "venue",
              {"instruments", "sessions", "schedule", "agents", "feed", "options", "book"});
  if (node["instruments"]) v.instruments = read_instruments(r, node["instruments"]);
  if (node["sessions"]) v.sessions = r.file(node["sessions"], "sessions");
  if (node["schedule"]) v.schedule = r.file(node["schedule"], "schedule");
  if (const auto a = node["agents"]) {
    if (a.IsScalar()) {
      v.agents.enabled = r.boolean(a, "agents");
    } else {
      r.only_keys(a, "agents", {"enabled", "seed", "levels", "quantity", "noise_rate", "step"});
      if (a["enabled"]) v.agents.enabled = r.boolean(a["enabled"], "enabled");
      if (a["seed"]) v.agents.seed = static_cast<std::uint64_t>(r.integer(a["seed"], "seed"));
      if (a["levels"]) v.agents.levels = static_cast<int>(r.integer(a["levels"], "levels"));
      if (a["quantity"]) v.agents.quantity = r.integer(a["quantity"], "quantity");
      if (a["noise_rate"]) v.agents.noise_rate = r.number(a["noise_rate"], "noise_rate");
      if (a["step"]) v.agents.step = r.duration(a["step"], "step");
      if (v.agents.step <= 0) r.fail(a["step"], "'step' must be above 0");
    }
  }
  if (const auto f = node["feed"]) {
    r.only_keys(f, "feed", {"b", "history", "flush"});
    if (f["b"]) v.feed_b = r.boolean(f["b"], "b");
    if (f["history"]) v.feed_history = static_cast<std::size_t>(r.integer(f["history"], "history"));
    if (f["flush"]) v.feed_flush_us = static_cast<double>(r.duration(f["flush"], "flush")) / 1e3;
  }
  if (const auto b = node["book"]) {
    if (!b.IsSequence()) r.fail(b, "'book' must be a list of resting orders");
    for (const auto& order : b) {
      r.only_keys(order, "book", {"symbol", "side", "quantity", "price"});
      for (const char* k : {"symbol", "side", "quantity", "price"})
        if (!order[k]) r.fail(order, std::string("a 'book' order needs '") + k + "'");
      const std::int64_t quantity = r.integer(order["quantity"], "quantity");
      if (quantity <= 0) r.fail(order["quantity"], "'quantity' must be above 0");
      v.book.emplace_back("rest " + r.text(order["symbol"], "symbol") + " " +
                              r.one_of(order["side"], "side", {"buy", "sell"}) + " " +
                              std::to_string(quantity) + " " + r.price(order["price"], "price"),
                          r.where(order));
    }
  }
  if (const auto o = node["options"]) {
    if (!o.IsSequence()) r.fail(o, "'options' must be a list of venue command-line words");
    for (const auto& w : o)
      v.extra_options.push_back(r.text(w, "options"));
  }
  return v;
}

EngineSpec read_engine(const Reader& r, const YAML::Node& node) {
  EngineSpec e;
  e.kind = ReferenceEngine{};
  if (!node) return e;
  r.only_keys(
      node, "engine",
      {"reference", "command", "attach", "session", "ready", "ready_timeout", "stop_timeout"});
  const int kinds = !!node["reference"] + !!node["command"] + !!node["attach"];
  if (kinds > 1) r.fail(node, "'engine' takes one of reference, command or attach");
  if (const auto ref = node["reference"]) {
    ReferenceEngine engine;
    if (!ref.IsNull()) {
      r.only_keys(ref, "reference", {"symbol", "options", "heartbeat_interval", "reset_on_logon"});
      if (ref["reset_on_logon"])
        engine.reset_on_logon = r.boolean(ref["reset_on_logon"], "reset_on_logon");
      if (ref["symbol"]) engine.symbol = r.text(ref["symbol"], "symbol");
      if (const auto h = ref["heartbeat_interval"]) {
        const Nanos interval = r.duration(h, "heartbeat_interval");
        if (interval < kNanosPerSecond || interval % kNanosPerSecond != 0)
          r.fail(h, "'heartbeat_interval' must be whole seconds, at least 1s (HeartBtInt)");
        engine.heartbeat_interval_s = static_cast<int>(interval / kNanosPerSecond);
      }
      if (const auto o = ref["options"]) {
        if (!o.IsSequence()) r.fail(o, "'options' must be a list of engine command-line words");
        for (const auto& w : o)
          engine.options.push_back(r.text(w, "options"));
      }
    }
    e.kind = engine;
  }
  if (const auto c = node["command"]) {
    const std::string command = r.text(c, "command");
    for (std::size_t at = 0; (at = command.find('{', at)) != std::string::npos; ++at) {
      const std::size_t end = command.find('}', at);
      if (end == std::string::npos) break;
      const std::string name = command.substr(at + 1, end - at - 1);
      if (std::find(std::begin(kEnginePlaceholders), std::end(kEnginePlaceholders), name) ==
          std::end(kEnginePlaceholders)) {
        r.fail(c, "'command': unknown placeholder {" + name + "} (docs/SCENARIOS.md lists them)");
      }
    }
    e.kind = CommandEngine{command};
  }
  if (node["attach"]) {
    r.flag_true(node["attach"], "attach");
    e.kind = AttachedEngine{};
  }
  if (node["session"]) e.session = r.text(node["session"], "session");
  if (node["ready"]) r.one_of(node["ready"], "ready", {"logon"});
  if (node["ready_timeout"]) e.ready_timeout = r.duration(node["ready_timeout"], "ready_timeout");
  if (node["stop_timeout"]) e.stop_timeout = r.duration(node["stop_timeout"], "stop_timeout");
  return e;
}

OrderStep read_order(const Reader& r, const YAML::Node& n, const std::string& key, bool burst) {
  std::vector<std::string> keys = {"session",  "id",    "side", "symbol",
                                   "quantity", "price", "type", "tif"};
  if (burst) keys.insert(keys.end(), {"rate", "duration"});
  r.only_keys(n, key, keys);
  OrderStep o;
  for (const char* k : {"session", "side", "symbol", "quantity"})
    if (!n[k]) r.fail(n, "'" + key + "' needs '" + k + "'");
  if (!burst && !n["id"]) r.fail(n, "'" + key + "' needs 'id' (what later cancels name it by)");
  o.session = r.text(n["session"], "session");
  if (n["id"]) o.id = r.text(n["id"], "id");
  o.side = burst ? r.one_of(n["side"], "side", {"buy", "sell", "mixed"})
                 : r.one_of(n["side"], "side", {"buy", "sell"});
  o.symbol = r.text(n["symbol"], "symbol");
  o.quantity = r.integer(n["quantity"], "quantity");
  if (o.quantity <= 0) r.fail(n["quantity"], "'quantity' must be above 0");
  if (n["type"]) o.type = r.one_of(n["type"], "type", {"limit", "market"});
  if (n["tif"]) o.tif = r.one_of(n["tif"], "tif", {"day", "ioc", "gtc"});
  if (n["price"]) o.price = r.price(n["price"], "price");
  if (o.type == "limit" && o.price.empty()) r.fail(n, "a limit '" + key + "' needs 'price'");
  if (o.type == "market" && !o.price.empty()) r.fail(n["price"], "a market order has no price");
  return o;
}

// The control command of a step written with a venue key.
std::optional<std::string> control_step(const Reader& r, const std::string& key,
                                        const YAML::Node& v) {
  if (key == "halt" || key == "resume") return key + " " + r.text(v, key);
  if (key == "phase") {
    r.only_keys(v, "phase", {"to", "symbol"});
    if (!v["to"]) r.fail(v, "'phase' needs 'to'");
    const std::string to =
        r.one_of(v["to"], "to", {"PreOpen", "Continuous", "Halted", "PreClose", "Closed"});
    return "phase " + to + (v["symbol"] ? " " + r.text(v["symbol"], "symbol") : "");
  }
  if (key == "feed") {
    r.only_keys(v, "feed", {"action", "feeds", "count", "probability", "seq", "delay", "seed"});
    if (!v["action"]) r.fail(v, "'feed' needs 'action'");
    const std::string action =
        r.one_of(v["action"], "action", {"drop", "duplicate", "reorder", "delay"});
    const std::string feeds =
        v["feeds"] ? r.one_of(v["feeds"], "feeds", {"A", "B", "both"}) : "both";
    std::string c = "feed " + action + " " + feeds;
    if (v["count"]) c += " count " + std::to_string(r.integer(v["count"], "count"));
    if (v["probability"]) {
      const double p = r.number(v["probability"], "probability");
      if (p <= 0 || p > 1) r.fail(v["probability"], "'probability' must be in (0, 1]");
      c += " probability " + r.text(v["probability"], "probability");
    }
    if (const auto s = v["seq"]) {
      if (!s.IsSequence() || s.size() != 2) r.fail(s, "'seq' must be [first, last]");
      c += " seq " + std::to_string(r.integer(s[0], "seq")) + " " +
           std::to_string(r.integer(s[1], "seq"));
    }
    if (v["delay"]) c += " delay-us " + std::to_string(r.duration(v["delay"], "delay") / 1000);
    if (action == "delay" && !v["delay"]) r.fail(v, "'feed' with action delay needs 'delay'");
    if (!v["count"] && !v["probability"] && !v["seq"])
      r.fail(v, "'feed' needs count, probability or seq: which packets");
    if (v["seed"]) c += " seed " + std::to_string(r.integer(v["seed"], "seed"));
    return c;
  }
  if (key == "feed_gap") return "feed gap " + std::to_string(r.integer(v, key));
  if (key == "feed_forget") return r.flag_true(v, key), std::string("feed forget");
  if (key == "feed_clear") return r.flag_true(v, key), std::string("feed clear");
  if (key == "retransmit" || key == "snapshot") return key + " " + r.one_of(v, key, {"up", "down"});
  if (key == "reject_next") {
    r.only_keys(v, key, {"count", "reason"});
    if (!v["count"]) r.fail(v, "'reject_next' needs 'count'");
    return "reject next " + std::to_string(r.integer(v["count"], "count")) +
           (v["reason"] ? " " + r.text(v["reason"], "reason") : "");
  }
  if (key == "fair_value") {
    r.only_keys(v, key, {"symbol", "price"});
    if (!v["symbol"] || !v["price"]) r.fail(v, "'fair_value' needs 'symbol' and 'price'");
    return "fair-value " + r.text(v["symbol"], "symbol") + " " + r.price(v["price"], "price");
  }
  if (key == "trade") {
    r.only_keys(v, key, {"symbol", "price", "quantity"});
    if (!v["symbol"] || !v["price"] || !v["quantity"])
      r.fail(v, "'trade' needs 'symbol', 'price' and 'quantity'");
    return "trade " + r.text(v["symbol"], "symbol") + " " + r.price(v["price"], "price") + " " +
           std::to_string(r.integer(v["quantity"], "quantity"));
  }
  if (key == "disconnect") return "disconnect " + r.text(v, key);
  if (key == "logout") {
    if (v.IsScalar()) return "logout " + r.text(v, key);
    r.only_keys(v, key, {"session", "text"});
    if (!v["session"]) r.fail(v, "'logout' needs 'session'");
    return "logout " + r.text(v["session"], "session") +
           (v["text"] ? " " + r.text(v["text"], "text") : "");
  }
  if (key == "test_request") {
    r.only_keys(v, key, {"session", "id"});
    if (!v["session"]) r.fail(v, "'test_request' needs 'session'");
    return "send " + r.text(v["session"], "session") + " test-request" +
           (v["id"] ? " " + r.text(v["id"], "id") : "");
  }
  if (key == "resend_request") {
    r.only_keys(v, key, {"session", "from", "to"});
    if (!v["session"] || !v["from"]) r.fail(v, "'resend_request' needs 'session' and 'from'");
    return "send " + r.text(v["session"], "session") + " resend-request " +
           std::to_string(r.integer(v["from"], "from")) + " " +
           std::to_string(v["to"] ? r.integer(v["to"], "to") : 0);
  }
  if (key == "sequence_reset") {
    r.only_keys(v, key, {"session", "new_seq", "gap_fill"});
    if (!v["session"] || !v["new_seq"]) r.fail(v, "'sequence_reset' needs 'session' and 'new_seq'");
    const bool gap_fill = v["gap_fill"] && r.boolean(v["gap_fill"], "gap_fill");
    return "send " + r.text(v["session"], "session") + " sequence-reset " +
           std::to_string(r.integer(v["new_seq"], "new_seq")) + (gap_fill ? " gap-fill" : "");
  }
  if (key == "raw") {
    r.only_keys(v, key, {"session", "text"});
    if (!v["session"] || !v["text"]) r.fail(v, "'raw' needs 'session' and 'text'");
    return "send " + r.text(v["session"], "session") + " raw " + r.text(v["text"], "text");
  }
  if (key == "throttle") {
    r.only_keys(v, key, {"session", "per_second", "queue"});
    if (!v["session"] || !v["per_second"])
      r.fail(v, "'throttle' needs 'session' and 'per_second' (0: no limit)");
    const std::int64_t rate = r.integer(v["per_second"], "per_second");
    if (rate < 0 || rate > 1'000'000) r.fail(v["per_second"], "'per_second' must be 0 to 1000000");
    const bool queue = v["queue"] && r.boolean(v["queue"], "queue");
    return "session " + r.text(v["session"], "session") + " throttle " +
           (rate == 0 ? std::string("off") : std::to_string(rate)) + (queue ? " queue" : "");
  }
  if (key == "cancel_on_disconnect" || key == "heartbeats") {
    r.only_keys(v, key, {"session", "enabled"});
    if (!v["session"] || !v["enabled"]) r.fail(v, "'" + key + "' needs 'session' and 'enabled'");
    const char* verb = key == "heartbeats" ? " heartbeats " : " cancel-on-disconnect ";
    return "session " + r.text(v["session"], "session") + verb +
           (r.boolean(v["enabled"], "enabled") ? "on" : "off");
  }
  if (key == "delay_acks") {
    r.only_keys(v, key, {"session", "delay", "jitter", "seed"});
    if (!v["session"] || !v["delay"])
      r.fail(v, "'delay_acks' needs 'session' and 'delay' (0: off)");
    const Nanos delay = r.duration(v["delay"], "delay");
    const Nanos jitter = v["jitter"] ? r.duration(v["jitter"], "jitter") : 0;
    if (delay != 0 && delay < 1000) r.fail(v["delay"], "'delay' must be at least 1us (or 0: off)");
    if (delay > 10 * kNanosPerSecond) r.fail(v["delay"], "'delay' must be at most 10s");
    if (jitter > delay) r.fail(v["jitter"], "'jitter' must not exceed 'delay'");
    std::string c = "session " + r.text(v["session"], "session") + " delay-acks ";
    if (delay == 0) return c + "off";
    c += std::to_string(delay / 1000);
    if (jitter > 0) c += " jitter " + std::to_string(jitter / 1000);
    if (v["seed"]) c += " seed " + std::to_string(r.integer(v["seed"], "seed"));
    return c;
  }
  if (key == "fill_in_parts") {
    r.only_keys(v, key, {"symbol", "max_quantity"});
    if (!v["max_quantity"]) r.fail(v, "'fill_in_parts' needs 'max_quantity' (0: off)");
    const std::int64_t q = r.integer(v["max_quantity"], "max_quantity");
    if (q < 0) r.fail(v["max_quantity"], "'max_quantity' must be 0 (off) or above");
    return "fill-parts " + (v["symbol"] ? r.text(v["symbol"], "symbol") : std::string("all")) +
           " " + (q == 0 ? std::string("off") : std::to_string(q));
  }
  if (key == "control") return r.text(v, key);
  return std::nullopt;
}

const std::vector<std::string> kStepKeys = {
    "halt",           "resume",         "phase",         "feed",         "feed_gap",
    "feed_forget",    "feed_clear",     "retransmit",    "snapshot",     "reject_next",
    "fair_value",     "trade",          "disconnect",    "logout",       "control",
    "order",          "cancel",         "replace",       "burst",        "test_request",
    "resend_request", "sequence_reset", "raw",           "throttle",     "cancel_on_disconnect",
    "delay_acks",     "heartbeats",     "fill_in_parts", "restart_venue"};

std::vector<Step> read_timeline(const Reader& r, const YAML::Node& node) {
  std::vector<Step> steps;
  if (!node) return steps;
  if (!node.IsSequence()) r.fail(node, "'timeline' must be a list of steps");
  std::map<std::string, Nanos> named;
  std::vector<std::string> allowed = {"at", "after", "delay", "name"};
  allowed.insert(allowed.end(), kStepKeys.begin(), kStepKeys.end());
  for (const auto& n : node) {
    r.only_keys(n, "timeline step", allowed);
    Step s;
    s.where = r.where(n);
    s.name = n["name"] ? r.text(n["name"], "name") : "step " + std::to_string(steps.size() + 1);
    if (!!n["at"] == !!n["after"]) r.fail(n, "a step needs either 'at' or 'after'");
    if (n["at"]) {
      s.at = r.duration(n["at"], "at");
    } else {
      const std::string after = r.text(n["after"], "after");
      if (after == "engine_logon") {
        s.at = 0;
      } else if (const auto it = named.find(after); it != named.end()) {
        s.at = it->second;
      } else {
        r.fail(n["after"],
               "'after: " + after + "' names no earlier step (use engine_logon or a step's name)");
      }
    }
    if (n["delay"]) s.at += r.duration(n["delay"], "delay");
    int actions = 0;
    for (const auto& key : kStepKeys) {
      const YAML::Node v = n[key];
      if (!v) continue;
      ++actions;
      if (const auto command = control_step(r, key, v)) {
        ControlStep c{*command, std::nullopt};
        // Seeded faults with no seed of their own follow the run's.
        const bool seeded = key == "feed" || (key == "delay_acks" && v["jitter"]);
        if (seeded && !v["seed"]) c.seed_offset = steps.size();
        s.action = c;
      } else if (key == "order") {
        s.action = read_order(r, v, key, false);
      } else if (key == "burst") {
        BurstStep b;
        b.order = read_order(r, v, key, true);
        if (!v["rate"] || !v["duration"]) r.fail(v, "'burst' needs 'rate' and 'duration'");
        b.rate = r.number(v["rate"], "rate");
        if (b.rate <= 0) r.fail(v["rate"], "'rate' must be above 0");
        b.duration = r.duration(v["duration"], "duration");
        s.action = b;
      } else if (key == "restart_venue") {
        RestartVenueStep restart;
        if (v.IsMap()) {
          r.only_keys(v, key, {"down"});
          if (v["down"]) restart.down = r.duration(v["down"], "down");
        } else if (!r.boolean(v, key)) {
          r.fail(v, "'restart_venue: false' does nothing: leave the step out");
        }
        s.action = restart;
      } else if (key == "cancel") {
        r.only_keys(v, key, {"session", "id"});
        if (!v["session"] || !v["id"]) r.fail(v, "'cancel' needs 'session' and 'id'");
        s.action = CancelStep{r.text(v["session"], "session"), r.text(v["id"], "id")};
      } else if (key == "replace") {
        r.only_keys(v, key, {"session", "id", "price", "quantity"});
        for (const char* k : {"session", "id", "price", "quantity"})
          if (!v[k]) r.fail(v, std::string("'replace' needs '") + k + "'");
        s.action = ReplaceStep{r.text(v["session"], "session"), r.text(v["id"], "id"),
                               r.price(v["price"], "price"), r.integer(v["quantity"], "quantity")};
      }
    }
    if (actions != 1) {
      r.fail(n, "a step does one thing: " + std::to_string(actions) +
                    " actions given (halt, feed, order, ...: docs/SCENARIOS.md)");
    }
    named[s.name] = s.at;
    steps.push_back(std::move(s));
  }
  std::stable_sort(steps.begin(), steps.end(),
                   [](const Step& a, const Step& b) { return a.at < b.at; });
  return steps;
}

Assertion read_assertion(const Reader& r, const YAML::Node& n) {
  static const std::vector<std::string> kinds = {"orders",
                                                 "messages",
                                                 "fills",
                                                 "no_orders_while_halted",
                                                 "no_orders_during_gap",
                                                 "gap_recovered",
                                                 "position",
                                                 "open_orders",
                                                 "terminal_states",
                                                 "no_session_rejects",
                                                 "logons",
                                                 "sequence_continuous",
                                                 "quickfix_validates",
                                                 "engine",
                                                 "tick_to_trade",
                                                 "ack_latency"};
  r.only_keys(n, "assertion", kinds);
  if (n.size() != 1) r.fail(n, "an assertion is one key: " + std::to_string(n.size()) + " given");
  const std::string key = n.begin()->first.as<std::string>();
  const YAML::Node v = n.begin()->second;
  Assertion a;
  a.where = r.where(n);
  a.key = key;
  if (key == "messages") {
    r.only_keys(v, key,
                {"type", "sender", "contains", "from", "to", "equals", "at_least", "at_most"});
    if (!v["type"]) r.fail(v, "'messages' needs 'type' (a MsgType, e.g. \"0\" for Heartbeat)");
    MessagesAssertion m;
    if (v["sender"]) m.from_venue = r.one_of(v["sender"], "sender", {"engine", "venue"}) == "venue";
    m.type = r.text(v["type"], "type");
    if (v["contains"]) m.contains = r.text(v["contains"], "contains");
    if (v["from"]) m.filter.from = r.duration(v["from"], "from");
    if (v["to"]) m.filter.to = r.duration(v["to"], "to");
    m.count = required_bound(r, v, key);
    a.kind = m;
  } else if (key == "orders" || key == "fills") {
    std::vector<std::string> keys = {"equals", "at_least", "at_most", "side",
                                     "symbol", "type",     "from",    "to"};
    if (key == "orders") keys.push_back("message");
    r.only_keys(v, key, keys);
    const OrderFilter f = read_filter(r, v);
    const CountBound b = required_bound(r, v, key);
    if (key == "orders")
      a.kind = OrdersAssertion{f, b};
    else
      a.kind = FillsAssertion{f, b};
  } else if (key == "no_orders_while_halted" || key == "no_orders_during_gap") {
    Nanos grace = 1'000'000;
    if (v.IsScalar()) {
      r.flag_true(v, key);
    } else {
      r.only_keys(v, key, {"grace"});
      if (v["grace"]) grace = r.duration(v["grace"], "grace");
    }
    if (key == "no_orders_while_halted")
      a.kind = NoOrdersWhileHalted{grace};
    else
      a.kind = NoOrdersDuringGap{grace};
  } else if (key == "gap_recovered") {
    r.only_keys(v, key, {"within"});
    if (!v["within"]) r.fail(v, "'gap_recovered' needs 'within'");
    a.kind = GapRecovered{r.duration(v["within"], "within")};
  } else if (key == "position") {
    r.only_keys(v, key, {"symbol", "equals", "at_least", "at_most", "at"});
    if (!v["symbol"]) r.fail(v, "'position' needs 'symbol'");
    PositionAssertion p{r.text(v["symbol"], "symbol"), required_bound(r, v, key), std::nullopt};
    if (v["at"]) p.at = r.duration(v["at"], "at");
    a.kind = p;
  } else if (key == "open_orders") {
    r.only_keys(v, key, {"equals", "at_least", "at_most", "at"});
    OpenOrdersAssertion o{required_bound(r, v, key), std::nullopt};
    if (v["at"]) o.at = r.duration(v["at"], "at");
    a.kind = o;
  } else if (key == "logons") {
    r.only_keys(v, key, {"equals", "at_least", "at_most"});
    a.kind = LogonsAssertion{required_bound(r, v, key)};
  } else if (key == "terminal_states") {
    r.flag_true(v, key);
    a.kind = TerminalStates{};
  } else if (key == "no_session_rejects") {
    r.flag_true(v, key);
    a.kind = NoSessionRejects{};
  } else if (key == "sequence_continuous") {
    r.flag_true(v, key);
    a.kind = SequenceContinuous{};
  } else if (key == "quickfix_validates") {
    QuickFixValidates q;
    if (v.IsScalar()) {
      r.flag_true(v, key);
    } else {
      r.only_keys(v, key, {"dictionary"});
      if (v["dictionary"]) q.dictionary = r.file(v["dictionary"], "dictionary");
    }
    a.kind = q;
  } else if (key == "engine") {
    r.only_keys(v, key, {"running", "exit_code", "no_crash"});
    EngineProcess e;
    if (v["running"]) e.running = r.boolean(v["running"], "running");
    if (v["exit_code"]) e.exit_code = static_cast<int>(r.integer(v["exit_code"], "exit_code"));
    if (v["no_crash"]) {
      r.flag_true(v["no_crash"], "no_crash");
      e.no_crash = true;
    }
    if (!e.running && !e.exit_code && !e.no_crash)
      r.fail(v, "'engine' needs running, exit_code or no_crash");
    a.kind = e;
  } else if (key == "tick_to_trade") {
    r.only_keys(v, key, {"percentile", "at_most"});
    TickToTrade t;
    if (v["percentile"]) t.percentile = r.number(v["percentile"], "percentile");
    if (t.percentile != 50 && t.percentile != 90 && t.percentile != 99 && t.percentile != 99.9 &&
        t.percentile != 100)
      r.fail(v["percentile"], "'percentile' must be 50, 90, 99, 99.9 or 100 (the slowest)");
    if (!v["at_most"]) r.fail(v, "'tick_to_trade' needs 'at_most'");
    t.at_most = r.duration(v["at_most"], "at_most");
    a.kind = t;
  } else if (key == "ack_latency") {
    r.only_keys(v, key, {"percentile", "at_most", "at_least", "from", "to"});
    AckLatency l;
    if (v["percentile"]) l.percentile = r.number(v["percentile"], "percentile");
    if (l.percentile < 0 || l.percentile > 100)
      r.fail(v["percentile"], "'percentile' must be 0 (the fastest) to 100 (the slowest)");
    if (v["at_most"]) l.at_most = r.duration(v["at_most"], "at_most");
    if (v["at_least"]) l.at_least = r.duration(v["at_least"], "at_least");
    if (!l.at_most && !l.at_least) r.fail(v, "'ack_latency' needs 'at_most' or 'at_least'");
    if (v["from"]) l.filter.from = r.duration(v["from"], "from");
    if (v["to"]) l.filter.to = r.duration(v["to"], "to");
    a.kind = l;
  }
  return a;
}

}  // namespace

Scenario read_scenario_file(const std::string& path, const std::string& fixtures) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw ScenarioError(path + ": cannot read the file");
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(path + ":" + std::to_string(e.mark.line + 1) + ":" +
                        std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  const Reader r(path, fixtures);
  if (!root.IsMap()) throw ScenarioError(path + ": a scenario file is a mapping of keys");
  try {
    r.only_keys(root, "scenario",
                {"name", "description", "expect", "expect_failure", "seed", "duration", "venue",
                 "engine", "topology", "capture", "timeline", "assertions"});
    Scenario s;
    s.path = path;
    s.suite = fs::path(path).parent_path().filename().string();
    s.name = root["name"] ? r.text(root["name"], "name") : fs::path(path).stem().string();
    if (root["description"]) s.description = r.text(root["description"], "description");
    if (root["expect"])
      s.expect_fail = r.one_of(root["expect"], "expect", {"pass", "fail"}) == "fail";
    if (root["expect_failure"]) {
      if (!s.expect_fail) r.fail(root["expect_failure"], "'expect_failure' needs 'expect: fail'");
      s.expect_failure = r.text(root["expect_failure"], "expect_failure");
    }
    if (root["seed"]) s.seed = static_cast<std::uint64_t>(r.integer(root["seed"], "seed"));
    if (root["duration"]) s.duration = r.duration(root["duration"], "duration");
    if (const auto t = root["topology"]) s.topology = read_topology(r, t);
    if (root["capture"]) s.capture = r.boolean(root["capture"], "capture");
    s.venue = read_venue(r, root["venue"]);
    s.engine = read_engine(r, root["engine"]);
    s.timeline = read_timeline(r, root["timeline"]);
    if (!root["assertions"] || !root["assertions"].IsSequence() || root["assertions"].size() == 0)
      r.fail(root, "a scenario needs 'assertions': a list, at least one");
    for (const auto& a : root["assertions"]) {
      s.assertions.push_back(read_assertion(r, a));
      if (std::holds_alternative<TickToTrade>(s.assertions.back().kind) && !s.capture &&
          !std::holds_alternative<ReferenceEngine>(s.engine.kind)) {
        r.fail(a,
               "'tick_to_trade' needs 'capture: true' (the wire's figure), or the reference "
               "engine (its own)");
      }
    }
    for (const Step& step : s.timeline)
      if (step.at > s.duration)
        throw ScenarioError(step.where.text() + ": " + step.name +
                            " is after the scenario's "
                            "duration");
    return s;
  } catch (const YAML::Exception& e) {
    throw ScenarioError(path + ":" + std::to_string(e.mark.line + 1) + ":" +
                        std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

}  // namespace vtb::scenario
