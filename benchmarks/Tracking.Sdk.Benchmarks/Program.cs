using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Tracking.Sdk.Benchmarks.TrackBenchmarks).Assembly).Run(args);
