#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest: the optimized build; the
# performance gates (ci/perf-gates.sh: callgrind instruction counts of the hot paths against a
# committed baseline, and our FIX codec's speed as a ratio to QuickFIX's in one run); the
# scenario suites but performance (ci/scenarios.sh; JUnit in build/scenarios-junit.xml) and the
# commands of the CI examples in docs/ci-examples; docker-compose.yml brought up and checked
# (ci/compose-smoke.sh; it says so loudly and goes on where no Docker engine can be started);
# QuickFIX's acceptance suite against the venue's session layer, every FIX version (see
# ci/quickfix-suite.sh; it says so when the suite or the dictionaries are missing, and fails in CI,
# CI=true); the ctest suite again under AddressSanitizer + UndefinedBehaviorSanitizer; the
# libFuzzer targets for a short run each (VTB_FUZZ_SECONDS, default 20). Prints how long each
# stage took. Exits non-zero on any failure. Set VTB_SKIP_SANITIZERS=1 to run the optimized build
# and the conformance suite only.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
timings=()
# stage NAME COMMAND...: runs the command, records and prints its duration.
stage() {
  local name="$1" began=$SECONDS
  shift
  echo "=== $name"
  "$@"
  local took=$((SECONDS - began))
  timings+=("$(printf '%-32s %4d s' "$name" "$took")")
  echo "=== $name: ${took} s"
}

conformance() {
  # QuickFIX's whole acceptance suite (FIX 4.0 to 5.0SP2), rebuilt from Debian's quickfix source
  # package; it contains ../shared/quickfix-at's three versions byte for byte. Without the
  # archive, the shared three alone.
  local suite status
  set +e
  suite="$(ci/quickfix-suite.sh)"
  status=$?
  set -e
  case $status in
    0) ci/conformance.sh "$suite" ;;
    3) echo "conformance: whole suite unavailable (no Debian source archive): ../shared's versions only"
       ci/conformance.sh ;;
    *) return "$status" ;;
  esac
}

# Unit tests in parallel; integration tests (labelled, RUN_SERIAL) one at a time.
run_tests() { ctest --preset "$1" -j2; }

stage "install dependencies" ci/install-deps.sh
stage "build: release" ci/build.sh release
stage "test: release" run_tests release
stage "performance gates" ci/perf-gates.sh
stage "scenarios: six suites" ci/scenarios.sh
stage "scenarios: the CI examples" ci/scenario-ci-examples.sh
stage "compose: smoke test" ci/compose-smoke.sh
stage "conformance: QuickFIX suite" conformance
if [ "${VTB_SKIP_SANITIZERS:-0}" != "1" ]; then
  stage "build: asan" ci/build.sh asan
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    stage "test: asan" run_tests asan
  stage "fuzz" ci/fuzz.sh "${VTB_FUZZ_SECONDS:-20}"
fi
echo "=== stage durations"
printf '  %s\n' "${timings[@]}"
printf '  %-32s %4d s\n' "total" "$((SECONDS - started))"
echo "=== all tests passed"
