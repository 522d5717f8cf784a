#!/usr/bin/env bash
# The main job: installs what is missing, builds, starts the venue and the reference engine on
# loopback, lets them trade, and prints what happened: orders, fills and the engine's
# tick-to-trade percentiles.
#   DEMO_SECONDS=15 ci/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${DEMO_SECONDS:-15}"
ci/install-deps.sh
ci/build.sh release --target venue engine testbed

out="$(mktemp -d)"
bin=build/bin
venue_pid=""
capture_pid=""
cleanup() {
  [ -n "$capture_pid" ] && kill "$capture_pid" 2>/dev/null && wait "$capture_pid" 2>/dev/null
  [ -n "$venue_pid" ] && kill "$venue_pid" 2>/dev/null && wait "$venue_pid" 2>/dev/null
  rm -rf "$out"
}
trap cleanup EXIT

echo "=== starting the venue (FIX 127.0.0.1:5001, feeds 239.10.10.1:31001 / 239.10.10.2:31002)"
"$bin/venue" --fix-sessions fixtures/venue-sessions.cfg --instruments fixtures/instruments.csv \
  --fix-log "$out/fix" >"$out/venue.out" 2>"$out/venue.err" &
venue_pid=$!

# Wait for the FIX port rather than sleeping a guess.
for _ in $(seq 1 100); do
  (exec 3<>/dev/tcp/127.0.0.1/5001) 2>/dev/null && break
  kill -0 "$venue_pid" 2>/dev/null || { cat "$out/venue.err"; exit 1; }
  sleep 0.1
done

# The wire, captured beside the trading: tick-to-trade as the network saw it (docs/CAPTURE.md).
# Capturing needs root (CAP_NET_RAW); without it the demo goes on without the wire figures.
report_dir=build/demo
mkdir -p "$report_dir"
"$bin/testbed" capture --interface lo --out "$out/wire.pcap" \
  --filter "udp port 31001 or udp port 31002 or tcp port 5001" >"$out/capture.out" 2>&1 &
capture_pid=$!
for _ in $(seq 1 100); do
  grep -q "capturing on" "$out/capture.out" 2>/dev/null && break
  kill -0 "$capture_pid" 2>/dev/null || break
  sleep 0.05
done

echo "=== engine trading ACME for ${seconds}s (buys at or below 99.98, sells at or above 100.02)"
"$bin/engine" --fix-session fixtures/engine-session.cfg --symbol ACME \
  --buy-at-or-below 99.98 --sell-at-or-above 100.02 --quantity 100 --max-position 500 \
  --duration "$seconds" --summary-json "$out/engine.json"

sleep 0.2  # the last reports reach the capture
kill -TERM "$venue_pid"
wait "$venue_pid" || true
venue_pid=""
cat "$out/venue.out"

echo "=== the wire: tick-to-trade and the venue's latencies from the capture"
kill -TERM "$capture_pid" 2>/dev/null || true
if wait "$capture_pid"; then
  "$bin/testbed" analyze "$out/wire.pcap" --json "$report_dir/wire.json" --html "$report_dir/wire.html"
  echo "report: $report_dir/wire.html"
else
  echo "(no capture: $(tail -1 "$out/capture.out"))"
fi
capture_pid=""

echo "=== QuickFIX validates the session's messages against the venue dictionary"
"$bin/testbed" fix-validate --dictionary fixtures/venue-fix44.xml "$out"/fix/*ENGINE*.log | tail -1

fills=$(grep -o '"fills": [0-9]*' "$out/engine.json" | grep -o '[0-9]*$')
if [ "${fills:-0}" -lt 1 ]; then
  echo "demo: the engine got no fills" >&2
  exit 1
fi
