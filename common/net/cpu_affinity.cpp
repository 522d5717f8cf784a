#include "common/net/cpu_affinity.hpp"

#include <pthread.h>
#include <sched.h>

#include <cstring>

namespace vtb::net {

std::string pin_current_thread(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  const int rc = pthread_setaffinity_np(pthread_self(), sizeof set, &set);
  if (rc != 0) return "cannot pin to CPU " + std::to_string(cpu) + ": " + std::strerror(rc);
  return {};
}

}  // namespace vtb::net
