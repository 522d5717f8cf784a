#include "simulator/feed_publisher/feed_history.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "common/wire/big_endian.hpp"

namespace vtb::sim {

namespace {

constexpr char kMagic[8] = {'V', 'T', 'B', 'F', 'E', 'E', 'D', '1'};

std::runtime_error file_error(const std::string& path, const std::string& what) {
  return std::runtime_error(path + ": " + what);
}

}  // namespace

FeedHistory::FeedHistory(std::size_t capacity, std::string_view session, std::size_t max_payload,
                         const std::string& path)
    : mask_(std::bit_ceil(std::max<std::size_t>(capacity, 1)) - 1),
      session_(moldudp64::make_session(session)),
      packet_(max_payload),
      builder_(packet_.data(), packet_.size(), session_) {
  const std::size_t slots = mask_ + 1;
  const std::size_t size = sizeof(Header) + slots * kSlot;
  Header fresh{};
  std::memcpy(fresh.magic, kMagic, sizeof kMagic);
  fresh.capacity = slots;
  fresh.first = fresh.next = 1;
  std::memcpy(fresh.session, session_.data(), session_.size());
  if (path.empty()) {
    memory_.assign(size, '\0');
    header_ = reinterpret_cast<Header*>(memory_.data());
    *header_ = fresh;
    slots_ = memory_.data() + sizeof(Header);
    return;
  }
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    throw file_error(path, std::string("cannot open the feed history: ") + std::strerror(errno));
  struct stat st {};
  ::fstat(fd, &st);
  const bool existing = st.st_size > 0;
  std::string problem;
  if (existing && static_cast<std::size_t>(st.st_size) != size) {
    Header old{};
    if (::pread(fd, &old, sizeof old, 0) == sizeof old &&
        std::memcmp(old.magic, kMagic, sizeof kMagic) == 0) {
      problem = "holds the history of " + std::to_string(old.capacity) +
                " messages, --feed-history asks for " + std::to_string(slots) +
                " (rounded up to a power of two): keep the setting, or start a new day in an "
                "empty state directory";
    } else {
      problem = "is not a feed history";
    }
  } else if (const int e = ::posix_fallocate(fd, 0, static_cast<off_t>(size)); e != 0) {
    problem = std::string("cannot grow the feed history: ") + std::strerror(e);
  }
  if (problem.empty()) {
    void* mapped = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (mapped == MAP_FAILED) {
      problem = std::string("cannot map the feed history: ") + std::strerror(errno);
    } else {
      mapped_ = static_cast<char*>(mapped);
      mapped_size_ = size;
    }
  }
  ::close(fd);
  if (!problem.empty()) throw file_error(path, problem);
  header_ = reinterpret_cast<Header*>(mapped_);
  slots_ = mapped_ + sizeof(Header);
  if (!existing) {
    *header_ = fresh;
    return;
  }
  if (std::memcmp(header_->magic, kMagic, sizeof kMagic) != 0 || header_->capacity != slots) {
    problem = "is not a feed history of " + std::to_string(slots) + " messages";
  } else if (std::memcmp(header_->session, session_.data(), session_.size()) != 0) {
    problem = "is the history of MoldUDP64 session '" +
              std::string(header_->session, session_.size()) +
              "', not --feed-session's: start a new session in an empty state directory";
  } else if (header_->first > header_->next || header_->next == 0) {
    problem = "holds sequence numbers that do not make sense (first " +
              std::to_string(header_->first) + ", next " + std::to_string(header_->next) + ")";
  }
  if (!problem.empty()) {
    ::munmap(mapped_, mapped_size_);
    mapped_ = nullptr;
    throw file_error(path, problem);
  }
}

FeedHistory::~FeedHistory() {
  if (mapped_) ::munmap(mapped_, mapped_size_);
}

void FeedHistory::record(std::uint64_t sequence, std::string_view message) {
  Header& h = *header_;
  if (sequence != h.next) h.first = h.next = sequence;  // a new start: nothing before it is held
  char* at = slot(sequence);
  const std::size_t length = std::min(message.size(), kSlot - 2);
  wire::BigEndianWriter(at).u16(static_cast<std::uint16_t>(length));
  std::memcpy(at + 2, message.data(), length);
  // The slot before the number that makes it held: a process killed in between holds one less.
  h.next = sequence + 1;
  if (h.next - h.first > mask_ + 1) h.first = h.next - (mask_ + 1);
}

void FeedHistory::truncate(std::uint64_t next) {
  Header& h = *header_;
  if (next >= h.next) {
    if (next > h.next) h.first = h.next = next;  // what it should hold is not here
    return;
  }
  h.next = std::max(next, h.first);
  if (h.first > h.next) h.first = h.next;
}

std::string_view FeedHistory::answer(std::string_view request) {
  ++stats_.requests;
  if (request.size() != moldudp64::kHeaderSize ||
      std::memcmp(request.data(), session_.data(), session_.size()) != 0) {
    ++stats_.invalid_requests;
    return {};
  }
  const std::uint64_t first = wire::load_u64(request.data() + 10);
  const std::uint16_t count = wire::load_u16(request.data() + 18);
  if (count == 0 || count == moldudp64::kEndOfSession) {
    ++stats_.invalid_requests;
    return {};
  }
  if (first < header_->first || first >= header_->next) {
    ++stats_.unavailable;
    return {};
  }
  builder_.start(first);
  const std::uint64_t end = std::min<std::uint64_t>(first + count, header_->next);
  for (std::uint64_t sequence = first; sequence < end; ++sequence) {
    const char* held = slot(sequence);
    const std::size_t length = wire::load_u16(held);
    char* out = builder_.add_message(length);
    if (!out) break;
    std::memcpy(out, held + 2, length);
    ++stats_.messages_resent;
  }
  ++stats_.answered;
  return builder_.finish();
}

}  // namespace vtb::sim
