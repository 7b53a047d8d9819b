namespace Tracking.LoadTest.Reporting;

/// <summary>A phase failed after the figures measured until then were written: the program ends with this one line and exit code 1.</summary>
internal sealed class BenchmarkFailedException(string message) : Exception(message);
