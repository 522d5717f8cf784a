#!/usr/bin/env bash
# Which 4 KiB pages, code and data, the engine touches between recv() returning a packet and
# send() being called for its order. Where every system call empties the TLB (page-table isolation
# without PCID, as on the CI machine), each of them costs a page walk: bench_page_refill measures
# how much (docs/BENCHMARKS.md).
#
# Builds the engine with -DVTB_PAGE_TRACE=ON (two one-byte stores mark the window:
# common/hot_path/page_trace.hpp) in build-page-trace/, runs it under valgrind's lackey against the
# venue (reflector, one order per packet, no snapshot, no warming, about 100 times slower than
# native), and prints the page count of every window and the pages of the median one, each with
# the mapping it lies in and the function that touched it first.
#
#   tools/page-trace/page-trace.sh [seconds]        (default 20: a few hundred windows)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
seconds="${1:-20}"

ci/install-deps.sh
build=build-page-trace
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DVTB_PAGE_TRACE=ON \
  -DCMAKE_CXX_FLAGS=-g >/dev/null
cmake --build "$build" --target engine venue

out="$build/page-trace"
rm -rf "$out" && mkdir -p "$out"
venue_pid=""
cleanup() { [ -n "$venue_pid" ] && kill "$venue_pid" 2>/dev/null && wait "$venue_pid" 2>/dev/null; }
trap cleanup EXIT
"$build/bin/venue" --fix-sessions fixtures/venue-sessions.cfg --instruments fixtures/instruments.csv \
  >"$out/venue.out" 2>&1 &
venue_pid=$!
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/5001) 2>/dev/null && break; sleep 0.1; done

# lackey's trace (fd 3) and the engine's stderr (its marks line) share the pipe to the counter.
(
  valgrind --tool=lackey --trace-mem=yes --log-fd=3 "$build/bin/engine" \
    --fix-session fixtures/engine-session.cfg --symbol ACME --strategy reflector \
    --reflect-once-per-packet --reflect-ticks 1000 --max-open-orders 64 --max-order-rate 0 \
    --collar-bps 0 --max-position 1000000000 --no-snapshot --no-warm --no-metrics \
    --duration "$seconds" 3>&1 1>"$out/engine.out" 2>&3 &
  engine_pid=$!
  sleep $((seconds / 2 + 5))  # halfway: everything the window touches is mapped by then
  cp "/proc/$engine_pid/maps" "$out/maps" 2>/dev/null || true
  wait "$engine_pid"
) | awk -f "$here/pages.awk" >"$out/windows"

grep "windows;" "$out/windows"

hex() { echo $((16#$1)); }
explain() {  # KIND PAGE INSTRUCTION
  local page=$(($(hex "$2") * 4096)) at mapping="(not in the maps snapshot)" fn=""
  while read -r range perms offset _ _ path; do
    local lo=$(hex "${range%-*}") hi=$(hex "${range#*-}")
    if ((page >= lo && page < hi)); then
      mapping="${path:-anonymous} ${perms}"
      break
    fi
  done <"$out/maps"
  at=$(hex "$3")
  while read -r range perms offset _ _ path; do
    local lo=$(hex "${range%-*}") hi=$(hex "${range#*-}")
    if ((at >= lo && at < hi)); then
      if [ "$path" = "$(realpath "$build/bin/engine")" ]; then
        fn=$(addr2line -f -C -e "$build/bin/engine" "$(printf '%x' $((at - lo + $(hex "$offset"))))" |
          head -1 | cut -c1-90)
      else
        fn="$(basename "${path:-anonymous}")"
      fi
      break
    fi
  done <"$out/maps"
  printf '  %-4s %-12s %-46s by %s\n' "$1" "$2" "$mapping" "$fn"
}
echo "the median window's pages (mapping; first touched by):"
sed -n '/^median/,$p' "$out/windows" | tail -n +2 | while read -r kind page instruction; do
  explain "$kind" "$page" "$instruction"
done
