#!/usr/bin/env bash
# The venue beside QuickFIX's ordermatch example (prebuilt in Debian's libquickfix-doc), one after
# the other in one run, under the same `testbed load`: the same sessions file (K FIX 4.2
# sessions), the same mix of requests both take (new orders, cancels, orders priced through the
# book), the generator pinned to one core and the acceptor to the other. For each: the highest
# rate sustained (every request answered, p90 order->ack within the bound), and order->ack at
# 1 k, 10 k and 100 k requests a second where it keeps up. Prints a table with the ratios; the
# JSON of every run stays in build/bench-vs-quickfix/.
#   ci/bench-vs-quickfix.sh            (after ci/build.sh release)
# Environment: SESSIONS (4), STEP (3 s a saturation step), FIXED (5 s a fixed-rate run),
# BOUND_US (1000: the p90 order->ack a sustained rate keeps within), MAX_RATE (2000000: where the
# search stops), WORK (build/bench-vs-quickfix).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-build/bench-vs-quickfix}
max_rate=${MAX_RATE:-2000000}
sessions=${SESSIONS:-4}
step=${STEP:-3}
fixed=${FIXED:-5}
bound=${BOUND_US:-1000}
mix=new=50,cancel=40,aggressive=10  # what ordermatch takes: Day limit orders and cancels
testbed=build/bin/testbed
[ -x "$testbed" ] && [ -x build/bin/venue ] || { echo "bench-vs-quickfix: run ci/build.sh release first"; exit 1; }

if ! dpkg-query -W -f='${Status}' libquickfix-doc 2>/dev/null | grep -q "install ok installed"; then
  echo "bench-vs-quickfix: installing Debian's libquickfix-doc (QuickFIX's prebuilt examples)"
  apt-get install -y -qq --no-install-recommends libquickfix-doc > /dev/null
fi
spec=""
for candidate in ../shared/quickfix-spec/FIX42.xml build/quickfix-source/spec/FIX42.xml; do
  [ -f "$candidate" ] && spec=$(realpath "$candidate") && break
done
[ -n "$spec" ] || { echo "bench-vs-quickfix: no QuickFIX FIX42.xml (../shared/quickfix-spec, or ci/quickfix-suite.sh's source)"; exit 1; }

rm -rf "$work"
mkdir -p "$work/store"
# The example's real binary is the one libtool kept in .libs (ordermatch.gz beside it is the
# wrapper script).
zcat /usr/share/doc/libquickfix-doc/examples/ordermatch/.libs/ordermatch.gz > "$work/ordermatch"
chmod +x "$work/ordermatch"

port=$((20000 + RANDOM % 10000))
pids=()
# Each acceptor runs in a process group of its own (setsid), killed whole.
cleanup() {
  for p in "${pids[@]}"; do kill -- "-$p" 2> /dev/null || kill "$p" 2> /dev/null || true; done
  wait 2> /dev/null || true
}
trap cleanup EXIT

wait_port() {
  for _ in $(seq 100); do (echo > "/dev/tcp/127.0.0.1/$1") 2> /dev/null && return 0; sleep 0.1; done
  echo "bench-vs-quickfix: nothing listens on $1"; return 1
}

