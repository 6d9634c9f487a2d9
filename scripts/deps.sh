#!/usr/bin/env bash
# Installs, from Debian's packages, whatever the build, the tests and the benchmarks need
# and the machine lacks. Does nothing when everything is present.
set -euo pipefail

pkgs=(build-essential cmake pkg-config libyaml-dev libcmocka-dev libxml2-dev libjson-c-dev
      libsqlite3-dev sqlite3 libxml2-utils python3 chromium clang man-db groff-base
      libmicrohttpd-dev libgnutls28-dev nettle-dev chromium-driver python3-selenium openssl curl # accord serve and its tests
      wrk # make bench: the review server's requests per second
      libopenmpi-dev openmpi-bin) # MPI: accord sweep --mpi (cmake -DACCORD_MPI=ON)
for extra in "$@"; do pkgs+=("$extra"); done

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "deps: need root to install: ${missing[*]}" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
