#include "tools/testbed/html_report.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace vtb::tools {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

// The picture holds every latency: the histogram's bars add up to the count, the CDF ends at 1.
TEST(HtmlReport, DrawsEveryLatencyInTheHistogramAndTheCdf) {
  capture::TickToTradeResult r;
  for (Nanos v = 1; v <= 5000; ++v)
    r.latencies.push_back(8'000 + v * v % 90'000);  // 8 µs to 98 µs, scattered
  r.latencies.push_back(2'500'000);                 // one outlier
  r.summary = capture::summarize(r.latencies);
  r.matched = r.latencies.size();
  r.correlation = "ClOrdID(11) convention";
  std::ostringstream html;
  write_html_report({"<day1>.pcap", "host (software)"}, r, html);
  const std::string page = html.str();

  EXPECT_NE(page.find("&lt;day1&gt;.pcap"), std::string::npos) << "the file name is escaped";
  EXPECT_NE(page.find("host (software)"), std::string::npos);
  EXPECT_EQ(count(page, "<svg"), 2u) << "histogram and CDF of the tick-to-trade only";
  EXPECT_EQ(count(page, "Nothing measured"), 2u) << "no venue latencies in this result";
  std::uint64_t in_bars = 0;
  const std::string bar = "class='bar'><title>";
  for (auto at = page.find(bar); at != std::string::npos; at = page.find(bar, at + 1))
    in_bars += std::stoull(page.substr(at + bar.size()));
  EXPECT_EQ(in_bars, r.latencies.size());
  // The p99 cell shows the nearest-rank figure, in µs.
  EXPECT_NE(page.find("title='" + std::to_string(r.summary.p99) + " ns'"), std::string::npos);
  // The CDF's last point is at the top of the plot (y = 12, kTop).
  const auto polyline = page.find("class='cdf' points='");
  ASSERT_NE(polyline, std::string::npos);
  const auto end = page.find("'/>", polyline);
  const std::string points = page.substr(polyline, end - polyline);
  EXPECT_EQ(points.substr(points.rfind(',') + 1), "12");
}

}  // namespace
}  // namespace vtb::tools