# start_ordermatch / start_venue: a fresh acceptor on a port of its own, for each run, so that
# no run finds what an overloaded one left queued.
start_ordermatch() {
  port=$((port + 5))
  "$testbed" load --write-sessions "$work/ordermatch.cfg" --sessions "$sessions" \
    --begin-string FIX.4.2 --target-comp-id ORDERMATCH --port "$port" --dictionary "$spec" \
    --store "$work/store" > /dev/null
  rm -rf "$work/store"
  # It reads commands from its standard input until that ends: keep it open.
  setsid bash -c "sleep infinity | taskset -c 1 '$work/ordermatch' '$work/ordermatch.cfg' >> '$work/ordermatch.out' 2>&1" &
  pids+=($!)
  wait_port "$port"
}
start_venue() {
  port=$((port + 5))
  "$testbed" load --write-sessions "$work/venue.cfg" --sessions "$sessions" \
    --begin-string FIX.4.2 --port "$port" --dictionary "$(realpath fixtures/venue-fix42.xml)" > /dev/null
  setsid build/bin/venue --fix-sessions "$work/venue.cfg" --instruments fixtures/instruments.csv \
    --no-agents --busy-poll --cpu 1 --no-metrics --retransmit-port $((port + 1)) \
    --snapshot-port $((port + 2)) --feed-a 239.79.0.1:$((port + 3)) \
    --feed-b 239.79.0.2:$((port + 4)) >> "$work/venue.out" 2>&1 &
  pids+=($!)
  wait_port "$port"
}

# bench NAME COMPID: the saturation search, then the fixed rates at or below what it found.
bench() {
  local name=$1 sat
  "start_$name"
  taskset -c 0 "$testbed" load --target "127.0.0.1:$port" --sessions "$sessions" \
    --begin-string FIX.4.2 --target-comp-id "$2" --mix "$mix" --saturate --rate 2000 \
    --step-duration "$step" --saturation-bound-us "$bound" --max-rate "$max_rate" \
    --json "$work/$name-saturation.json" \
    2> /dev/null | tail -1
  cleanup
  pids=()
  sat=$(python3 -c "import json;print(int(json.load(open('$work/$name-saturation.json'))['saturation']['sustained_rate']))")
  for rate in 1000 10000 100000; do
    [ "$rate" -le "$sat" ] || continue
    "start_$name"
    taskset -c 0 "$testbed" load --target "127.0.0.1:$port" --sessions "$sessions" \
      --begin-string FIX.4.2 --target-comp-id "$2" --mix "$mix" --rate "$rate" \
      --duration "$fixed" --json "$work/$name-$rate.json" > "$work/$name-$rate.out" 2>&1 ||
      echo "bench-vs-quickfix: $name at $rate/s did not run clean: $(tail -c 600 "$work/$name-$rate.out")"
    tail -1 "$work/$name-$rate.out"
    cleanup
    pids=()
  done
}

echo "=== QuickFIX ordermatch ($(dpkg-query -W -f='${Version}' libquickfix-doc)), $sessions FIX 4.2 sessions"
bench ordermatch ORDERMATCH
echo "=== the venue, $sessions FIX 4.2 sessions, busy-polling, publishing its feed"
bench venue VENUE

python3 - "$work" << 'EOF'
import json, os, sys
work = sys.argv[1]
def load(name):
    path = os.path.join(work, name + ".json")
    return json.load(open(path)) if os.path.exists(path) else None
def us(r, key):
    return "%.1f" % (r[key] / 1000) if r else "-"
rows = []
sat = {n: load(n + "-saturation")["saturation"]["sustained_rate"] for n in ("ordermatch", "venue")}
print("\n%-34s %14s %14s %10s" % ("", "ordermatch", "venue", "ratio"))
ratio = sat["venue"] / sat["ordermatch"] if sat["ordermatch"] else float("inf")
print("%-34s %14.0f %14.0f %9.1fx" % ("sustained requests/s", sat["ordermatch"], sat["venue"], ratio))
for rate in (1000, 10000, 100000):
    q, v = load("ordermatch-%d" % rate), load("venue-%d" % rate)
    for key, label in (("p50_ns", "p50"), ("p99_ns", "p99"), ("p999_ns", "p99.9")):
        r = "%9.1fx" % (q[key] / v[key]) if q and v and v[key] else "%10s" % "-"
        print("%-34s %14s %14s %s" % ("order->ack %s at %d/s (us)" % (label, rate), us(q, key), us(v, key), r))
print("\nratio: ordermatch's figure over the venue's (throughput: the venue's over ordermatch's)")
EOF
