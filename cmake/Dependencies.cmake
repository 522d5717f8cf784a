# Every dependency comes from a Debian 12 package (see ci/install-deps.sh); nothing is fetched.

find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)              # Asio is header-only
find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(pugixml REQUIRED)                # QuickFIX-format data dictionaries
find_package(yaml-cpp REQUIRED)               # scenario files
find_package(PkgConfig REQUIRED)
pkg_check_modules(QUICKFIX REQUIRED IMPORTED_TARGET quickfix)

add_library(vtb_asio INTERFACE)
target_link_libraries(vtb_asio INTERFACE Boost::headers Threads::Threads)
# Standalone use of Asio's io_context without deprecated interfaces.
target_compile_definitions(vtb_asio INTERFACE BOOST_ASIO_NO_DEPRECATED)
pkg_check_modules(PCAP REQUIRED IMPORTED_TARGET libpcap)  # wire capture and analysis
find_package(prometheus-cpp CONFIG REQUIRED)              # live capture metrics
