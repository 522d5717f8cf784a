#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest: the optimized build;
# QuickFIX's acceptance suite against the venue's session layer, every FIX version (see
# ci/quickfix-suite.sh; it says so when the suite or the dictionaries are missing); the ctest
# suite again under AddressSanitizer + UndefinedBehaviorSanitizer; the libFuzzer targets for a
# short run each (VTB_FUZZ_SECONDS, default 20). Exits non-zero on any failure. Set
# VTB_SKIP_SANITIZERS=1 to run the optimized build and the conformance suite only.
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
# QuickFIX's whole acceptance suite (FIX 4.0 to 5.0SP2), rebuilt from Debian's quickfix source
# package; it contains ../shared/quickfix-at's three versions byte for byte. Without the archive,
# the shared three alone.
echo "=== conformance: QuickFIX acceptance suite"
set +e
suite="$(ci/quickfix-suite.sh)"
status=$?
set -e
case $status in
  0) ci/conformance.sh "$suite" ;;
  3) echo "conformance: whole suite unavailable (no Debian source archive): ../shared's versions only"
     ci/conformance.sh ;;
  *) exit "$status" ;;
esac
if [ "${VTB_SKIP_SANITIZERS:-0}" != "1" ]; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 run_suite asan
  ci/fuzz.sh "${VTB_FUZZ_SECONDS:-20}"
fi
echo "=== all tests passed"
