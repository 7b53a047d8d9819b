using System.Globalization;

namespace Tracking.LoadTest.Reporting;

/// <summary>What every result file or section records besides its figures: when, where, how busy the shared machine was, which targets were met.</summary>
internal abstract class RunReport
{
    public string MeasuredAt { get; } = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    public int Cores { get; } = Machine.Cores;

    public int Connections { get; init; }

    /// <summary>1-minute load average before and after each phase: the machine is shared.</summary>
    public Dictionary<string, double> LoadAverage { get; } = [];

    public Dictionary<string, bool> Targets { get; } = [];

    /// <summary>Why the run stopped before its end (null when it completed): the figures above are those measured until then.</summary>
    public string? Failure { get; set; }

    protected string LoadAverages => string.Join(" / ", LoadAverage.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:F1}")));

    protected void PrintTargets(TextWriter output)
    {
        output.WriteLine("  targets: " + string.Join(", ", Targets.Select(t => $"{t.Key} {(t.Value ? "met" : "MISSED")}")));
        if (Failure is not null)
        {
            output.WriteLine($"  FAILED before the end: {Failure}");
        }
    }
}
