#!/usr/bin/env bash
# Configures and builds one preset (default: release) with Ninja and ccache. Incremental: reuses
# the build directory when it exists.
#   ci/build.sh [release|asan|tsan] [cmake --build arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
# Share the compiler cache between clones: paths under the checkout are hashed relative to it.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
shift || true
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" "$@"
