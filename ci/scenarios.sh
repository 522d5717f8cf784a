#!/usr/bin/env bash
# The scenario suites CI gates on (smoke, session, market-data) against the release build's
# venue and reference engine, two at a time; the JUnit file stays in build/ for the CI's test
# reporter, and is read back with junitparser as such a reporter would.
set -euo pipefail
cd "$(dirname "$0")/.."
junit=build/scenarios-junit.xml
build/bin/testbed run scenarios/smoke scenarios/session scenarios/market-data --jobs 2 \
  --junit "$junit" --json build/scenarios.json
ci/junit-summary.py "$junit" --at-least 19
