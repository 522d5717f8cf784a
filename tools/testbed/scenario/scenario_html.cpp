#include "tools/testbed/scenario/scenario_html.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tools/testbed/markup_escape.hpp"

namespace vtb::scenario {

namespace {

std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", v);
  return text;
}

// Scenario time to an x coordinate on a plot `width` pixels wide after a `left` margin.
struct Axis {
  Nanos duration;
  double left = 110, width = 860;
  double x(Nanos t) const {
    const double f = std::clamp(static_cast<double>(t) / static_cast<double>(duration), 0.0, 1.0);
    return left + f * width;
  }
};

void timeline_svg(const RunRecord& run, std::ostream& out) {
  const Scenario& s = *run.scenario;
  const Axis axis{s.duration};
  const auto t = [&](Nanos wall) { return wall - run.t0; };
  const double rows[] = {30, 60, 90, 120, 150};  // steps, halts, feed, orders, fills
  const char* labels[] = {"steps", "halts", "feed", "engine orders", "fills"};
  out << "<svg width=\"1000\" height=\"220\" xmlns=\"http://www.w3.org/2000/svg\" "
         "font-family=\"sans-serif\" font-size=\"11\">\n";
  for (int i = 0; i < 5; ++i) {
    out << "<text x=\"4\" y=\"" << rows[i] + 4 << "\">" << labels[i] << "</text>"
        << "<line x1=\"" << axis.left << "\" x2=\"" << axis.left + axis.width << "\" y1=\""
        << rows[i] << "\" y2=\"" << rows[i] << "\" stroke=\"#ddd\"/>\n";
  }
  for (const HaltStretch& h : halt_stretches(run)) {
    const double x0 = axis.x(t(h.from)), x1 = axis.x(h.to == kForever ? s.duration : t(h.to));
    out << "<rect x=\"" << x0 << "\" y=\"" << rows[1] - 8 << "\" width=\"" << std::max(1.0, x1 - x0)
        << "\" height=\"16\" fill=\"#f4b400\" opacity=\"0.6\"><title>"
        << tools::escape_markup(h.symbol) << " halted</title></rect>\n";
  }
  for (const FeedGap& g : feed_gaps(run)) {
    const double x0 = axis.x(t(g.opened)),
                 x1 = axis.x(g.healed == kForever ? s.duration : t(g.healed));
    out << "<rect x=\"" << x0 << "\" y=\"" << rows[2] - 8 << "\" width=\"" << std::max(1.0, x1 - x0)
        << "\" height=\"16\" fill=\"#db4437\" opacity=\"0.5\"><title>gap " << g.first << "-"
        << g.last << (g.healed_by.empty() ? ", never recovered" : ", healed by " + g.healed_by)
        << "</title></rect>\n";
  }
  for (const VenueEvent& e : run.events) {
    if (e.name != "fault") continue;
    const double x = axis.x(t(e.wall));
    const double y = rows[2] + (e.field("feed") == "A" ? -6 : 6);
    out << "<circle cx=\"" << x << "\" cy=\"" << y << "\" r=\"2\" fill=\"#a00\"><title>"
        << tools::escape_markup(e.line.substr(e.line.find(' ') + 1)) << "</title></circle>\n";
  }
  for (const Step& step : s.timeline) {
    const double x = axis.x(step.at);
    out << "<line x1=\"" << x << "\" x2=\"" << x << "\" y1=\"20\" y2=\"160\" stroke=\"#4285f4\" "
        << "stroke-dasharray=\"2,2\"/><text x=\"" << x + 2 << "\" y=\"" << rows[0] - 8
        << "\" fill=\"#4285f4\"><title>" << tools::escape_markup(step.describe()) << "</title>"
        << tools::escape_markup(step.name) << "</text>\n";
  }
  for (const FixRecord& m : run.messages) {
    const std::string type = m.type();
    const double x = axis.x(t(m.wall));
    if (m.from_engine && (type == "D" || type == "G" || type == "F")) {
      const bool buy = m.tag(54) == "1";
      out << "<line x1=\"" << x << "\" x2=\"" << x << "\" y1=\"" << rows[3] - (buy ? 8 : 0)
          << "\" y2=\"" << rows[3] + (buy ? 0 : 8) << "\" stroke=\""
          << (buy ? "#0f9d58" : "#db4437") << "\"/>\n";
    } else if (!m.from_engine && type == "8" && !m.tag(32).empty() && m.tag(32) != "0") {
      out << "<circle cx=\"" << x << "\" cy=\"" << rows[4] << "\" r=\"2.5\" fill=\"#333\"/>\n";
    }
  }
  for (int i = 0; i <= 10; ++i) {
    const Nanos at = s.duration * i / 10;
    out << "<text x=\"" << axis.x(at) - 10 << "\" y=\"185\">" << number(at / 1e6) << "</text>";
  }
  out << "<text x=\"" << axis.left << "\" y=\"205\">scenario time, ms (0: the engine's Logon); "
      << "orders: buys up (green), sells down (red); feed: fault hits on A above, B below</text>"
      << "</svg>\n";
}

// The reference engine's own tick-to-trade: its percentiles, and its histogram and CDF from the
// summary's buckets.
void tick_to_trade(const RunRecord& run, std::ostream& out) {
  std::ifstream in(run.engine.summary_json);
  if (!in) {
    out << "<p>No tick-to-trade figure: the engine is not the reference engine.</p>\n";
    return;
  }
  const auto summary = nlohmann::json::parse(in, nullptr, false);
  if (summary.is_discarded() || !summary.contains("tick_to_trade_internal_ns")) return;
  const auto& t = summary["tick_to_trade_internal_ns"];
  const std::pair<const char*, double> points[] = {{"min", 0},    {"p50", 0.5},    {"p90", 0.9},
                                                   {"p99", 0.99}, {"p999", 0.999}, {"max", 1}};
  out << "<p>" << tools::escape_markup(t.value("definition", std::string())) << "; "
      << t.value("count", 0) << " orders timed.</p>\n<table><tr>";
  for (const auto& [key, q] : points)
    out << "<th>" << key << "</th>";
  out << "</tr><tr>";
  for (const auto& [key, q] : points)
    out << "<td>" << t.value(key, std::int64_t{0}) << " ns</td>";
  out << "</tr></table>\n";
  const auto& buckets = t.contains("buckets") ? t["buckets"] : nlohmann::json::array();
  if (buckets.empty()) return;
  // The distribution itself from the histogram's buckets, on a log axis: bars of each bucket's
  // share (scaled to the tallest) and the CDF over them.
  std::uint64_t total = 0, tallest = 1;
  for (const auto& b : buckets) {
    total += b[1].get<std::uint64_t>();
    tallest = std::max(tallest, b[1].get<std::uint64_t>());
  }
  const double lo = std::log10(std::max<double>(1, buckets.front()[0].get<double>())) - 0.05;
  const double hi =
      std::max(lo + 1, std::log10(std::max<double>(10, buckets.back()[0].get<double>())));
  const auto x = [&](double ns) {
    return 50 + (std::log10(std::max(1.0, ns)) - lo) / (hi - lo) * 520;
  };
  out << "<svg width=\"600\" height=\"220\" xmlns=\"http://www.w3.org/2000/svg\" "
         "font-family=\"sans-serif\" font-size=\"11\">";
  for (const auto& b : buckets) {
    const double h = static_cast<double>(b[1].get<std::uint64_t>()) / tallest * 170;
    out << "<rect x=\"" << x(b[0].get<double>()) - 1.5 << "\" y=\"" << 190 - h
        << "\" width=\"3\" height=\"" << h << "\" fill=\"#a8c7fa\"/>";
  }
  out << "<polyline fill=\"none\" stroke=\"#4285f4\" stroke-width=\"2\" points=\"";
  std::uint64_t seen = 0;
  for (const auto& b : buckets) {
    seen += b[1].get<std::uint64_t>();
    out << x(b[0].get<double>()) << "," << 190 - static_cast<double>(seen) / total * 170 << " ";
  }
  out << "\"/><line x1=\"50\" y1=\"190\" x2=\"570\" y2=\"190\" stroke=\"#999\"/>"
      << "<line x1=\"50\" y1=\"20\" x2=\"50\" y2=\"190\" stroke=\"#999\"/>";
  for (double e = std::ceil(lo); e <= hi; ++e)
    out << "<text x=\"" << x(std::pow(10, e)) - 10 << "\" y=\"205\">1e" << e << " ns</text>";
  out << "<text x=\"4\" y=\"24\">CDF 1</text><text x=\"4\" y=\"190\">0</text></svg>\n"
      << "<p>Bars: orders per histogram bucket (log-linear, under 1.6% wide), scaled to the "
         "tallest; line: the share at or below.</p>\n";
}

}  // namespace

