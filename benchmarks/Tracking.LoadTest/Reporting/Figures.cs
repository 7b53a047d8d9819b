using System.Globalization;

namespace Tracking.LoadTest.Reporting;

/// <summary>Rounding, percentiles and table rows shared by the result reports.</summary>
internal static class Figures
{
    public static double Round(double value, int digits = 1) => double.IsFinite(value) ? Math.Round(value, digits) : value;

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>The p99 of ack → queryable delays; infinite when some marker never became queryable, since its delay is unbounded.</summary>
    public static double QueryableP99(double[] sortedDelays, int unseen) =>
        unseen > 0 ? double.PositiveInfinity : Round(Percentile(sortedDelays, 99));

    /// <summary>CPU seconds spread over events, in microseconds per event.</summary>
    public static double UsPerEvent(double cpuSeconds, long events) => Round(cpuSeconds * 1e6 / Math.Max(1, events));

    public static void Row(TextWriter output, string name, string value, string target) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-29} {value,-13} {target}"));
}
