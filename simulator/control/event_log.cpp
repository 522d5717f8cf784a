#include "simulator/control/event_log.hpp"

#include <cstdarg>
#include <stdexcept>

#include "common/time/clock.hpp"

namespace vtb::sim {

EventLog::EventLog(const std::string& path) : file_(std::fopen(path.c_str(), "a")) {
  if (!file_) throw std::runtime_error(path + ": cannot create the event log");
}

EventLog::~EventLog() {
  if (file_) std::fclose(file_);
}

void EventLog::record(const char* format, ...) {
  if (!file_) return;
  std::fprintf(file_, "%lld ", static_cast<long long>(wall_clock_ns()));
  va_list args;
  va_start(args, format);
  std::vfprintf(file_, format, args);
  va_end(args);
  std::fputc('\n', file_);
  std::fflush(file_);
}

}  // namespace vtb::sim
