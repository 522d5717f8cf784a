// testbed: the test bed's tools, one subcommand each.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "common/app/main_support.hpp"
#include "tools/testbed/feed_dump.hpp"
#include "tools/testbed/fix_validate.hpp"

int main(int argc, char** argv) {
  CLI::App app{"testbed: tools for the venue test bed"};
  app.require_subcommand(1);

  vtb::tools::FeedDumpOptions feed;
  auto* feed_cmd = app.add_subcommand("feed", "print a MoldUDP64/ITCH 5.0 multicast feed, decoded");
  feed_cmd->add_option("--group", feed.group, "multicast group:port")->capture_default_str();
  feed_cmd->add_option("--interface", feed.interface, "IPv4 address of the interface to join on")
      ->capture_default_str();
  feed_cmd->add_option("--count", feed.max_messages, "stop after this many messages (0: no limit)");
  feed_cmd->add_option("--timeout", feed.timeout_s, "give up after this many seconds (0: never)");

  vtb::tools::FixValidateOptions validate;
  auto* validate_cmd = app.add_subcommand(
      "fix-validate", "check FIX message logs with QuickFIX against a data dictionary");
  validate_cmd->add_option("--dictionary", validate.dictionary, "QuickFIX-format XML dictionary")
      ->required()
      ->check(CLI::ExistingFile);
  validate_cmd->add_option("logs", validate.logs, "message logs (QuickFIX FileLog format)")
      ->required()
      ->check(CLI::ExistingFile);

  CLI11_PARSE(app, argc, argv);

  return vtb::app::run_reporting_errors("testbed", [&] {
    if (feed_cmd->parsed()) return vtb::tools::run_feed_dump(feed, std::cout);
    if (validate_cmd->parsed()) return vtb::tools::run_fix_validate(validate, std::cout);
    return 0;
  });
}
