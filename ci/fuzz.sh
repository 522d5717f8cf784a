#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for a while from the seeds in
# common/fuzz/corpus/:
#   ci/fuzz.sh [SECONDS_PER_TARGET]        (default 30; VTB_FUZZ_SECONDS also sets it)
# New inputs go to a scratch copy of the corpus; a crash leaves its input in
# build-fuzz/artifacts/ and fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-${VTB_FUZZ_SECONDS:-30}}"
ci/build.sh fuzz
rm -rf build-fuzz/artifacts && mkdir -p build-fuzz/artifacts
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for target in fix_parser_fuzz fix_session_fuzz feed_handler_fuzz; do
  corpus="$work/${target%_fuzz}"
  cp -r "common/fuzz/corpus/${target%_fuzz}" "$corpus"
  echo "=== fuzz: $target for ${seconds}s"
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      "build-fuzz/bin/$target" -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 \
      -artifact_prefix=build-fuzz/artifacts/ "$corpus" >"$work/$target.log" 2>&1; then
    tail -n 60 "$work/$target.log"
    echo "fuzz: $target FAILED; the input is in build-fuzz/artifacts/"
    exit 1
  fi
  grep -E "^stat::(number_of_executed_units|peak_rss_mb)" "$work/$target.log" || true
done
echo "=== fuzz: no failures"
