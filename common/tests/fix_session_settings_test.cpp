#include <gtest/gtest.h>

#include "common/fix/session_config.hpp"
#include "common/fix/session_settings.hpp"

namespace vtb::fix {
namespace {

const char* kSettings = R"(# comment
[DEFAULT]
ConnectionType=acceptor
SocketAcceptPort=5001
SenderCompID=VENUE
BeginString=FIX.4.4

[SESSION]
TargetCompID=ENGINE
ResetOnLogon=Y

[session]
targetcompid = CLIENT1
BeginString=FIX.4.2
)";

TEST(SessionSettings, SessionsInheritDefaultsAndOverrideThem) {
  const auto settings = SessionSettings::parse(kSettings, "venue.cfg");
  ASSERT_EQ(settings.sessions.size(), 2u);
  const auto first = SessionConfig::from(settings.sessions[0]);
  EXPECT_FALSE(first.initiator);
  EXPECT_EQ(first.begin_string, "FIX.4.4");
  EXPECT_EQ(first.sender_comp_id, "VENUE");
  EXPECT_EQ(first.target_comp_id, "ENGINE");
  EXPECT_EQ(first.accept_port, 5001);
  EXPECT_TRUE(first.reset_on_logon);
  const auto second = SessionConfig::from(settings.sessions[1]);
  EXPECT_EQ(second.begin_string, "FIX.4.2");  // keys are case-insensitive, values trimmed
  EXPECT_EQ(second.target_comp_id, "CLIENT1");
  EXPECT_FALSE(second.reset_on_logon);  // QuickFIX's default
}

void expect_error(const std::string& text, const std::string& fragment) {
  try {
    const auto settings = SessionSettings::parse(text, "x.cfg");
    for (const auto& s : settings.sessions)
      SessionConfig::from(s);
    ADD_FAILURE() << "no error for: " << text;
  } catch (const SettingsError& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(SessionSettings, ErrorsNameFileLineAndKey) {
  expect_error("[SESSION]\nnot a setting\n", "x.cfg:2: expected Key=Value");
  expect_error("Key=Value\n", "x.cfg:1: setting before any");
  expect_error("[SESION]\n", "x.cfg:1: unknown section [SESION]");
  expect_error("[DEFAULT]\nA=1\n", "x.cfg: no [SESSION] section");
  expect_error("[SESSION]\nConnectionType=acceptor\nBeginString=FIX.4.4\nSenderCompID=A\n",
               "x.cfg:1: session is missing required setting TargetCompID");
  expect_error(
      "[SESSION]\nConnectionType=acceptor\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\n"
      "SocketAcceptPort=99999\n",
      "x.cfg:6: SocketAcceptPort must be a TCP port");
  expect_error(
      "[SESSION]\nConnectionType=acceptor\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\n"
      "SocketAcceptPort=1\nResetOnLogon=yes\n",
      "x.cfg:7: ResetOnLogon=yes must be Y or N");
  expect_error("[SESSION]\nConnectionType=both\n", "x.cfg:2: ConnectionType=both");
  const std::string session =
      "[SESSION]\nConnectionType=acceptor\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\n"
      "SocketAcceptPort=1\n";
  expect_error(session + "StartTime=8:00\nEndTime=17:00:00\n",
               "x.cfg:7: StartTime must be HH:MM:SS (UTC), not '8:00'");
  expect_error(session + "StartTime=08:00:00\n", "x.cfg:1: EndTime is required with StartTime");
  expect_error(session + "StartTime=08:00:00\nEndTime=17:00:00\nStartDay=Mon\n",
               "StartDay and EndDay go together");
  expect_error(session + "MaxMessageSize=10\n", "x.cfg:7: MaxMessageSize must be between 64");
  expect_error(session + "MaxMessagesPerSecond=-1\n", "x.cfg:7: MaxMessagesPerSecond must be 0");
  expect_error(session + "SelfMatchPrevention=Shrink\n",
               "x.cfg:7: SelfMatchPrevention=Shrink must be None, CancelResting");
}

}  // namespace
}  // namespace vtb::fix
