// A venue killed with SIGKILL mid-day and started again on its state directory (docs/RECOVERY.md)
// must come back as it was, as seen by stock QuickFIX clients and a feed receiver: their resting
// orders still in the book and still theirs (status, cancel, fills), the FIX sessions going on
// with the same sequence numbers, a client that was away getting the ExecutionReports sent before
// the crash by ResendRequest, and the feed going on from where it was, every message numbered
// before the crash still answered by re-request, byte for byte as it was first sent.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/app/child_process.hpp"
#include "common/fix/tags.hpp"
#include "common/moldudp64/packet.hpp"
#include "common/net/multicast.hpp"
#include "common/wire/big_endian.hpp"
#include "tests/support/test_run.hpp"
#include "tests/support/venue_runs.hpp"
#include "tools/quickfix_reference/quickfix_client.hpp"

namespace vtb {
namespace {

using namespace std::chrono_literals;
using app::ChildProcess;
using quickfix_reference::QuickFixClient;
using testing::TestRun;
namespace tag = fix::tag;
using Fields = QuickFixClient::Fields;

// Every message of feed A as it arrives, by sequence number.
class FeedTap {
 public:
  explicit FeedTap(const std::string& group)
      : socket_(net::open_multicast_receiver(io_, net::UdpEndpoint::parse_group(group, "feed"),
                                             net::parse_ipv4("127.0.0.1", "interface"), true)),
        thread_([this] { run(); }) {}
  ~FeedTap() {
    stop_ = true;
    thread_.join();
  }
  std::map<std::uint64_t, std::string> messages() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return messages_;
  }
  std::uint64_t next() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return messages_.empty() ? 1 : messages_.rbegin()->first + 1;
  }
  // The first sequence number of each packet, in arrival order.
  std::vector<std::uint64_t> packet_starts() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return starts_;
  }

 private:
  void run() {
    char buffer[2048];
    while (!stop_) {
      boost::system::error_code ec;
      const std::size_t n = socket_.receive(boost::asio::buffer(buffer), 0, ec);
      if (ec) {
        std::this_thread::sleep_for(200us);
        continue;
      }
      auto packet = moldudp64::PacketReader::parse({buffer, n});
      if (!packet || packet->is_heartbeat() || packet->is_end_of_session()) continue;
      std::lock_guard<std::mutex> lock(mutex_);
      std::uint64_t sequence = packet->header().sequence;
      starts_.push_back(sequence);
      for (int i = 0; i < packet->header().count; ++i)
        messages_[sequence++] = std::string(packet->next());
    }
  }
  boost::asio::io_context io_;
  boost::asio::ip::udp::socket socket_;
  mutable std::mutex mutex_;
  std::map<std::uint64_t, std::string> messages_;
  std::vector<std::uint64_t> starts_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Everything the venue's re-request server holds from 1 on, by sequence number.
std::map<std::uint64_t, std::string> rerequest_all(std::uint16_t port, std::uint64_t next) {
  boost::asio::io_context io;
  boost::asio::ip::udp::socket socket(io, {boost::asio::ip::make_address_v4("127.0.0.1"), 0});
  std::map<std::uint64_t, std::string> held;
  for (std::uint64_t first = 1; first < next;) {
    char request[moldudp64::kHeaderSize];
    wire::BigEndianWriter(request)
        .bytes(moldudp64::make_session("VTB0000001").data(), 10)
        .u64(first)
        .u16(static_cast<std::uint16_t>(std::min<std::uint64_t>(next - first, 100)));
    socket.send_to(boost::asio::buffer(request),
                   {boost::asio::ip::make_address_v4("127.0.0.1"), port});
    char answer[2048];
    std::size_t n = 0;
    socket.async_receive(boost::asio::buffer(answer),
                         [&](const boost::system::error_code& ec, std::size_t size) {
                           if (!ec) n = size;
                         });
    io.restart();
    io.run_for(2s);
    if (n == 0) break;
    auto packet = moldudp64::PacketReader::parse({answer, n});
    if (!packet || packet->header().sequence != first || packet->header().count == 0) break;
    for (int i = 0; i < packet->header().count; ++i)
      held[first++] = std::string(packet->next());
  }
  return held;
}

