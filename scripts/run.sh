#!/usr/bin/env bash
# The main job: the whole pipeline on the single-node embedded default (collector, embedded log,
# loader, embedded ClickHouse, reports, dashboard) in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export TRACKING_DATA_DIR="${TRACKING_DATA_DIR:-$PWD/data}"
exec dotnet src/Tracking.Host/bin/Release/net10.0/Tracking.Host.dll "$@"
