#!/usr/bin/env bash
# Plays QuickFIX's acceptance-test suite against the venue's session layer:
#   ci/conformance.sh [QUICKFIX_AT_DIR [QUICKFIX_SPEC_DIR]] [-- testbed conform options]
# Defaults: ../shared/quickfix-at and ../shared/quickfix-spec beside the checkout. Plays every
# *.def under server/, whatever folders the suite has (the versions, validate, ...). Writes a JUnit
# report to build/conformance.xml. Exits 0 when every definition file passed.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
positional=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do positional+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
at="${positional[0]:-$root/../shared/quickfix-at}"
spec="${positional[1]:-$root/../shared/quickfix-spec}"

# Outside CI a missing suite is skipped, loudly; in CI (CI=true) it is a failure.
missing() {
  if [ "${CI:-}" = "true" ]; then
    echo "conformance: FAILED: $1, and CI=true: the reference must be there" >&2
    exit 1
  fi
  echo "conformance: SKIPPED: $1"
  exit 0
}
[ -d "$at/server" ] || missing "no QuickFIX acceptance suite at $at (give its path as the first argument)"
[ -d "$spec" ] || missing "no QuickFIX data dictionaries at $spec (give their folder as the second argument)"
at="$(cd "$at" && pwd)"; spec="$(cd "$spec" && pwd)"
bin=build/bin
work="$(mktemp -d)"
venue_pid=""
cleanup() { [ -n "$venue_pid" ] && kill "$venue_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=$(( 20000 + RANDOM % 20000 ))
cat >"$work/at.cfg" <<CFG
[DEFAULT]
ConnectionType=acceptor
SocketAcceptPort=$port
SenderCompID=ISLD
ResetOnLogon=Y
StartTime=00:00:00
EndTime=00:00:00
[SESSION]
BeginString=FIX.4.0
TargetCompID=TW40
DataDictionary=$spec/FIX40.xml
[SESSION]
BeginString=FIX.4.1
TargetCompID=TW41
DataDictionary=$spec/FIX41.xml
[SESSION]
BeginString=FIX.4.2
TargetCompID=TW42
DataDictionary=$spec/FIX42.xml
[SESSION]
BeginString=FIX.4.3
TargetCompID=TW43
DataDictionary=$spec/FIX43.xml
[SESSION]
BeginString=FIX.4.4
TargetCompID=TW44
DataDictionary=$spec/FIX44.xml
[SESSION]
BeginString=FIX.4.4
TargetCompID=TW
DataDictionary=$spec/FIX44.xml
[SESSION]
BeginString=FIX.4.4
TargetCompID=NO_CHECK_FIELDS_HAVE_VALUES
DataDictionary=$spec/FIX44.xml
ValidateFieldsHaveValues=N
[SESSION]
BeginString=FIXT.1.1
TargetCompID=TW50
DefaultApplVerID=FIX.5.0
TransportDataDictionary=$spec/FIXT11.xml
AppDataDictionary=$spec/FIX50.xml
[SESSION]
BeginString=FIXT.1.1
TargetCompID=TW50SP1
DefaultApplVerID=FIX.5.0SP1
TransportDataDictionary=$spec/FIXT11.xml
AppDataDictionary=$spec/FIX50SP1.xml
[SESSION]
BeginString=FIXT.1.1
TargetCompID=TW50SP2
DefaultApplVerID=FIX.5.0SP2
TransportDataDictionary=$spec/FIXT11.xml
AppDataDictionary=$spec/FIX50SP2.xml
CFG

"$bin/venue" --profile quickfix-at --fix-sessions "$work/at.cfg" --listen-address 127.0.0.1 \
  >"$work/venue.log" 2>&1 &
venue_pid=$!
for _ in $(seq 1 100); do
  (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break
  sleep 0.1
done
"$bin/testbed" conform --definitions "$at/server" --port "$port" --junit build/conformance.xml "$@"
