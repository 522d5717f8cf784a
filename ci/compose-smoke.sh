#!/usr/bin/env bash
# docker-compose.yml as a user brings it up: builds the images (the runtime image from the release
# build's binaries, docker/Dockerfile.prebuilt; the base image from Debian's archive where no
# registry answers), brings the stack up, waits for health, then checks through the live
# Prometheus that every target is up, the engine trades, the feed's multicast crossed from the
# venue's container to the engine's, the capture beside the engine sees it, and every panel query
# of the provisioned Grafana dashboard returns data; runs the scenario service and reads its
# JUnit file; tears everything down and removes what it made. Where no Docker engine can be
# started it says so loudly and exits 0.
#   ci/compose-smoke.sh            (after ci/build.sh release)
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
project=vtb-smoke
log=build/compose-smoke
mkdir -p "$log"

skip() {
  echo "*** compose-smoke: SKIPPED: $1 ***"
  exit 0
}

# A Docker engine: the one running, else dockerd started here (and stopped at the end).
started_dockerd=""
if ! docker info > /dev/null 2>&1; then
  command -v dockerd > /dev/null || skip "no dockerd (apt-get install docker.io)"
  [ "$(id -u)" -eq 0 ] || skip "no Docker engine runs and starting dockerd needs root"
  dockerd > "$log/dockerd.log" 2>&1 &
  started_dockerd=$!
  for _ in $(seq 60); do docker info > /dev/null 2>&1 && break; sleep 0.5; done
  docker info > /dev/null 2>&1 || { tail -20 "$log/dockerd.log"; skip "dockerd did not start"; }
fi
if docker compose version > /dev/null 2>&1; then
  compose=(docker compose -p "$project")
elif command -v docker-compose > /dev/null; then
  compose=(docker-compose -p "$project")
else
  skip "neither 'docker compose' nor docker-compose (apt-get install docker-compose)"
fi
for b in venue engine testbed; do
  [ -x "build/bin/$b" ] || { echo "compose-smoke: build/bin/$b missing: run ci/build.sh release"; exit 1; }
done

had_base=""
docker image inspect debian:bookworm-slim > /dev/null 2>&1 && had_base=1
cleanup() {
  "${compose[@]}" --profile scenarios --profile grafana down -v --remove-orphans \
    > "$log/down.log" 2>&1 || true
  docker image rm -f vtb-testbed:latest vtb-prometheus:latest > /dev/null 2>&1 || true
  [ -n "$had_base" ] || docker image rm -f debian:bookworm debian:bookworm-slim > /dev/null 2>&1 || true
  if [ -n "$started_dockerd" ]; then
    kill "$started_dockerd" 2> /dev/null || true
    wait "$started_dockerd" 2> /dev/null || true
  fi
}
trap cleanup EXIT

step() { echo "compose-smoke: $* ($(($(date +%s) - started)) s)"; }
step "base image"
ci/docker-base-image.sh
step "images"
docker build -q -f docker/Dockerfile.prebuilt -t vtb-testbed:latest . > "$log/build.log"
docker build -q -f docker/prometheus/Dockerfile -t vtb-prometheus:latest . >> "$log/build.log"
step "up: venue, engine, capture, prometheus"
if ! "${compose[@]}" up -d --no-build > "$log/up.log" 2>&1; then
  cat "$log/up.log"
  "${compose[@]}" logs --tail 30
  exit 1
fi

# One value of a PromQL query (the first series), or empty.
query() {
  /usr/bin/python3 - "$1" << 'EOF'
import json, sys, urllib.parse, urllib.request
url = "http://127.0.0.1:9090/api/v1/query?" + urllib.parse.urlencode({"query": sys.argv[1]})
try:
    result = json.load(urllib.request.urlopen(url, timeout=5))["data"]["result"]
except Exception:
    result = []
print(result[0]["value"][1] if result else "")
EOF
}
# Waits up to 60 s for a query's value to be above 0.
expect_positive() {
  local what="$1" expr="$2" value=""
  for _ in $(seq 120); do
    value=$(query "$expr")
    if [ -n "$value" ] && /usr/bin/python3 -c "import sys; sys.exit(0 if float('$value') > 0 else 1)"; then
      echo "  ok  $what: $expr = $value"
      return 0
    fi
    sleep 0.5
  done
  echo "  FAIL $what: $expr = '${value}'"
  "${compose[@]}" logs --tail 20
  exit 1
}
step "checks through Prometheus"
expect_positive "every target scraped" 'count(up == 1) == 3'
expect_positive "the engine trades" 'vtb_engine_fills_total'
expect_positive "the venue filled it" 'vtb_venue_fills_total{session="ENGINE"}'
expect_positive "multicast left the venue's container" 'vtb_venue_feed_packets_total{feed="A"}'
expect_positive "multicast reached the engine's container" 'vtb_engine_feed_packets_total'
expect_positive "the engine's book follows the feed (no gap)" 'vtb_engine_feed_messages_total'
expect_positive "the capture sees the engine's wire" 'vtb_capture_frames_total'
expect_positive "the capture matched orders to triggers" 'vtb_tick_to_trade_seconds_count'
# Rates over 30 s windows need a few scrapes behind them.
sleep 5
step "the dashboard's queries"
ci/dashboard-check.py docker/grafana/dashboards/testbed.json

if docker image inspect grafana/grafana-oss:10.4.2 > /dev/null 2>&1; then
  step "grafana"
  "${compose[@]}" --profile grafana up -d --no-build grafana > "$log/grafana.log" 2>&1
  for _ in $(seq 60); do
    /usr/bin/python3 -c "import urllib.request; print(urllib.request.urlopen(
      'http://127.0.0.1:3000/api/dashboards/uid/vtb-testbed', timeout=5).read().decode())" \
      > "$log/dashboard.json" 2> /dev/null && break
    sleep 1
  done
  grep -q '"uid":"vtb-testbed"' "$log/dashboard.json" || { echo "grafana: no dashboard"; exit 1; }
  echo "  ok  grafana serves the provisioned dashboard"
else
  echo "*** compose-smoke: Grafana SKIPPED: no grafana/grafana-oss:10.4.2 image here and no" \
    "registry to pull it from (its dashboard's queries were checked above) ***"
fi

step "docker compose run scenarios"
rm -rf build/compose-results
"${compose[@]}" --profile scenarios run --rm scenarios > "$log/scenarios.log" 2>&1 ||
  { cat "$log/scenarios.log"; exit 1; }
/usr/bin/python3 ci/junit-summary.py build/compose-results/junit.xml --at-least 3
step "passed"
