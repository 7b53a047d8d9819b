using System.Globalization;
using System.Text;
using Tracking.Reports.Funnel;

namespace Tracking.Host.Cli;

/// <summary>Renders a funnel as text: a row per step with its count, a bar of its conversion from step 1, and the ratios.</summary>
internal static class FunnelTableFormatter
{
    private const int BarWidth = 30;

    public static string Format(FunnelResponse funnel)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{funnel.Unit}, window {funnel.WindowSeconds} s\n");
        AppendSteps(text, funnel.Steps);
        foreach (var breakdown in funnel.Breakdowns ?? [])
        {
            text.Append('\n').Append(breakdown.Value).Append('\n');
            AppendSteps(text, breakdown.Steps);
        }

        return text.ToString();
    }

    private static void AppendSteps(StringBuilder text, IReadOnlyList<FunnelStepResult> steps)
    {
        var lines = new List<string[]> { new[] { "step", "count", "conversion", string.Empty, "from previous", "median (s)" } };
        lines.AddRange(steps.Select(s => new[]
        {
            s.Step,
            s.Count.ToString(CultureInfo.InvariantCulture),
            Bar(s.ConversionFromFirst),
            Percent(s.ConversionFromFirst),
            s.ConversionFromPrevious is { } previous ? Percent(previous) : string.Empty,
            s.MedianSecondsFromPrevious is { } median ? median.ToString("0.#", CultureInfo.InvariantCulture) : string.Empty,
        }));
        var widths = Enumerable.Range(0, lines[0].Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
        foreach (var line in lines)
        {
            // Text columns left-aligned, numbers right-aligned.
            text.AppendJoin("  ", line.Select((cell, c) => c is 0 or 2 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).Append('\n');
        }
    }

    /// <summary>A bar of <see cref="BarWidth"/> cells at 100%, in eighths of a cell.</summary>
    private static string Bar(double fraction)
    {
        var eighths = (int)Math.Round(Math.Clamp(fraction, 0, 1) * BarWidth * 8);
        var bar = new string('█', eighths / 8);
        return eighths % 8 == 0 ? bar : bar + "▏▎▍▌▋▊▉"[(eighths % 8) - 1];
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
