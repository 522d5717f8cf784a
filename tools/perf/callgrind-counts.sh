#!/usr/bin/env bash
# Instruction counts (valgrind callgrind: repeatable where timings are not) of the three hot paths
# docs/BENCHMARKS.md follows, for comparing a change's before and after:
#   - the feed handler: instructions per packet of bench_feed's synthetic stream (1 M messages,
#     8 a packet), FeedHandler::on_datagram inclusive;
#   - the matching core: bench_matching's replay of 3 M operations, journal::apply inclusive;
#   - the engine's order path: write_new_order and send_order per call, act (carrying out a
#     decision: the gap check, risk, then the order) per call, and the feed handling of a packet
#     with the decisions and orders it triggers (FeedHandler::apply; depends a little on the
#     run's traffic); the engine (reflector, one order per packet, no warm-up) against the venue
#     for ENGINE_SECONDS (default 10).
#   tools/perf/callgrind-counts.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${1:-build}/bin"
work="$(mktemp -d)"
venue_pid=""
cleanup() { [ -n "$venue_pid" ] && kill "$venue_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# Inclusive instructions and calls of the first function matching PATTERN in a callgrind file.
inclusive() {
  callgrind_annotate --inclusive=yes --tree=caller "$1" 2>/dev/null |
    awk -v pat="$2" '$0 ~ /^ *[0-9,]+ .*\*  / && index($0, pat) { gsub(",", "", $1); print $1; exit }'
}
calls() {
  callgrind_annotate --inclusive=yes --tree=caller "$1" 2>/dev/null |
    awk -v pat="$2" '/^ *[0-9,]+ .*< / && index($0, pat) == 0 { last = $0 }
                     $0 ~ /\*  / && index($0, pat) { print last; exit }' |
    sed -n 's/.*(\([0-9,]*\)x).*/\1/p' | tr -d ,
}
per_call() {
  local ir n
  ir="$(inclusive "$1" "$2")"
  n="$(calls "$1" "$2")"
  if [ -z "$ir" ] || [ -z "$n" ] || [ "$n" = 0 ]; then echo "n/a"; else echo "$((ir / n)) ($n calls)"; fi
}

valgrind --tool=callgrind --callgrind-out-file="$work/feed.out" --collect-atstart=no \
  --toggle-collect='*FeedHandler*on_datagram*' "$bin/bench_feed" \
  --benchmark_filter='BM_FeedHandler/1000000/' --benchmark_min_time=0.01 >/dev/null 2>&1
echo "feed handler, instructions a packet:   $(per_call "$work/feed.out" "on_datagram")"

valgrind --tool=callgrind --callgrind-out-file="$work/matching.out" --collect-atstart=no \
  --toggle-collect='vtb::sim::journal::apply*' "$bin/bench_matching" \
  --benchmark_filter='BM_MatchingCoreReplay/' --benchmark_min_time=0.01 >/dev/null 2>&1
echo "matching replay, instructions in all:  $(inclusive "$work/matching.out" "journal::apply")"

port=$(( 20000 + RANDOM % 20000 ))
group="239.77.$(( RANDOM % 200 + 1 )).1:$(( 40000 + RANDOM % 10000 ))"
"$bin/venue" --fix-sessions fixtures/venue-sessions.cfg --instruments fixtures/instruments.csv \
  --fix-port "$port" --listen-address 127.0.0.1 --feed-a "$group" --no-feed-b --retransmit-port 0 \
  --snapshot-port 0 --duration 120 >"$work/venue.log" 2>&1 &
venue_pid=$!
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
valgrind --tool=callgrind --callgrind-out-file="$work/engine.out" --collect-atstart=no \
  --toggle-collect='vtb::engine::Engine::receive_feed*' "$bin/engine" \
  --fix-session fixtures/engine-session.cfg --fix-port "$port" --feed-a "$group" --no-feed-b \
  --no-snapshot --no-retransmit --symbol ACME --no-metrics --strategy reflector \
  --reflect-once-per-packet --no-warm --max-open-orders 64 --max-order-rate 0 \
  --max-position 100000000 --duration "${ENGINE_SECONDS:-10}" >"$work/engine.log" 2>&1
echo "engine, write_new_order per call:      $(per_call "$work/engine.out" "write_new_order")"
echo "engine, send_order per call:           $(per_call "$work/engine.out" "Engine::send_order(")"
echo "engine, act (risk, then the order):     $(per_call "$work/engine.out" "Engine::act(")"
echo "engine, feed handling a packet:         $(per_call "$work/engine.out" "FeedHandler<vtb::engine::Engine>::apply(")"
