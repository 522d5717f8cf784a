#!/usr/bin/env bash
# Installs everything the build and the tests need, from Debian 12 packages only. Idempotent:
# installs nothing (and needs no network) when every package is already there.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config clang-format
  clang libclang-rt-14-dev  # libFuzzer targets (ci/fuzz.sh)
  # libraries
  libboost-dev            # Boost.Asio (header-only)
  libquickfix-dev         # QuickFIX: conformance reference (C++14 target)
  libquickfix-doc         # QuickFIX's prebuilt examples: ordermatch for ci/bench-vs-quickfix.sh
  libpcap-dev             # wire capture
  prometheus-cpp-dev      # metrics
  libgtest-dev libgmock-dev googletest
  libbenchmark-dev        # Google Benchmark
  nlohmann-json3-dev      # JSON summaries and reports
  libcli11-dev            # command lines
  libpugixml-dev          # reading QuickFIX-format data dictionaries
  libyaml-cpp-dev         # scenario files
  # tests
  iproute2 procps
  tshark                  # decodes the feed (MoldUDP64 natively, ITCH 5.0 with tools/wireshark)
  valgrind                # instruction counts (callgrind) and tools/page-trace
  python3                 # the script engine of scenarios/byo-engine
  python3-junitparser     # reads testbed run's JUnit XML as CI reporters do (ci/junit-summary.py)
  python3-yaml            # reads the CI examples in docs/ci-examples (ci/scenario-ci-examples.sh)
  prometheus              # promtool checks every process's metrics (tests/integration/metrics_test)
  docker.io docker-compose debootstrap  # ci/compose-smoke.sh: the engine, Compose, the base image
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The prometheus package starts a server of its own where systemd runs; the tests need only its
# promtool.
if command -v systemctl > /dev/null && systemctl is-active --quiet prometheus 2> /dev/null; then
  $sudo systemctl disable --now prometheus > /dev/null 2>&1 || true
fi
