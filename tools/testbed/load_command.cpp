#include "tools/testbed/load_command.hpp"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace vtb::tools {

namespace {

using load::LoadResult;

const char* kFixtureInstruments[] = {"ACME:100.00:0.01:1", "GLOBEX:42.50:0.01:1",
                                     "INITECH:250.00:0.05:10"};

nlohmann::json to_json(const LoadResult& r) {
  const auto pct = [&](double q) { return r.latency.count() ? r.latency.percentile(q) : 0; };
  return {{"target_rate", r.target_rate},
          {"achieved_rate", r.achieved_rate},
          {"seconds", r.seconds},
          {"sent", r.sent},
          {"answered", r.answered},
          {"unanswered", r.unanswered},
          {"unanswered_new", r.unanswered_by_kind[0]},
          {"unanswered_cancel", r.unanswered_by_kind[1]},
          {"unanswered_replace", r.unanswered_by_kind[2]},
          {"rejects", r.rejects},
          {"errors", r.errors},
          {"fills", r.fills},
          {"p50_ns", pct(0.5)},
          {"p90_ns", pct(0.9)},
          {"p99_ns", pct(0.99)},
          {"p999_ns", pct(0.999)},
          {"max_ns", r.latency.count() ? r.latency.max() : 0},
          {"max_behind_ns", r.max_behind_ns}};
}

std::string line(const LoadResult& r) {
  const auto us = [&](double q) {
    return r.latency.count() ? static_cast<double>(r.latency.percentile(q)) / 1e3 : 0.0;
  };
  char text[400];
  std::snprintf(text, sizeof text,
                "rate %.0f/s target, %.0f/s achieved; %llu sent, %llu answered, %llu unanswered, "
                "%llu rejects, %llu errors; order->ack p50 %.1f us, p99 %.1f us, p99.9 %.1f us, "
                "max %.1f us",
                r.target_rate, r.achieved_rate, static_cast<unsigned long long>(r.sent),
                static_cast<unsigned long long>(r.answered),
                static_cast<unsigned long long>(r.unanswered),
                static_cast<unsigned long long>(r.rejects),
                static_cast<unsigned long long>(r.errors), us(0.5), us(0.99), us(0.999),
                r.latency.count() ? static_cast<double>(r.latency.max()) / 1e3 : 0.0);
  return text;
}

// Sustained: as fast as asked, everything answered, nothing lost, the percentile within the bound.
bool sustained(const LoadResult& r, double percentile, double bound_us) {
  return r.unanswered == 0 && r.errors == 0 && r.achieved_rate >= 0.99 * r.target_rate &&
         r.latency.count() > 0 &&
         static_cast<double>(r.latency.percentile(percentile / 100)) <= bound_us * 1e3;
}

}  // namespace

int run_load(const LoadCommandOptions& options, std::ostream& out, std::ostream& progress) {
  if (!options.write_sessions.empty()) {
    load::AcceptorSettingsOptions a = options.acceptor;
    a.sessions = options.load.sessions;
    a.begin_string = options.load.begin_string;
    a.sender_prefix = options.load.sender_prefix;
    a.acceptor_comp_id = options.load.target_comp_id;
    std::ofstream file(options.write_sessions);
    if (!(file << load::acceptor_settings(a)))
      throw std::runtime_error(options.write_sessions + ": cannot write the sessions file");
    out << options.write_sessions << ": " << a.sessions << " load session(s), " << a.begin_string
        << ", " << a.sender_prefix << "0001.. to " << a.acceptor_comp_id << " on port " << a.port
        << "\n";
    return 0;
  }
  load::LoadOptions o = options.load;
  const auto colon = options.target.rfind(':');
  if (colon == std::string::npos || colon == 0)
    throw std::invalid_argument("--target: '" + options.target + "' is not HOST:PORT");
  o.host = options.target.substr(0, colon);
  o.port = static_cast<std::uint16_t>(std::stoi(options.target.substr(colon + 1)));
  if (!options.mix.empty()) o.mix = load::LoadMix::parse(options.mix);
  if (options.instruments.empty()) {
    for (const char* i : kFixtureInstruments)
      o.instruments.push_back(load::LoadInstrument::parse(i));
  } else {
    for (const auto& i : options.instruments)
      o.instruments.push_back(load::LoadInstrument::parse(i));
  }
  load::LoadGenerator generator(o);
  const auto show = [&](const load::LoadProgress& p) {
    char text[200];
    std::snprintf(text, sizeof text, "\rload: %5.1f s  sent %llu  answered %llu  p99 %.1f us   ",
                  p.seconds, static_cast<unsigned long long>(p.sent),
                  static_cast<unsigned long long>(p.answered), static_cast<double>(p.p99_ns) / 1e3);
    progress << text << std::flush;
  };
  nlohmann::json report = {{"target", options.target},
                           {"sessions", o.sessions},
                           {"begin_string", o.begin_string},
                           {"mix", o.mix.describe()}};
  int status = 0;
  if (!options.saturate) {
    const LoadResult r = generator.run(o.rate, o.duration_s, show);
    progress << "\n";
    out << line(r) << "\n";
    report.update(to_json(r));
    if (r.answered == 0 || r.errors > 0) status = 1;
  } else {
    // Double the rate while it is sustained, then halve the gap to the first that was not, to 5%.
    double pass = 0, fail = 0, rate = o.rate;
    nlohmann::json steps = nlohmann::json::array();
    while (rate <= options.max_rate) {
      const LoadResult r = generator.run(rate, options.step_s, show);
      progress << "\n";
      const bool ok = sustained(r, options.saturation_percentile, options.saturation_bound_us);
      out << (ok ? "sustained " : "not sustained ") << line(r) << "\n";
      nlohmann::json step = to_json(r);
      step["sustained"] = ok;
      steps.push_back(step);
      (ok ? pass : fail) = rate;
      if (fail == 0) {
        rate *= 2;
      } else if (pass > 0 && (fail - pass) / pass <= 0.05) {
        break;
      } else {
        rate = pass > 0 ? (pass + fail) / 2 : fail / 2;
        if (rate < 1) break;
      }
    }
    char text[200];
    std::snprintf(text, sizeof text,
                  "saturation: %.0f requests/s sustained (p%g order->ack within %.0f us, every "
                  "request answered)%s\n",
                  pass, options.saturation_percentile, options.saturation_bound_us,
                  fail == 0 ? ", the search's ceiling" : "");
    out << text;
    report["saturation"] = {{"sustained_rate", pass},
                            {"first_failed_rate", fail},
                            {"percentile", options.saturation_percentile},
                            {"bound_ns", options.saturation_bound_us * 1e3},
                            {"steps", steps}};
    if (pass == 0) status = 1;
  }
  generator.stop();
  if (!options.json.empty()) {
    std::ofstream file(options.json);
    file << report.dump(2) << "\n";
    if (!file) throw std::runtime_error(options.json + ": cannot write the report");
  }
  return status;
}

}  // namespace vtb::tools
