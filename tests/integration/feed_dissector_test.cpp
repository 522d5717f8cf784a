// Standard tools read the feed: tshark captures a live venue's feed on loopback, and with
// tools/wireshark/itch50.lua decodes every message field by field exactly as the test's own
// receiver (the project's codec) reads the same packets, with no malformed packet and no
// dissector error.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/app/child_process.hpp"
#include "common/itch/message_info.hpp"
#include "common/moldudp64/packet.hpp"
#include "common/net/multicast.hpp"
#include "tests/support/test_run.hpp"

namespace vtb {
namespace {

using namespace std::chrono_literals;
using app::ChildProcess;
using testing::TestRun;
using Fields = std::map<std::string, std::string>;

std::string tshark_path() {
  for (const char* candidate : {"/usr/bin/tshark", "/usr/local/bin/tshark"}) {
    if (::access(candidate, X_OK) == 0) return candidate;
  }
  return {};
}

// Every datagram on one group, as the kernel delivered it to a plain receiver.
class Recorder {
 public:
  explicit Recorder(const std::string& group)
      : socket_(net::open_multicast_receiver(io_, net::UdpEndpoint::parse_group(group, "feed"),
                                             net::parse_ipv4("127.0.0.1", "interface"), true)),
        thread_([this] {
          char datagram[65536];
          while (!stop_) {
            boost::system::error_code ec;
            const std::size_t n = socket_.receive(boost::asio::buffer(datagram), 0, ec);
            if (ec) {
              std::this_thread::sleep_for(100us);
              continue;
            }
            datagrams_.emplace_back(datagram, n);
          }
        }) {}
  ~Recorder() { stop(); }
  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  const std::vector<std::string>& datagrams() const { return datagrams_; }

