// A live capture on loopback: the frames sent during it are in the file, and the timestamp
// source (loopback has no hardware timestamps) is reported and recorded beside the file.
// Capturing needs CAP_NET_RAW: without it the test says so and skips.

#include "tools/capture/live_capture.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "tools/capture/packet_decode.hpp"
#include "tools/capture/pcap_file.hpp"

namespace vtb::capture {
namespace {

TEST(LiveCapture, RecordsLoopbackTrafficWithHostTimestampsAndSaysSo) {
  boost::asio::io_context io;
  boost::asio::ip::udp::socket receiver(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const std::uint16_t port = receiver.local_endpoint().port();
  const std::string out = (std::filesystem::temp_directory_path() /
                           ("vtb-live-" + std::to_string(::getpid()) + ".pcap"))
                              .string();
  // Duration 0: the capture runs until `stop`, which comes once the observer has seen every
  // datagram (or after 10 s), so a loaded machine cannot make the capture end before they arrive.
  LiveCaptureOptions options{"lo", out, 0, "udp dst port " + std::to_string(port), 65535};
  std::atomic<bool> stop{false};
  std::atomic<bool> started{false};
  std::atomic<bool> finished{false};
  std::atomic<int> observed{0};
  std::ostringstream log;
  LiveCaptureResult result;
  std::string failure;
  std::thread capturing([&] {
    try {
      result = capture_live(
          options, stop, log, [&](int, const Frame&) { ++observed; },
          [&](const std::string&) { started = true; });
    } catch (const std::exception& e) {
      failure = e.what();
    }
    started = true;
    finished = true;
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!started && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  boost::asio::ip::udp::socket sender(io, boost::asio::ip::udp::v4());
  for (int i = 0; i < 20; ++i) {
    const std::string payload = "datagram " + std::to_string(i);
    sender.send_to(boost::asio::buffer(payload),
                   {boost::asio::ip::make_address("127.0.0.1"), port});
  }
  while (!finished && observed < 20 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  stop = true;
  capturing.join();
  if (failure.find("ermission") != std::string::npos ||
      failure.find("not permitted") != std::string::npos) {
    GTEST_SKIP() << "*** capturing needs CAP_NET_RAW here: " << failure << " SKIPPED ***";
  }
  ASSERT_TRUE(failure.empty()) << failure;
  EXPECT_EQ(result.frames, 20u);
  EXPECT_NE(result.timestamp_source.find("software"), std::string::npos) << result.timestamp_source;
  EXPECT_NE(log.str().find("offers no hardware timestamps"), std::string::npos) << log.str();
  EXPECT_EQ(recorded_timestamp_source(out), result.timestamp_source);

  PcapReader reader(out);
  int frames = 0;
  Nanos previous = 0;
  while (const auto frame = reader.next()) {
    const Packet packet = decode_packet(reader.link_type(), frame->bytes);
    EXPECT_EQ(packet.payload, "datagram " + std::to_string(frames));
    EXPECT_GE(frame->timestamp, previous);
    previous = frame->timestamp;
    ++frames;
  }
  EXPECT_EQ(frames, 20);
  std::filesystem::remove(out);
  std::filesystem::remove(out + ".meta.json");
}

}  // namespace
}  // namespace vtb::capture
