#include "tools/testbed/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

#include "tools/testbed/markup_escape.hpp"

namespace vtb::tools {

namespace {

using capture::LatencySummary;
using vtb::Nanos;

std::string duration(double ns) {
  char text[32];
  if (ns < 1e3) {
    std::snprintf(text, sizeof text, "%.0f ns", ns);
  } else if (ns < 1e6) {
    std::snprintf(text, sizeof text, "%.3g µs", ns / 1e3);
  } else if (ns < 1e9) {
    std::snprintf(text, sizeof text, "%.3g ms", ns / 1e6);
  } else {
    std::snprintf(text, sizeof text, "%.3g s", ns / 1e9);
  }
  return text;
}

// Plot geometry: a logarithmic time axis over whole decades around the data.
constexpr int kWidth = 640, kHeight = 240, kLeft = 56, kRight = 16, kTop = 12, kBottom = 36;
constexpr int kBinsPerDecade = 10;

struct LogAxis {
  int first_decade, last_decade;  // 10^first .. 10^last ns
  explicit LogAxis(const LatencySummary& s)
      : first_decade(static_cast<int>(std::floor(std::log10(std::max<Nanos>(s.min, 1))))),
        last_decade(std::max(first_decade + 1, static_cast<int>(std::ceil(
                                                   std::log10(std::max<Nanos>(s.max, 1) + 1))))) {}
  double x(double ns) const {
    const double decades = std::log10(std::max(ns, 1.0)) - first_decade;
    return kLeft + decades / (last_decade - first_decade) * (kWidth - kLeft - kRight);
  }
  void draw(std::ostream& out) const {
    const int bottom = kHeight - kBottom;
    out << "<line x1='" << kLeft << "' y1='" << bottom << "' x2='" << kWidth - kRight << "' y2='"
        << bottom << "' class='axis'/>\n";
    for (int d = first_decade; d <= last_decade; ++d) {
      const double at = x(std::pow(10.0, d));
      out << "<line x1='" << at << "' y1='" << kTop << "' x2='" << at << "' y2='" << bottom
          << "' class='grid'/><text x='" << at << "' y='" << bottom + 16
          << "' text-anchor='middle'>" << duration(std::pow(10.0, d)) << "</text>\n";
    }
  }
};

void marker(std::ostream& out, const LogAxis& axis, Nanos value, const char* label) {
  const double at = axis.x(static_cast<double>(value));
  out << "<line x1='" << at << "' y1='" << kTop << "' x2='" << at << "' y2='" << kHeight - kBottom
      << "' class='marker'/><text x='" << at + 3 << "' y='" << kTop + 10 << "' class='label'>"
      << label << "</text>\n";
}

void histogram(std::ostream& out, const std::vector<Nanos>& latencies, const LatencySummary& s) {
  const LogAxis axis(s);
  std::vector<std::uint64_t> bins(
      static_cast<std::size_t>((axis.last_decade - axis.first_decade) * kBinsPerDecade), 0);
  for (const Nanos v : latencies) {
    const double position =
        (std::log10(std::max<double>(static_cast<double>(v), 1.0)) - axis.first_decade) *
        kBinsPerDecade;
    const auto bin = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(position, 0.0)), 0,
                                             bins.size() - 1);
    ++bins[bin];
  }
  const std::uint64_t tallest = *std::max_element(bins.begin(), bins.end());
  const double plot_height = kHeight - kTop - kBottom;
  out << "<svg class='plot' viewBox='0 0 " << kWidth << " " << kHeight << "' width='" << kWidth
      << "' height='" << kHeight << "' role='img' aria-label='histogram'>\n";
  axis.draw(out);
  for (std::size_t i = 0; i < bins.size(); ++i) {
    if (bins[i] == 0) continue;
    const double from = axis.x(std::pow(10.0, axis.first_decade + double(i) / kBinsPerDecade));
    const double to = axis.x(std::pow(10.0, axis.first_decade + double(i + 1) / kBinsPerDecade));
    const double h = plot_height * static_cast<double>(bins[i]) / static_cast<double>(tallest);
    out << "<rect x='" << from << "' y='" << kHeight - kBottom - h << "' width='"
        << std::max(to - from - 1, 1.0) << "' height='" << h << "' class='bar'><title>" << bins[i]
        << "</title></rect>\n";
  }
  out << "<text x='4' y='" << kTop + 10 << "'>" << tallest << "</text>\n";
  marker(out, axis, s.p50, "p50");
  marker(out, axis, s.p99, "p99");
  out << "</svg>\n";
}

