#!/usr/bin/env bash
# The scenario suites CI gates on against the release build's venue and reference engine, two at
# a time: smoke, session and market-data, and risk, venue-behaviour and byo-engine too (the
# performance suite's budgets are for a quiet machine: docs/BENCHMARKS.md). The JUnit file stays
# in build/ for the CI's test reporter, and is read back with junitparser as such a reporter would.
set -euo pipefail
cd "$(dirname "$0")/.."
junit=build/scenarios-junit.xml
suites=(smoke session market-data risk venue-behaviour byo-engine)
build/bin/testbed run "${suites[@]/#/scenarios/}" --jobs 2 --junit "$junit" --json build/scenarios.json
ci/junit-summary.py "$junit" --at-least 30
