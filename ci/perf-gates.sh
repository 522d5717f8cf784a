#!/usr/bin/env bash
# Performance gates that repeat on these machines: callgrind's instruction counts of each hot path
# in build/bin/perf_gates (tools/perf/perf_gates.cpp), per call, against the committed baseline
# (tools/perf/gates-baseline.txt): a count 5% or more above its baseline fails. Wall-clock times
# are not repeatable on a shared 2-core VM, so they are gated only as ratios taken in one run:
# our FIX encoder and decoder+validator against QuickFIX's (bench_fix, the same message), each
# at least half the ratio measured when the floor was set (docs/BENCHMARKS.md).
#   ci/perf-gates.sh [BUILD_DIR]          check (exit 1 on a regression)
#   ci/perf-gates.sh --update [BUILD_DIR] write the baseline from this build
set -euo pipefail
cd "$(dirname "$0")/.."
update=""
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
bin="${1:-build}/bin"
baseline=tools/perf/gates-baseline.txt
limit_percent=5
[ -x "$bin/perf_gates" ] || { echo "perf-gates: $bin/perf_gates missing (ci/build.sh release)"; exit 1; }
command -v valgrind > /dev/null || { echo "perf-gates: valgrind missing (ci/install-deps.sh)"; exit 1; }

gates=(gate_fix_decode_validate gate_fix_encode gate_matching_operation gate_feed_handler_packet
       gate_engine_order gate_venue_order)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
toggles=()
for g in "${gates[@]}"; do toggles+=("--toggle-collect=*$g*"); done
valgrind --tool=callgrind --callgrind-out-file="$work/gates.out" --collect-atstart=no \
  "${toggles[@]}" "$bin/perf_gates" > "$work/gates.log" 2>&1 || { cat "$work/gates.log"; exit 1; }

# Per call: the function's inclusive instructions over its calls, from callgrind_annotate's tree.
callgrind_annotate --inclusive=yes --tree=caller "$work/gates.out" > "$work/annotate.txt" 2> /dev/null
per_call() {
  awk -v pat="$1" '
    /^ *[0-9,]+ .*< / { last = $0 }
    $0 ~ /\*  / && index($0, pat) && !done {
      ir = $1; gsub(",", "", ir)
      n = last; sub(/.*\(/, "", n); sub(/x\).*/, "", n); gsub(",", "", n)
      if (n + 0 > 0) printf "%d\n", ir / n; done = 1
    }' "$work/annotate.txt"
}

declare -A base
if [ -f "$baseline" ]; then
  while read -r name count; do
    [[ "$name" =~ ^# ]] || [ -z "$name" ] || base[$name]=$count
  done < "$baseline"
fi
failed=0
printf '%-28s %12s %12s %8s\n' "gate" "baseline" "now" "change"
lines=()
for g in "${gates[@]}"; do
  now="$(per_call "$g")"
  [ -n "$now" ] || { echo "perf-gates: no count for $g"; cat "$work/gates.log"; exit 1; }
  lines+=("$g $now")
  b="${base[$g]:-}"
  if [ -z "$b" ]; then
    printf '%-28s %12s %12d %8s\n' "$g" "-" "$now" "new"
    continue
  fi
  change=$(awk -v n="$now" -v b="$b" 'BEGIN { printf "%+.1f%%", (n - b) * 100 / b }')
  verdict=""
  if awk -v n="$now" -v b="$b" -v l="$limit_percent" 'BEGIN { exit !(n >= b * (1 + l / 100)) }'; then
    verdict="  REGRESSION (limit +${limit_percent}%)"
    failed=1
  fi
  printf '%-28s %12d %12d %8s%s\n' "$g" "$b" "$now" "$change" "$verdict"
done
sed 's/^/  /' "$work/gates.log"
if [ -n "$update" ]; then
  {
    echo "# Instructions per call of each gate (ci/perf-gates.sh --update, $(date -u +%Y-%m-%d),"
    echo "# $(git rev-parse --short HEAD 2> /dev/null || echo unknown), valgrind $(valgrind --version))."
    printf '%s\n' "${lines[@]}"
  } > "$baseline"
  echo "perf-gates: baseline written to $baseline"
  exit 0
fi
[ "$failed" = 0 ] || { echo "perf-gates: FAILED: an instruction count rose ${limit_percent}% or more"; exit 1; }
echo "perf-gates: every gate within ${limit_percent}% of its baseline"

# Ratios within one run: QuickFIX's time over ours, the same message (QuickFIX's FIX44.xml from
# ../shared, without which bench_fix skips: loud, and a failure in CI).
encode_floor=8
decode_floor=6
"$bin/bench_fix" --benchmark_filter='BM_(Encode_Ours|Encode_QuickFix|DecodeValidate_Ours|DecodeValidate_QuickFix)$' \
  --benchmark_min_time=0.2 --benchmark_format=json > "$work/fix.json" 2> "$work/fix.err" || true
status=0
/usr/bin/python3 - "$work/fix.json" "$encode_floor" "$decode_floor" << 'EOF2' || status=$?
import json, sys
try:
    runs = {b["name"]: b["real_time"] for b in json.load(open(sys.argv[1]))["benchmarks"]}
except Exception:
    runs = {}
need = ["BM_Encode_Ours", "BM_Encode_QuickFix", "BM_DecodeValidate_Ours", "BM_DecodeValidate_QuickFix"]
if not all(n in runs for n in need):
    print("*** perf-gates: bench_fix SKIPPED the QuickFIX ratios (no ../shared/quickfix-spec/FIX44.xml) ***")
    sys.exit(2)
ok = True
for what, ours, theirs, floor in (("encode", "BM_Encode_Ours", "BM_Encode_QuickFix", float(sys.argv[2])),
                                  ("decode+validate", "BM_DecodeValidate_Ours", "BM_DecodeValidate_QuickFix", float(sys.argv[3]))):
    ratio = runs[theirs] / runs[ours]
    verdict = "ok" if ratio >= floor else "REGRESSION"
    ok = ok and ratio >= floor
    print("%-16s ours %7.0f ns, QuickFIX %7.0f ns: %5.1fx (floor %.0fx) %s" % (what, runs[ours], runs[theirs], ratio, floor, verdict))
sys.exit(0 if ok else 1)
EOF2
if [ "$status" = 2 ] && [ "${CI:-}" != "true" ]; then exit 0; fi
if [ "$status" != 0 ]; then
  echo "perf-gates: FAILED: a ratio to QuickFIX fell below its floor (or could not be measured)"
  exit 1
fi
