using System.Globalization;

namespace Tracking.Smoke;

internal sealed record SmokeOptions(
    string Bootstrap,
    bool CheckBroker,
    string? HostDll,
    string? WorkDir,
    int Sessions,
    TimeSpan Timeout)
{
    public static SmokeOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var check = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--check-broker")
            {
                check = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i]] = args[++i];
            }
            else
            {
                return null;
            }
        }

        if (!values.TryGetValue("--bootstrap", out var bootstrap))
        {
            return null;
        }

        var hostDll = values.GetValueOrDefault("--host-dll");
        var workDir = values.GetValueOrDefault("--work-dir");
        if (!check && (hostDll is null || workDir is null))
        {
            return null;
        }

        var sessions = values.TryGetValue("--sessions", out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : 1700;
        var seconds = values.TryGetValue("--timeout-seconds", out var t) ? int.Parse(t, CultureInfo.InvariantCulture) : 540;
        return new SmokeOptions(bootstrap, check, hostDll, workDir, sessions, TimeSpan.FromSeconds(seconds));
    }
}
