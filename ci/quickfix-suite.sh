#!/usr/bin/env bash
# Rebuilds QuickFIX's whole acceptance suite (FIX 4.0 to 5.0SP2) from Debian's quickfix source
# package, for playing against the venue with ci/conformance.sh:
#   ci/quickfix-suite.sh [OUT_DIR]     (default build/quickfix-at-full; prints the folder)
# ../shared/quickfix-at has three of the eight versions, from a later QuickFIX commit that gives
# each version its own TargetCompID (TW42, TW44, TW50SP2) where 1.15.1 uses TW everywhere. This
# script applies that renaming (and the BodyLength it changes) to every version; on the three
# shared versions the result is byte for byte the shared files, which the script checks.
# Nothing is copied into the repository. Exits 3 when Debian's source package is unreachable.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-build/quickfix-at-full}"
shared="../shared/quickfix-at/server"
if [ -f "$out/.complete" ]; then echo "$out"; exit 0; fi

src="$(mktemp -d)"
trap 'rm -rf "$src"' EXIT
sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$src/deb-src.sources"
apt_opts=(-o "Dir::Etc::SourceList=$src/deb-src.sources" -o Dir::Etc::SourceParts=/dev/null)
if ! (apt-get "${apt_opts[@]}" update && cd "$src" && apt-get "${apt_opts[@]}" source --download-only quickfix) \
    >"$src/apt.log" 2>&1; then
  echo "quickfix-suite: cannot fetch Debian's quickfix source package:" >&2
  tail -n 5 "$src/apt.log" >&2
  exit 3
fi
tar -xzf "$src"/quickfix_*.orig.tar.gz -C "$src" --wildcards '*/test/definitions/*'
definitions="$(echo "$src"/quickfix-*/test/definitions)"

rm -rf "$out" && mkdir -p "$out/server"
cp "$definitions/fields.fmt" "$out/"
# Every folder the suite has: the versions, renamed as below, and any other (validate, in later
# QuickFIX releases) as it is. "future" holds QuickFIX's own known failures, which its runner skips.
for folder in "$definitions/server"/*/; do
  name="$(basename "$folder")"
  case "$name" in
    fix*|future) ;;
    *) cp -r "$folder" "$out/server/$name"; find "$out/server/$name" -type f ! -name '*.def' -delete ;;
  esac
done
for version in fix40:40 fix41:41 fix42:42 fix43:43 fix44:44 fix50:50 fix50sp1:50SP1 fix50sp2:50SP2; do
  dir="${version%%:*}" suffix="${version#*:}"
  mkdir -p "$out/server/$dir"
  for file in "$definitions/server/$dir"/*.def; do
    # TW -> TW<suffix> in SenderCompID/TargetCompID; expected messages' BodyLength grows with
    # it, as do the literal (correct) lengths of the heartbeat test's input lines.
    perl -ne '
      BEGIN { $s = shift @ARGV; $adjust_input = shift @ARGV; }
      my $n = s/(\x01(?:49|56)=)TW\x01/$1TW$s\x01/g;
      if ($n && (/^E\d*,?8=/ || ($adjust_input && /^I\d*,?8=/))) {
        s/\x019=(\d+)\x01/"\x019=" . ($1 + $n * length($s)) . "\x01"/e;
      }
      print;
    ' "$suffix" "$([[ $file == *NoDataSent* ]] && echo 1 || echo 0)" "$file" \
      >"$out/server/$dir/$(basename "$file")"
  done
done

# The renaming must reproduce what ../shared holds where both exist.
if [ -d "$shared" ]; then
  for dir in "$shared"/*/; do
    name="$(basename "$dir")"
    for file in "$dir"*.def; do
      if ! diff -q --strip-trailing-cr "$file" "$out/server/$name/$(basename "$file")" >/dev/null; then
        echo "quickfix-suite: $name/$(basename "$file") differs from ../shared after renaming" >&2
        exit 1
      fi
    done
  done
fi
touch "$out/.complete"
echo "$out"
