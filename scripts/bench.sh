#!/usr/bin/env bash
# Benchmarks on this machine (see benchmarks/README.md). Bounded in time, loopback only, stops by itself.
#   scripts/bench.sh          end-to-end: host under load + HTTP and insert ceilings, then the Kafka path
#                             -> benchmarks/results/e2e.json (single node at the top level, Kafka under "kafka")
#   scripts/bench.sh e2e      the single-node phase only (keeps the file's "kafka" section)
#   scripts/bench.sh kafka    the Kafka path only: collector and loader roles over librdkafka's mock cluster
#                             (keeps the single-node figures)
#   scripts/bench.sh reports  every report over 10M events                          -> benchmarks/results/reports.json
#   scripts/bench.sh micro    BenchmarkDotNet hot-path suite (extra arguments go to BenchmarkDotNet)
#   scripts/bench.sh all      e2e, kafka, then reports
# Knobs: BENCH_SECONDS (60), BENCH_WARMUP_SECONDS (5), BENCH_CONNECTIONS (64), BENCH_RATE (events/s; paced
# instead of back to back), BENCH_SUSTAINED_RATE (100000; events/s of the paced second host phase, where the
# latency and freshness targets apply; 0 skips it; not run when BENCH_RATE paces the first), BENCH_SESSIONS (20000), BENCH_INSERT_ROWS (1000000), BENCH_REPORT_EVENTS
# (10000000), BENCH_REPORT_RUNS (5), BENCH_REPORT_STORE (a folder that keeps the generated store for later runs and for a host started on it; default: a temporary one), BENCH_REPORTS (all; a comma list of the report groups to time: landing, overview, accounts, clicks, funnel; the other reports keep their figures in reports.json), BENCH_HOST_<Name>=<value> (passed to the host as <Name>),
# BENCH_ARTIFACTS (dotnet --artifacts-path; default: the projects' own bin folders), BENCH_KAFKA_SECONDS (10;
# each producing phase of kafka at most), BENCH_KAFKA_PARTITIONS (96; the mock keeps only 5 MB a partition:
# each producing phase stops at the message budget measured from that, so more partitions allow longer phases).
# A failing phase prints one line on stderr and exits 1, with the figures measured until then written.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-default}"
[ $# -gt 0 ] && shift

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

TRACKING_CHDB_LIBRARY="$(scripts/install-chdb.sh)"
export TRACKING_CHDB_LIBRARY
export BENCH_RESULTS_DIR="${BENCH_RESULTS_DIR:-$PWD/benchmarks/results}"

build_args=(-c Release --nologo -v quiet -clp:ErrorsOnly)
output() { # project -> folder of its Release build
  if [ -n "${BENCH_ARTIFACTS:-}" ]; then echo "$BENCH_ARTIFACTS/bin/$1/release"; else echo "benchmarks/$1/bin/Release/net10.0"; fi
}
if [ -n "${BENCH_ARTIFACTS:-}" ]; then build_args+=(--artifacts-path "$BENCH_ARTIFACTS"); fi

run_load_test() {
  say "build benchmarks/Tracking.LoadTest (Release, with the host)"
  dotnet build benchmarks/Tracking.LoadTest/Tracking.LoadTest.csproj "${build_args[@]}"
  for phase in "$@"; do
    say "Tracking.LoadTest $phase (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
    dotnet "$(output Tracking.LoadTest)/Tracking.LoadTest.dll" "$phase"
  done
}

case "$mode" in
  default) run_load_test e2e kafka ;;
  e2e | kafka | reports) run_load_test "$mode" ;;
  all) run_load_test e2e kafka reports ;;
  micro)
    say "build benchmarks/Tracking.Benchmarks (Release)"
    dotnet build benchmarks/Tracking.Benchmarks/Tracking.Benchmarks.csproj "${build_args[@]}"
    say "BenchmarkDotNet (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
    dotnet "$(output Tracking.Benchmarks)/Tracking.Benchmarks.dll" --filter "${BENCH_FILTER:-*}" --artifacts "${TMPDIR:-/tmp}/tracking-bdn" "$@"
    ;;
  *) echo "usage: scripts/bench.sh [e2e|kafka|reports|micro|all]" >&2; exit 2 ;;
esac
