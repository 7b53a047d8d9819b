using System.Globalization;

namespace Tracking.LoadTest;

/// <summary>Facts about this machine and its processes from /proc (Linux only, like the project).</summary>
internal static class Machine
{
    public static int Cores => Environment.ProcessorCount;

    /// <summary>The 1-minute load average: how busy the shared machine was around a measurement.</summary>
    public static double LoadAverage()
    {
        var text = File.ReadAllText("/proc/loadavg");
        return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>The whole machine's CPU time so far, in ticks: all of it, and what the hypervisor stole for other guests.</summary>
    public static (long Total, long Steal) MachineCpuTicks()
    {
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"; guest time is inside user.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = fields[1..9].Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (ticks.Sum(), ticks[7]);
    }

    /// <summary>Percentage of the machine's CPU time stolen between two <see cref="MachineCpuTicks"/> readings.</summary>
    public static double StealPercent((long Total, long Steal) before, (long Total, long Steal) after) =>
        after.Total > before.Total ? 100.0 * (after.Steal - before.Steal) / (after.Total - before.Total) : 0;

    /// <summary>Peak resident set size (VmHWM) of a process, in MB.</summary>
    public static double PeakRssMb(int pid) => StatusKb(pid, "VmHWM:") / 1024.0;

    /// <summary>CPU time (user + system) a process has used so far, in seconds.</summary>
    public static double CpuSeconds(int pid)
    {
        // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14th and 15th.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    private static long StatusKb(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{field} not in /proc/{pid}/status");
    }
}
