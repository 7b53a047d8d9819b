#!/usr/bin/env bash
# Stops the broker and ZooKeeper that scripts/kafka/start.sh RUN_DIR started, by their own PIDs:
# SIGTERM, up to 15 s for a clean exit, then SIGKILL. Safe to call twice or after a failed start.
# Usage: scripts/kafka/stop.sh RUN_DIR
set -euo pipefail
dir="${1:?usage: stop.sh RUN_DIR}"

stop_pid() {
  local file="$dir/$1.pid" pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 150); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

# The broker first: it deregisters from ZooKeeper on a clean shutdown.
stop_pid kafka
stop_pid zookeeper