void cdf(std::ostream& out, std::vector<Nanos> latencies, const LatencySummary& s) {
  std::sort(latencies.begin(), latencies.end());
  const LogAxis axis(s);
  const double plot_height = kHeight - kTop - kBottom;
  const auto y = [&](double fraction) { return kHeight - kBottom - fraction * plot_height; };
  out << "<svg class='plot' viewBox='0 0 " << kWidth << " " << kHeight << "' width='" << kWidth
      << "' height='" << kHeight << "' role='img' aria-label='CDF'>\n";
  axis.draw(out);
  for (const double fraction : {0.5, 0.9, 0.99, 1.0}) {
    out << "<line x1='" << kLeft << "' y1='" << y(fraction) << "' x2='" << kWidth - kRight
        << "' y2='" << y(fraction) << "' class='grid'/><text x='" << kLeft - 4 << "' y='"
        << y(fraction) + 4 << "' text-anchor='end'>" << fraction << "</text>\n";
  }
  // A step function, through at most ~2,000 points: every step of a small sample, evenly spaced
  // ranks of a large one, always with the last.
  const std::size_t n = latencies.size();
  const std::size_t stride = std::max<std::size_t>(1, n / 2000);
  out << "<polyline class='cdf' points='";
  double previous = 0;
  for (std::size_t i = 0; i < n; i += stride) {
    const double at = axis.x(static_cast<double>(latencies[i]));
    out << at << "," << y(previous) << " " << at << "," << y(double(i + 1) / n) << " ";
    previous = double(i + 1) / n;
  }
  out << axis.x(static_cast<double>(latencies.back())) << "," << y(1.0) << "'/>\n";
  marker(out, axis, s.p50, "p50");
  marker(out, axis, s.p99, "p99");
  out << "</svg>\n";
}

void figures(std::ostream& out, const LatencySummary& s) {
  out << "<table class='figures'><tr><th>count</th><th>min</th><th>p50</th><th>p90</th>"
         "<th>p99</th><th>p99.9</th><th>max</th></tr><tr><td>"
      << s.count << "</td>";
  for (const Nanos v : {s.min, s.p50, s.p90, s.p99, s.p999, s.max})
    out << "<td title='" << v << " ns'>" << duration(static_cast<double>(v)) << "</td>";
  out << "</tr></table>\n";
}

void section(std::ostream& out, const char* title, const std::string& definition,
             const std::vector<Nanos>& latencies, const LatencySummary& s,
             const std::string& note) {
  out << "<h2>" << title << "</h2>\n<p>" << escape_markup(definition) << "</p>\n";
  if (!note.empty()) out << "<p>" << escape_markup(note) << "</p>\n";
  if (s.count == 0) {
    out << "<p class='none'>Nothing measured.</p>\n";
    return;
  }
  figures(out, s);
  out << "<div class='plots'><figure>";
  histogram(out, latencies, s);
  out << "<figcaption>Histogram (10 bins a decade)</figcaption></figure><figure>";
  cdf(out, latencies, s);
  out << "<figcaption>Cumulative distribution</figcaption></figure></div>\n";
}

}  // namespace

void write_html_report(const ReportHeading& heading, const capture::TickToTradeResult& r,
                       std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>\n<title>Tick-to-trade: "
      << escape_markup(heading.capture)
      << "</title>\n<style>\n"
         "body{font:14px system-ui,sans-serif;margin:2em;color:#222}\n"
         "table{border-collapse:collapse}td,th{padding:3px 10px;text-align:right;"
         "border-bottom:1px solid #ddd}\n"
         ".plots{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}\n"
         "svg text{font-size:11px;fill:#444}.axis{stroke:#444}.grid{stroke:#e4e4e4}\n"
         ".bar{fill:#4a78b5}.cdf{fill:none;stroke:#4a78b5;stroke-width:1.5}\n"
         ".marker{stroke:#c0392b;stroke-dasharray:4 3}.label{fill:#c0392b}\n"
         "</style></head><body>\n<h1>Tick-to-trade on the wire</h1>\n<table class='source'>"
      << "<tr><th>capture</th><td>" << escape_markup(heading.capture) << "</td></tr>"
      << "<tr><th>timestamps</th><td>" << escape_markup(heading.timestamp_source) << "</td></tr>"
      << "<tr><th>frames</th><td>" << r.frames << "</td></tr>"
      << "<tr><th>feed</th><td>" << r.feed_packets << " packets, " << r.feed_messages
      << " messages</td></tr>"
      << "<tr><th>FIX</th><td>" << r.fix_messages << " messages, " << r.garbled_fix
      << " garbled</td></tr>"
      << "<tr><th>orders</th><td>" << r.orders << ": " << r.matched << " matched, " << r.unmatched
      << " unmatched</td></tr></table>\n";
  section(out, "Engine: trigger to order",
          "From the first arrival of the triggering market-data message to the order: " +
              capture::describe_tick_to_trade(r.order_time) + ". Matching: " + r.correlation + ".",
          r.latencies, r.summary, {});
  section(out, "Venue: order to acknowledgement",
          "From an order, cancel or replace to the first ExecutionReport or OrderCancelReject "
          "with its ClOrdID, each timed at " +
              capture::describe_fix_time(r.order_time) + ".",
          r.venue.order_to_ack, r.venue.ack,
          std::to_string(r.venue.requests) + " requests, " + std::to_string(r.venue.unanswered) +
              " unanswered in the capture.");
  section(out, "Venue: order to market data",
          "From a new order (timed at " + capture::describe_fix_time(r.order_time) +
              ") to the first feed message reflecting it: its Add Order, or the execution of its "
              "first fill.",
          r.venue.order_to_market_data, r.venue.market_data,
          std::to_string(r.venue.new_orders) + " new orders, " +
              std::to_string(r.venue.not_on_feed) + " never on the feed.");
  out << "</body></html>\n";
}

}  // namespace vtb::tools
