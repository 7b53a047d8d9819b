# The two commands of the quick start are `make run` and `make test`.
.PHONY: run test build report

run:
	@scripts/run.sh

test:
	@scripts/test.sh

build:
	@scripts/setup.sh

# make report ARGS="--group-by keyword --from 2024-05-01T00:00:00Z"
report:
	@dotnet src/Tracking.Host/bin/Release/net10.0/Tracking.Host.dll report landing $(ARGS)