 private:
  boost::asio::io_context io_;
  boost::asio::ip::udp::socket socket_;
  std::atomic<bool> stop_{false};
  std::vector<std::string> datagrams_;
  std::thread thread_;
};

// What a correct ITCH 5.0 dissector shows for one message: the project's layouts' reading
// (common/itch/messages.hpp), under the dissector's field names: integers as sent, alphanumerics
// without their padding. The names are the layouts' own, written once; the dissector's table is
// generated from them (itch50_lua_test keeps it so). What this test checks on its own is the rest:
// that Wireshark, running the script on a live capture, reads every value at every offset as the
// codec does.
Fields expected_fields(std::string_view message) {
  Fields f;
  f["itch50.type"] = std::string(1, message[0]);
  const itch::MessageInfo* info = itch::message_info(message[0]);
  if (info == nullptr || message.size() != info->size) {
    ADD_FAILURE() << "the venue published message type " << message[0] << " of " << message.size()
                  << " bytes";
    return f;
  }
  for (const itch::FieldInfo& field : info->fields) {
    f["itch50." + std::string(field.name)] =
        field.kind == itch::FieldKind::alpha ? std::string(itch::field_text(message, field))
                                             : std::to_string(itch::field_number(message, field));
  }
  return f;
}

TEST(FeedDissector, TsharkDecodesEveryMessageOfALiveFeedFieldByField) {
  const std::string tshark = tshark_path();
  if (tshark.empty()) {
    GTEST_SKIP() << "*** tshark is not installed (ci/install-deps.sh installs it): SKIPPED ***";
  }
  TestRun run;
  const std::string port = run.feed_a.substr(run.feed_a.find(':') + 1);
  const std::string capture = run.path("feed.pcap");
  ChildProcess capturing({tshark, "-i", "lo", "-f", "udp dst port " + port, "-F", "pcap", "-w",
                          capture, "-a", "duration:30", "-q"},
                         run.path("tshark-capture.out"));
  // tshark reports on stderr once the capture runs.
  for (int i = 0; i < 100; ++i) {
    std::ifstream out(run.path("tshark-capture.out"));
    const std::string said((std::istreambuf_iterator<char>(out)), {});
    if (said.find("Capturing on") != std::string::npos) break;
    if (said.find("ermission") != std::string::npos || capturing.wait(0ms)) {
      GTEST_SKIP() << "*** tshark cannot capture on lo here: " << said << " SKIPPED ***";
    }
    std::this_thread::sleep_for(100ms);
  }
  std::this_thread::sleep_for(500ms);
  Recorder recorder(run.feed_a);

  // A trading day in four seconds: pre-open (imbalances), opening cross, continuous trading with
  // the background agents, pre-close and the closing cross.
  const std::string schedule = run.path("day.schedule");
  std::ofstream(schedule) << "+0 PreOpen\n+1 Continuous\n+2.5 PreClose\n+3.5 Closed\n";
  ChildProcess venue({VTB_VENUE,
                      "--fix-sessions",
                      VTB_SOURCE_DIR "/fixtures/venue-sessions.cfg",
                      "--instruments",
                      VTB_SOURCE_DIR "/fixtures/instruments.csv",
                      "--fix-port",
                      std::to_string(run.fix_port),
                      "--retransmit-port",
                      "0",
                      "--snapshot-port",
                      "0",
                      "--feed-a",
                      run.feed_a,
                      "--no-feed-b",
                      "--schedule",
                      schedule,
                      "--imbalance-interval-ms",
                      "200",
                      "--duration",
                      "4.5"},
                     run.path("venue.out"));
  ASSERT_EQ(venue.wait(20s), 0) << venue.output();
  std::this_thread::sleep_for(300ms);
  recorder.stop();
  capturing.signal(SIGINT);
  ASSERT_TRUE(capturing.wait(10s)) << capturing.output();

  const std::string pdml = run.path("feed.pdml");
  const std::string decode =
      tshark + " -r " + capture +
      " -X lua_script:" VTB_SOURCE_DIR "/tools/wireshark/itch50.lua -d udp.port==" + port +
      ",moldudp64 -d moldudp64.payload,itch50 -T pdml > " + pdml + " 2> " +
      run.path("tshark-decode.err");
  ASSERT_EQ(std::system(decode.c_str()), 0) << decode;
  pugi::xml_document document;
  ASSERT_TRUE(document.load_file(pdml.c_str())) << pdml;

  // tshark's reading: every message by sequence number.
  std::map<std::uint64_t, Fields> decoded;
  std::size_t packets = 0;
  for (const pugi::xml_node packet : document.child("pdml").children("packet")) {
    ++packets;
    std::uint64_t sequence = 0;
    for (const pugi::xml_node proto : packet.children("proto")) {
      const std::string name = proto.attribute("name").value();
      for (const pugi::xpath_node bad :
           proto.select_nodes(".//field[@name='_ws.malformed' or @name='_ws.lua.error' or "
                              "@name='itch50.malformed' or @name='itch50.unknown_type']")) {
        ADD_FAILURE() << "packet " << packets << ": " << bad.node().attribute("showname").value();
      }
      if (name == "_ws.malformed") ADD_FAILURE() << "packet " << packets << " is malformed";
      if (name != "moldudp64") continue;
      sequence = std::stoull(proto.find_child_by_attribute("field", "name", "moldudp64.sequence")
                                 .attribute("show")
                                 .value());
      // One itch50 subtree per message block, in order.
      for (const pugi::xpath_node message : proto.select_nodes(".//proto[@name='itch50']")) {
        Fields fields;
        for (const pugi::xml_node field : message.node().children("field"))
          fields[field.attribute("name").value()] = field.attribute("show").value();
        decoded[sequence++] = std::move(fields);
      }
    }
  }

  // The receiver's reading of the same traffic, compared message by message.
  std::set<char> types;
  std::size_t messages = 0;
  for (const std::string& datagram : recorder.datagrams()) {
    auto packet = moldudp64::PacketReader::parse(datagram);
    ASSERT_TRUE(packet);
    std::uint64_t sequence = packet->header().sequence;
    for (int i = 0; i < packet->header().count && !packet->is_end_of_session(); ++i, ++sequence) {
      const std::string_view message = packet->next();
      types.insert(message[0]);
      ++messages;
      const auto it = decoded.find(sequence);
      ASSERT_NE(it, decoded.end()) << "tshark did not decode message " << sequence;
      EXPECT_EQ(it->second, expected_fields(message)) << "message " << sequence;
    }
  }
  EXPECT_EQ(decoded.size(), messages);
  EXPECT_GT(messages, 1000u);
  // (Auction executions, C, need crossing interest that the background agents do not bring.)
  for (const char type : {'S', 'R', 'H', 'A', 'D', 'E', 'Q', 'I'})
    EXPECT_TRUE(types.count(type)) << "no message of type " << type << " in the capture";
}

}  // namespace
}  // namespace vtb
