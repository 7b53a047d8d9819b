#!/usr/bin/env bash
# Installs and builds everything the pipeline needs, idempotently: the embedded ClickHouse engine,
# the snippet's and the dashboard's npm packages and builds, and the .NET solution (Release, which copies
# the dashboard build into the host).
# Usage: scripts/setup.sh [--with-browser]   (--with-browser also installs Chromium for the browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

say "embedded ClickHouse (chDB)"
scripts/install-chdb.sh >/dev/null

if [ -f sdk-js/package.json ]; then
  say "sdk-js: npm packages and snippet build"
  stamp=sdk-js/node_modules/.lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s sdk-js/package-lock.json "$stamp"; then
    (cd sdk-js && npm ci --no-audit --no-fund --loglevel=error)
    cp sdk-js/package-lock.json "$stamp"
  fi
  (cd sdk-js && npm run --silent build)
fi

if [ -f dashboard/package.json ]; then
  say "dashboard: npm packages and build"
  stamp=dashboard/node_modules/.lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s dashboard/package-lock.json "$stamp"; then
    (cd dashboard && npm ci --no-audit --no-fund --loglevel=error)
    cp dashboard/package-lock.json "$stamp"
  fi
  (cd dashboard && npm run --silent build)
fi

if [ "${1:-}" = "--with-browser" ] && [ -x sdk-js/scripts/ensure-chromium.sh ]; then
  say "Chromium and CJK fonts for the browser tests"
  sdk-js/scripts/ensure-chromium.sh
  dashboard/scripts/ensure-cjk-fonts.sh
fi

say ".NET build (Release)"
dotnet build Tracking.sln -c Release --nologo -v quiet -clp:ErrorsOnly
