#!/usr/bin/env bash
# Installs the embedded ClickHouse engine (chDB) from its npm package, once per machine.
# Prints the path of libchdb.so. Idempotent: a finished install is reused.
set -euo pipefail
version="${CHDB_VERSION:-26.5.3}"
root="${TRACKING_DEPS_DIR:-$HOME/.cache/tracking}/chdb-$version"
lib="$root/package/libchdb.so"
if [ ! -f "$root/.complete" ]; then
  mkdir -p "$root"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "@chdb/lib-linux-x64-gnu@$version" >/dev/null 2>&1)
  rm -rf "$root/package"
  tar -xzf "$tmp"/chdb-lib-linux-x64-gnu-"$version".tgz -C "$root"
  test -f "$lib"
  touch "$root/.complete"
fi
echo "$lib"
