#!/usr/bin/env bash
# Wire tick-to-trade on loopback: the reference engine against the floor this machine allows.
#
# One venue; two phases of BENCH_SECONDS (default 10) each, each captured on lo and analyzed with
# `testbed analyze` (docs/CAPTURE.md):
#   1. tools/reflector: for every new feed packet, one order out. No decoding, no book, no risk.
#   2. the engine with --strategy reflector: one order for the first book change of ACME in each
#      packet (REFLECT_PER=message: for every one), through the whole engine (feed handler, book,
#      strategy, risk, FIX).
# Both send limit IOCs away from the market, so that they never trade and feed nothing back.
# Prints p50/p99 of each and the ratio of the p50s; writes build/bench-tick-to-trade/*.json and
# the HTML reports. Needs root (capturing).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${BENCH_SECONDS:-10}"
# packet (default): the engine answers the first book change of a packet, as the reflector answers
# each packet; message: every book change (several orders in one send).
per_packet=--reflect-once-per-packet
[ "${REFLECT_PER:-packet}" = message ] && per_packet=""
ci/install-deps.sh
ci/build.sh release --target venue engine reflector testbed

bin=build/bin
out=build/bench-tick-to-trade
rm -rf "$out" && mkdir -p "$out"
venue_pid="" capture_pid=""
cleanup() {
  [ -n "$capture_pid" ] && kill "$capture_pid" 2>/dev/null && wait "$capture_pid" 2>/dev/null
  [ -n "$venue_pid" ] && kill "$venue_pid" 2>/dev/null && wait "$venue_pid" 2>/dev/null
  return 0
}
trap cleanup EXIT

# The venue and the capture on CPU 0, the engine (or the reflector) alone on CPU 1.
taskset -c 0 "$bin/venue" --fix-sessions fixtures/venue-sessions.cfg --instruments fixtures/instruments.csv \
  >"$out/venue.out" 2>&1 &
venue_pid=$!
for _ in $(seq 1 100); do
  (exec 3<>/dev/tcp/127.0.0.1/5001) 2>/dev/null && break
  kill -0 "$venue_pid" 2>/dev/null || { cat "$out/venue.out"; exit 1; }
  sleep 0.1
done

# phase NAME COMMAND...: runs COMMAND while capturing, then analyzes the capture.
phase() {
  local name=$1
  shift
  taskset -c 0 "$bin/testbed" capture --interface lo --out "$out/$name.pcap" \
    --filter "udp port 31001 or udp port 31002 or tcp port 5001" >"$out/$name.capture" 2>&1 &
  capture_pid=$!
  for _ in $(seq 1 100); do
    grep -q "capturing on" "$out/$name.capture" 2>/dev/null && break
    kill -0 "$capture_pid" 2>/dev/null || { cat "$out/$name.capture"; exit 1; }
    sleep 0.05
  done
  echo "=== $name for ${seconds}s"
  "$@" >"$out/$name.out" 2>&1 || { cat "$out/$name.out"; exit 1; }
  tail -1 "$out/$name.out"
  sleep 0.2  # the last reports reach the capture
  kill -TERM "$capture_pid"
  wait "$capture_pid"
  capture_pid=""
  "$bin/testbed" analyze "$out/$name.pcap" --json "$out/$name.json" --html "$out/$name.html" \
    >"$out/$name.analysis"
  grep -E "tick-to-trade|latency" "$out/$name.analysis"
}

# Both pinned to the same CPU, both on the engine's FIX session (ResetOnLogon=Y).
phase reflector "$bin/reflector" --fix-session fixtures/engine-session.cfg --symbol ACME \
  --price 90.00 --duration "$seconds" --cpu 1
phase engine "$bin/engine" --fix-session fixtures/engine-session.cfg --symbol ACME \
  --strategy reflector $per_packet --reflect-ticks 1000 --max-open-orders 64 \
  --max-order-rate 0 \
  --collar-bps 0 --max-position 1000000000 --duration "$seconds" --cpu 1 \
  --summary-json "$out/engine-summary.json"

# The tick-to-trade figures are at the top level of each report (the venue's are nested).
field() { grep -m1 -o "^  \"$2\": [0-9]*" "$out/$1.json" | grep -o "[0-9]*$"; }
for name in reflector engine; do
  printf "%-10s orders %6d  matched %6d  p50 %9d ns  p99 %9d ns\n" "$name" \
    "$(field "$name" orders)" "$(field "$name" matched)" "$(field "$name" p50_ns)" \
    "$(field "$name" p99_ns)"
done
reflector_p50=$(field reflector p50_ns)
engine_p50=$(field engine p50_ns)
if [ "$(field reflector matched)" -eq 0 ] || [ "$(field engine matched)" -eq 0 ]; then
  echo "bench-tick-to-trade: a phase matched no order" >&2
  exit 1
fi
ratio=$(awk -v e="$engine_p50" -v r="$reflector_p50" 'BEGIN { printf "%.3f", e / r }')
echo "engine p50 / reflector p50 = $ratio (target <= 1.15); reports in $out/"
# Inside each program: recv() returned -> send() called (TSC), from their own summaries.
grep -o "recv() returned.*" "$out/reflector.out" | sed 's/^/reflector  internal: /'
grep -A3 "tick-to-trade, internal" "$out/engine.out" | sed 's/^/engine    /'
printf '{"reflector_p50_ns": %s, "engine_p50_ns": %s, "p50_ratio": %s}\n' \
  "$reflector_p50" "$engine_p50" "$ratio" >"$out/summary.json"
