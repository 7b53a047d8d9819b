using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process: the project is built once by scripts/bench.sh (with its artifacts path) and BenchmarkDotNet
// does not rebuild a copy of it. Fewer iterations than the default keep a run near five minutes on two cores.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(12));
BenchmarkSwitcher.FromAssembly(typeof(Tracking.Benchmarks.CollectorBenchmarks).Assembly).Run(args, config);
