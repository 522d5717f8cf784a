#!/usr/bin/env bash
# Makes the Dockerfiles' base images, debian:bookworm and debian:bookworm-slim, from Debian's
# archive where no image registry is reachable (as on this project's CI machines): a minbase
# bookworm by debootstrap, imported into Docker. Does nothing when the image is there already.
#   ci/docker-base-image.sh [MIRROR]
set -euo pipefail
mirror="${1:-http://deb.debian.org/debian}"
if docker image inspect debian:bookworm-slim > /dev/null 2>&1; then
  echo "docker-base-image: debian:bookworm-slim present"
else
  root="$(mktemp -d)"
  trap 'rm -rf "$root"' EXIT
  echo "docker-base-image: debootstrap bookworm from $mirror"
  debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.log" 2>&1 ||
    { cat "$root.log"; exit 1; }
  rm -f "$root.log"
  tar -C "$root" -c . | docker import - debian:bookworm-slim > /dev/null
fi
# The build stage needs nothing more than apt: the same image serves as debian:bookworm.
docker image inspect debian:bookworm > /dev/null 2>&1 || docker tag debian:bookworm-slim debian:bookworm