std::string field(const Fields& m, int t) {
  const auto it = m.find(t);
  return it == m.end() ? std::string() : it->second;
}

// The next ExecutionReport for `cl_ord_id` with ExecType `exec_type`, skipping others.
Fields expect_report(QuickFixClient& client, const std::string& cl_ord_id, char exec_type) {
  for (int i = 0; i < 20; ++i) {
    const Fields m = client.receive(10s);
    if (m.empty()) break;
    if (field(m, tag::MsgType) == "8" && field(m, tag::ClOrdID) == cl_ord_id &&
        field(m, tag::ExecType) == std::string(1, exec_type))
      return m;
  }
  ADD_FAILURE() << "no ExecutionReport 150=" << exec_type << " for " << cl_ord_id;
  return {};
}

std::vector<std::pair<int, std::string>> order(const std::string& id, char side, int quantity,
                                               const std::string& price, char tif = '0') {
  return {{tag::ClOrdID, id},
          {tag::Symbol, "ACME"},
          {tag::Side, {side}},
          {tag::TransactTime, "20261207-12:00:00.000"},
          {tag::OrderQty, std::to_string(quantity)},
          {tag::OrdType, "2"},
          {tag::Price, price},
          {tag::TimeInForce, {tif}}};
}

TEST(VenueRestart, AKilledVenueComesBackWithItsOrdersSessionsAndFeed) {
  TestRun run;
  const std::string dictionary = VTB_SOURCE_DIR "/fixtures/venue-fix44.xml";
  const std::string sessions = run.path("sessions.cfg");
  std::ofstream(sessions) << "[DEFAULT]\nConnectionType=acceptor\nSenderCompID=VENUE\n"
                             "BeginString=FIX.4.4\nResetOnLogon=N\nStartTime=00:00:00\n"
                             "EndTime=00:00:00\nDataDictionary="
                          << dictionary
                          << "\nAllowUnknownMsgFields=Y\nValidateUserDefinedFields=N\n"
                             "SocketAcceptPort="
                          << run.fix_port
                          << "\n[SESSION]\nTargetCompID=CLIENT1\n[SESSION]\nTargetCompID=CLIENT2\n";
  const std::vector<std::string> venue_argv = testing::venue_command(
      run, {"--no-agents", "--no-metrics", "--state-dir", run.path("state")}, sessions);
  FeedTap tap(run.feed_a);
  auto venue = std::make_unique<ChildProcess>(venue_argv, run.path("venue-1.out"));
  ASSERT_TRUE(testing::wait_until_listening(run.fix_port, 10s)) << venue->output();

  const auto client_options = [&](const std::string& comp_id) {
    QuickFixClient::Options o;
    o.port = run.fix_port;
    o.sender_comp_id = comp_id;
    o.target_comp_id = "VENUE";
    o.dictionary = dictionary;
    o.reset_on_logon = false;
    o.file_store_path = run.path("store-" + comp_id);
    return o;
  };
  QuickFixClient client1(client_options("CLIENT1"));
  ASSERT_TRUE(client1.wait_logged_on(10s));
  {
    // CLIENT2 rests three bids and goes away; CLIENT1 rests two offers, then sells into two of
    // CLIENT2's bids while CLIENT2 is away: its fills wait in the venue's store.
    QuickFixClient client2(client_options("CLIENT2"));
    ASSERT_TRUE(client2.wait_logged_on(10s));
    for (const auto& [id, price] : {std::pair{"b1", "99.50"}, {"b2", "99.40"}, {"b3", "99.30"}}) {
      ASSERT_TRUE(client2.send("D", order(id, '1', 100, price)));
      expect_report(client2, id, '0');
    }
    client2.stop();
  }
  for (const auto& [id, price] : {std::pair{"s1", "100.50"}, {"s2", "100.60"}}) {
    ASSERT_TRUE(client1.send("D", order(id, '2', 100, price)));
    expect_report(client1, id, '0');
  }
  ASSERT_TRUE(client1.send("D", order("x1", '2', 150, "99.40", '3')));  // IOC: b1 whole, b2 half
  expect_report(client1, "x1", 'F');
  const Fields last_fill = expect_report(client1, "x1", 'F');
  EXPECT_EQ(field(last_fill, tag::CumQty), "150");
  std::this_thread::sleep_for(300ms);  // the feed's last packets reach the tap
  const auto before = tap.messages();
  ASSERT_FALSE(before.empty());
  const std::uint64_t next_before = tap.next();

  venue->signal(SIGKILL);
  ASSERT_EQ(venue->wait(5s), 128 + SIGKILL);
  venue = std::make_unique<ChildProcess>(venue_argv, run.path("venue-2.out"));
  ASSERT_TRUE(testing::wait_until_listening(run.fix_port, 10s)) << venue->output();
  ASSERT_TRUE(client1.wait_logged_on(10s)) << venue->output();  // QuickFIX reconnects by itself
  EXPECT_NE(venue->output().find("restarted from the journal"), std::string::npos)
      << venue->output();

  // CLIENT1's offers are still there and still its own.
  ASSERT_TRUE(client1.send("H", {{tag::ClOrdID, "s1"}, {tag::Symbol, "ACME"}, {tag::Side, "2"}}));
  const Fields status = expect_report(client1, "s1", 'I');
  EXPECT_EQ(field(status, tag::OrdStatus), "0");
  EXPECT_EQ(field(status, tag::LeavesQty), "100");
  ASSERT_TRUE(client1.send("F", {{tag::ClOrdID, "s2-cancel"},
                                 {tag::OrigClOrdID, "s2"},
                                 {tag::Symbol, "ACME"},
                                 {tag::Side, "2"},
                                 {tag::TransactTime, "20261207-12:00:01.000"}}));
  expect_report(client1, "s2-cancel", '4');

  // CLIENT2 comes back with its own stored numbers: the venue's Logon says more was sent than it
  // received, QuickFIX asks for it, and the fills from before the crash arrive as resends.
  QuickFixClient client2(client_options("CLIENT2"));
  ASSERT_TRUE(client2.wait_logged_on(10s)) << venue->output();
  const Fields fill1 = expect_report(client2, "b1", 'F');
  EXPECT_EQ(field(fill1, tag::PossDupFlag), "Y");
  EXPECT_EQ(field(fill1, tag::LastQty), "100");
  const Fields fill2 = expect_report(client2, "b2", 'F');
  EXPECT_EQ(field(fill2, tag::PossDupFlag), "Y");
  EXPECT_EQ(field(fill2, tag::LastQty), "50");
  // b2 rests half filled, b3 untouched: a sell trades them in time priority.
  ASSERT_TRUE(client1.send("D", order("x2", '2', 100, "99.30", '3')));
  const Fields with_b2 = expect_report(client2, "b2", 'F');
  EXPECT_EQ(field(with_b2, tag::LastQty), "50");
  EXPECT_EQ(field(with_b2, tag::OrdStatus), "2");
  const Fields with_b3 = expect_report(client2, "b3", 'F');
  EXPECT_EQ(field(with_b3, tag::LastQty), "50");
  EXPECT_TRUE(client1.problems().empty()) << client1.problems().front();
  EXPECT_TRUE(client2.problems().empty()) << client2.problems().front();

  // The feed went on from where it was: the restarted venue's first packet starts right after
  // the last message numbered before the crash, and every message numbered, before and after, is
  // answered by re-request exactly as it went out.
  std::this_thread::sleep_for(300ms);
  const auto after = tap.messages();
  ASSERT_GT(after.size(), before.size());
  const auto starts = tap.packet_starts();
  const auto first_after =
      std::find_if(starts.begin(), starts.end(), [&](std::uint64_t s) { return s >= next_before; });
  ASSERT_NE(first_after, starts.end());
  EXPECT_EQ(*first_after, next_before);
  const auto held = rerequest_all(run.retransmit_port, tap.next());
  EXPECT_EQ(held.size(), tap.next() - 1);
  for (const auto& [sequence, message] : after) {
    const auto it = held.find(sequence);
    ASSERT_NE(it, held.end()) << "message " << sequence << " not held";
    EXPECT_EQ(it->second, message) << "message " << sequence << " differs";
  }
  client1.stop();
  client2.stop();
}

}  // namespace
}  // namespace vtb
