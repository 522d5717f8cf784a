# Build-wide options: warnings, sanitizers, compiler cache.

set(VTB_SANITIZE "" CACHE STRING "Sanitizers: empty, 'address,undefined' or 'thread'")

option(VTB_FUZZ "Build the libFuzzer targets (needs clang)" OFF)
option(VTB_CHECK_INVARIANTS "Check the matching book invariants after every event (on in Debug)"
       OFF)
if(VTB_CHECK_INVARIANTS)
  add_compile_definitions(VTB_CHECK_INVARIANTS)
endif()
option(VTB_PAGE_TRACE "Mark the engine's packet-to-order window for tools/page-trace" OFF)
if(VTB_PAGE_TRACE)
  add_compile_definitions(VTB_PAGE_TRACE)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()

# Calls into shared libraries (libc's recv() and send() on the engine's packet path) go through
# the GOT directly instead of a PLT stub: one code page fewer for a path that pays a page walk for
# each page it touches after a system call (docs/BENCHMARKS.md). LD_PRELOAD still interposes.
add_compile_options(-fno-plt)

# Applied to project targets only; third-party headers are included as SYSTEM so -Werror is ours.
add_library(vtb_warnings INTERFACE)
target_compile_options(vtb_warnings INTERFACE -Wall -Wextra -Werror)

if(VTB_SANITIZE)
  add_compile_options(-fsanitize=${VTB_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${VTB_SANITIZE})
  if(VTB_SANITIZE MATCHES "thread")
    # Boost.Asio's scheduler uses std::atomic_thread_fence, which TSan cannot model; GCC warns
    # about it in Asio's inlined code. The warning is about Asio, not ours.
    add_compile_options(-Wno-tsan)
  endif()
endif()

if(VTB_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "VTB_FUZZ needs clang (libFuzzer): configure with the 'fuzz' preset")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
