#!/usr/bin/env bash
# Starts ZooKeeper and one Apache Kafka 0.9.0.1 broker on free 127.0.0.1 ports, with their data in
# RUN_DIR (which should be fresh), and waits until the broker has registered and serves requests.
# Runs the jars directly with the machine's Java: the distribution's shell scripts predate Java 9.
# Prints the bootstrap address (127.0.0.1:PORT); writes RUN_DIR/{zookeeper,kafka}.pid and
# RUN_DIR/bootstrap. Stop with scripts/kafka/stop.sh RUN_DIR (it kills exactly those PIDs).
# Usage: scripts/kafka/start.sh RUN_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:?usage: start.sh RUN_DIR}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
home="$("$here/install.sh")"

# A port nothing listens on now. Another process may take it before we bind: start() retries then.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# launch NAME MAIN_CLASS CONFIG HEAP: one JVM in the background, its PID in RUN_DIR/NAME.pid.
launch() {
  local name=$1 main=$2 config=$3 heap=$4
  # setsid: the JVMs must not get the terminal's signals (Ctrl-C goes to the smoke script, whose trap stops them).
  setsid java -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$here/log4j.properties" -Dkafka.logs.dir="$dir/logs" \
    -cp "$home/libs/*" "$main" "$config" </dev/null >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

render() { # template output
  sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$port|g" -e "s|@ZK_PORT@|$zk_port|g" "$1" >"$2"
}

zk_ready() {
  local answer=""
  exec 3<>"/dev/tcp/127.0.0.1/$zk_port" || return 1
  printf ruok >&3
  read -r -t 2 answer <&3 || true
  exec 3>&-
  [ "$answer" = imok ]
}

# The broker logs "started" after it registered in ZooKeeper and opened its port.
broker_ready() {
  grep -q 'Kafka Server 0\], started' "$dir/kafka.log" 2>/dev/null &&
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

wait_for() { # check pidfile seconds
  local deadline=$((SECONDS + $3))
  while [ $SECONDS -lt $deadline ]; do
    alive "$2" || return 1
    if "$1" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  return 1
}

start() {
  rm -rf "$dir/zookeeper" "$dir/kafka-logs" "$dir/logs"
  mkdir -p "$dir/zookeeper" "$dir/kafka-logs" "$dir/logs"
  zk_port=$(free_port)
  port=$(free_port)
  while [ "$port" = "$zk_port" ]; do port=$(free_port); done
  render "$here/zookeeper.properties" "$dir/zookeeper.properties"
  render "$here/server.properties" "$dir/server.properties"

  launch zookeeper org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/zookeeper.properties" 256m
  wait_for zk_ready "$dir/zookeeper.pid" 60 || return 1
  launch kafka kafka.Kafka "$dir/server.properties" 768m
  wait_for broker_ready "$dir/kafka.pid" 90 || return 1
  echo "127.0.0.1:$port" >"$dir/bootstrap"
}

for attempt in 1 2 3; do
  if start; then
    cat "$dir/bootstrap"
    exit 0
  fi
  echo "kafka start attempt $attempt failed; last broker and ZooKeeper output:" >&2
  tail -n 20 "$dir/zookeeper.log" "$dir/kafka.log" >&2 2>/dev/null || true
  "$here/stop.sh" "$dir"
done
exit 1