void write_scenario_html(const RunRecord& run, const ScenarioResult& result, std::ostream& out) {
  const Scenario& s = *run.scenario;
  out << "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>"
      << tools::escape_markup(s.suite) << "/" << tools::escape_markup(s.name)
      << "</title><style>body{font-family:sans-serif;margin:2em}"
      << "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;"
      << "vertical-align:top;text-align:left}.pass{color:#0a0}.fail{color:#c00}</style>"
      << "</head><body>\n<h1>" << tools::escape_markup(s.suite) << "/"
      << tools::escape_markup(s.name) << " <span class=\""
      << (result.passed ? "pass\">passed" : "fail\">failed") << "</span></h1>\n<p>"
      << tools::escape_markup(s.description) << "</p>\n<p>" << tools::escape_markup(s.path)
      << ", seed " << result.seed << ", " << number(s.duration / 1e6) << " ms, "
      << number(result.seconds) << " s to run" << (s.expect_fail ? ", expected to fail" : "")
      << "</p>\n";
  if (!result.run_error.empty())
    out << "<p class=\"fail\">The run did not go through: "
        << tools::escape_markup(result.run_error) << "</p>\n";
  out << "<h2>Timeline</h2>\n";
  timeline_svg(run, out);
  out << "<h2>Assertions</h2>\n<table><tr><th></th><th>assertion</th><th>expected</th>"
      << "<th>actual</th><th>where</th></tr>\n";
  for (const AssertionResult& a : result.assertions) {
    out << "<tr><td class=\"" << (a.passed ? "pass\">&#10003;" : "fail\">&#10007;") << "</td><td>"
        << tools::escape_markup(a.key) << "<br><small>" << tools::escape_markup(a.where.text())
        << "</small></td><td>" << tools::escape_markup(a.expected) << "</td><td>"
        << tools::escape_markup(a.actual) << "</td><td><small>" << tools::escape_markup(a.detail)
        << "</small></td></tr>\n";
  }
  out << "</table>\n";
  if (!run.wire_html.empty()) {
    out << "<h2>The wire</h2>\n<p><a href=\"" << tools::escape_markup(run.wire_html)
        << "\">Tick-to-trade and the venue's order-to-acknowledgement latency from the capture, "
           "histograms and CDFs</a></p>\n";
  }
  out << "<h2>Tick-to-trade (the engine's own)</h2>\n";
  tick_to_trade(run, out);
  out << "<h2>What the runner did</h2>\n<pre>";
  for (const std::string& line : result.log)
    out << tools::escape_markup(line) << "\n";
  out << "</pre>\n</body></html>\n";
}

}  // namespace vtb::scenario
