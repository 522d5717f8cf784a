// testbed conform plays every folder of the suite it is given, as ci/conformance.sh runs it: here
// a suite of our own in QuickFIX's definition format, with one folder, validate/, holding the case
// QuickFIX's validate folder tests (a session with ValidateFieldsHaveValues=N must echo a
// TestRequest's empty TestReqID in its Heartbeat; with Y it refuses it), played against the
// venue's session layer (venue --profile quickfix-at).

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/app/child_process.hpp"
#include "tests/support/fix_text.hpp"
#include "tests/support/test_run.hpp"

namespace vtb {
namespace {

using namespace std::chrono_literals;
using app::ChildProcess;
using testing::TestRun;
namespace fs = std::filesystem;

// One session's exchange: Logon, TestRequest with an empty TestReqID, the answer, Logout. As in
// QuickFIX's files, an expected SendingTime is a placeholder of the received one's length.
std::string exchange(const std::string& client, const std::string& answer) {
  const std::string logon = "35=A|34=1|49=" + client + "|52=<TIME>|56=ISLD|98=0|108=30|";
  return testing::soh(
      "iCONNECT\n"
      "I8=FIX.4.4|" +
      logon +
      "\n"
      "E8=FIX.4.4|35=A|34=1|49=ISLD|52=00000000-00:00:00.000|56=" +
      client +
      "|98=0|108=30|\n"
      "I8=FIX.4.4|35=1|34=2|49=" +
      client +
      "|52=<TIME>|56=ISLD|112=|\n"
      "E8=FIX.4.4|" +
      answer +
      "\n"
      "I8=FIX.4.4|35=5|34=3|49=" +
      client +
      "|52=<TIME>|56=ISLD|\n"
      "E8=FIX.4.4|35=5|34=3|49=ISLD|52=00000000-00:00:00.000|56=" +
      client +
      "|\n"
      "eDISCONNECT\n");
}

// Plays the suite against the venue, whose NO_CHECK_FIELDS_HAVE_VALUES session validates field
// values or not as `no_check_session_validates` says; returns testbed conform's exit status.
int play(TestRun& run, bool no_check_session_validates, std::string* output) {
  const fs::path suite = run.dir / (no_check_session_validates ? "suite-y" : "suite-n");
  fs::create_directories(suite / "server" / "validate");
  std::ofstream(suite / "fields.fmt") << "10=\\d{3}\n52=\\d{8}-\\d{2}:\\d{2}:\\d{2}\n";
  std::ofstream(suite / "server" / "validate" / "EmptyTestReqId.def")
      << "# with values checked\n"
      << exchange("TW",
                  "35=3|34=2|49=ISLD|52=00000000-00:00:00.000|56=TW|45=2|"
                  "58=Tag specified without a value|371=112|372=1|373=4|")
      << "# with ValidateFieldsHaveValues=N\n"
      << exchange(
             "NO_CHECK_FIELDS_HAVE_VALUES",
             "35=0|34=2|49=ISLD|52=00000000-00:00:00.000|56=NO_CHECK_FIELDS_HAVE_VALUES|112=|");
  const std::string cfg = (suite / "at.cfg").string();
  std::ofstream(cfg) << "[DEFAULT]\nConnectionType=acceptor\nSocketAcceptPort=" << run.fix_port
                     << "\nSenderCompID=ISLD\nResetOnLogon=Y\nBeginString=FIX.4.4\n"
                     << "DataDictionary=" VTB_SOURCE_DIR "/fixtures/venue-fix44.xml\n"
                     << "[SESSION]\nTargetCompID=TW\n"
                     << "[SESSION]\nTargetCompID=NO_CHECK_FIELDS_HAVE_VALUES\n"
                     << "ValidateFieldsHaveValues=" << (no_check_session_validates ? "Y" : "N")
                     << "\n";
  ChildProcess venue({VTB_VENUE, "--profile", "quickfix-at", "--fix-sessions", cfg,
                      "--listen-address", "127.0.0.1", "--duration", "60"},
                     run.path("venue.out"));
  if (!testing::wait_until_listening(run.fix_port, 20s)) {
    *output = venue.output();
    return -1;
  }
  ChildProcess conform({VTB_TESTBED, "conform", "--definitions", (suite / "server").string(),
                        "--port", std::to_string(run.fix_port), "--expect-timeout", "5"},
                       run.path("conform.out"));
  const auto status = conform.wait(60s);
  *output = conform.output() + venue.output();
  return status.value_or(-1);
}

TEST(ConformanceRunner, PlaysAValidateFolderAndTheEmptyTestReqIdCaseAsQuickFixDoes) {
  TestRun run;
  std::string output;
  EXPECT_EQ(play(run, false, &output), 0) << output;
  EXPECT_NE(output.find("PASS validate/EmptyTestReqId"), std::string::npos) << output;
  EXPECT_NE(output.find("1 of 1 definition files passed"), std::string::npos) << output;
  // The same file against a venue that ignores the setting fails: the case says something.
  EXPECT_NE(play(run, true, &output), 0) << output;
  EXPECT_NE(output.find("FAIL validate/EmptyTestReqId"), std::string::npos) << output;
}

}  // namespace
}  // namespace vtb
