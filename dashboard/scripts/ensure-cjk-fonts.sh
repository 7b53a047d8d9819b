#!/usr/bin/env bash
# Installs Debian's Noto CJK fonts once per machine, so Chinese keywords in the browser tests' screenshots
# read as text rather than boxes. Idempotent.
set -euo pipefail
if ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y fonts-noto-cjk >/dev/null 2>&1 || {
    $SUDO apt-get update >/dev/null
    $SUDO apt-get install -y fonts-noto-cjk >/dev/null
  }
fi
