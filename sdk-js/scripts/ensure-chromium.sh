#!/usr/bin/env bash
# Installs Debian's Chromium (used headless by the browser tests) once per machine.
# Idempotent: does nothing when the browser is already there. Prints its path.
set -euo pipefail
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if ! [ -x "$bin" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y chromium >/dev/null 2>&1 || {
    $SUDO apt-get update >/dev/null
    $SUDO apt-get install -y chromium >/dev/null
  }
  test -x "$bin"
fi
echo "$bin"
