#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest: the optimized build, then
# QuickFIX's acceptance suite against the venue's session layer (when ../shared/quickfix-at is
# there; it says so when it is not), then the ctest suite again under AddressSanitizer +
# UndefinedBehaviorSanitizer, then the libFuzzer targets for a short run each (VTB_FUZZ_SECONDS,
# default 20). Exits non-zero on any failure. Set VTB_SKIP_SANITIZERS=1 to run the optimized
# build only.
set -euo pipefail
cd "$(dirname "$0")/.."

ci/install-deps.sh

run_suite() {
  local preset="$1"
  echo "=== build: $preset"
  ci/build.sh "$preset"
  echo "=== test: $preset"
  # Unit tests in parallel; integration tests (labelled, RUN_SERIAL) one at a time.
  ctest --preset "$preset" -j2
}

run_suite release
echo "=== conformance: QuickFIX acceptance suite"
ci/conformance.sh
if [ "${VTB_SKIP_SANITIZERS:-0}" != "1" ]; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 run_suite asan
  ci/fuzz.sh "${VTB_FUZZ_SECONDS:-20}"
fi
echo "=== all tests passed"
