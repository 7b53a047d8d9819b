# The two commands of the quick start are `make run` and `make test`.
.PHONY: run test build report bench smoke-kafka

run:
	@scripts/run.sh

test:
	@scripts/test.sh

build:
	@scripts/setup.sh

# make report ARGS="--group-by keyword --from 2024-05-01T00:00:00Z"
report:
	@dotnet src/Tracking.Host/bin/Release/net10.0/Tracking.Host.dll report landing $(ARGS)

# End-to-end benchmark against the machine's own ceilings, then the Kafka path (BENCH_SECONDS=15 for a quick run).
bench:
	@scripts/bench.sh

# Collector and loader as separate processes over a real Apache Kafka broker (also part of `make test`).
smoke-kafka:
	@scripts/setup.sh && scripts/smoke-kafka.sh
