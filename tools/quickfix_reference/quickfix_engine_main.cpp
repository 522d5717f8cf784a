// quickfix_engine: a small engine built on QuickFIX, for the bring-your-own-engine scenarios: it
// logs on, sends an IOC limit order every --interval-ms and reads the ExecutionReports, until
// SIGTERM or SIGINT. It never reads the feed: what it shows is that an engine the test bed did
// not write plugs in through `engine: command:` with no code change.

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>

#include "tools/quickfix_reference/quickfix_client.hpp"

namespace {

std::atomic<bool> g_stop{false};

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%d-%H:%M:%S", &tm);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"quickfix_engine: a QuickFIX initiator that sends an IOC order at an interval"};
  vtb::quickfix_reference::QuickFixClient::Options o;
  std::string symbol = "ACME", side = "buy", price = "99.00";
  int quantity = 100, interval_ms = 50;
  app.add_option("--host", o.host)->capture_default_str();
  app.add_option("--port", o.port)->required();
  app.add_option("--sender", o.sender_comp_id)->required();
  app.add_option("--target", o.target_comp_id)->required();
  app.add_option("--dictionary", o.dictionary, "QuickFIX data dictionary (FIX 4.4)")->required();
  app.add_option("--symbol", symbol)->capture_default_str();
  app.add_option("--side", side)->check(CLI::IsMember({"buy", "sell"}))->capture_default_str();
  app.add_option("--price", price)->capture_default_str();
  app.add_option("--quantity", quantity)->capture_default_str();
  app.add_option("--interval-ms", interval_ms)->check(CLI::Range(1, 60'000))->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  std::signal(SIGINT, [](int) { g_stop = true; });
  std::signal(SIGTERM, [](int) { g_stop = true; });

  vtb::quickfix_reference::QuickFixClient client(o);
  if (!client.wait_logged_on(std::chrono::seconds(10))) {
    std::fprintf(stderr, "quickfix_engine: no Logon from %s:%u\n", o.host.c_str(), o.port);
    return 2;
  }
  std::fprintf(stderr, "quickfix_engine: logged on as %s\n", o.sender_comp_id.c_str());
  int sent = 0, reports = 0;
  auto next = std::chrono::steady_clock::now();
  while (!g_stop && client.logged_on()) {
    if (std::chrono::steady_clock::now() >= next) {
      const std::string id = "QF" + std::to_string(++sent);
      client.send("D", {{11, id},
                        {55, symbol},
                        {54, side == "buy" ? "1" : "2"},
                        {60, utc_now()},
                        {38, std::to_string(quantity)},
                        {40, "2"},
                        {44, price},
                        {59, "3"}});
      next += std::chrono::milliseconds(interval_ms);
    }
    while (!client.receive(std::chrono::milliseconds(1)).empty())
      ++reports;
  }
  client.stop();
  std::fprintf(stderr, "quickfix_engine: %d orders sent, %d reports received\n", sent, reports);
  return 0;
}
