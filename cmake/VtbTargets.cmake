# How the project's targets are declared, once: each library finds its headers from the repository
# root and builds with the project's warnings; each test binary gets the source folder (for
# fixtures) and its tests discovered by ctest.

# vtb_library(NAME SOURCES... [PUBLIC targets...] [PRIVATE targets...])
function(vtb_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
  add_library(${name} ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE} vtb_warnings)
endfunction()

# vtb_executable(NAME SOURCES... [LIBS targets...]): a program, tool or benchmark.
function(vtb_executable name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} vtb_warnings)
  target_compile_definitions(${name} PRIVATE VTB_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endfunction()

# vtb_test(NAME SOURCES... [LIBS targets...] [DISCOVERY properties...]): a GoogleTest binary.
function(vtb_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;DISCOVERY" ${ARGN})
  vtb_executable(${name} SOURCES ${ARG_SOURCES} LIBS ${ARG_LIBS} GTest::gtest_main)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 30 ${ARG_DISCOVERY})
endfunction()
