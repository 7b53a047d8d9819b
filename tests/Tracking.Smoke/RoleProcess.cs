using System.Diagnostics;
using System.Globalization;
using Tracking.Testing;

namespace Tracking.Smoke;

/// <summary>
/// One host process in a role (collector or loader) on 127.0.0.1 with fresh ports, its output appended
/// to a log file in the run folder so a failed run can be read afterwards.
/// </summary>
internal sealed class RoleProcess : IAsyncDisposable
{
    private readonly string _hostDll;
    private readonly string _logFile;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Lock _logLock = new();
    private Process? _process;

    public RoleProcess(string name, string hostDll, string dataDir, string logFile, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        _hostDll = hostDll;
        DataDir = dataDir;
        _logFile = logFile;
        _settings = settings;
        HttpPort = FreePort.Next();
        ClickHousePort = FreePort.Next();
    }

    public string Name { get; }

    public string DataDir { get; }

    public int HttpPort { get; }

    public int ClickHousePort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}/");

    public Uri ClickHouseAddress => new($"http://127.0.0.1:{ClickHousePort}/");

    public bool HasExited => _process is { HasExited: true };

    public async Task StartAsync(TimeSpan timeout, CancellationToken cancel)
    {
        Directory.CreateDirectory(DataDir);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { _hostDll },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDir,
        };
        start.Environment["TRACKING_DATA_DIR"] = DataDir;
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["ClickHouse__Embedded__Port"] = ClickHousePort.ToString(CultureInfo.InvariantCulture);
        start.Environment["TRACKING_CHDB_LIBRARY"] = RepoPaths.ChdbLibrary;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }

        Append($"---- {DateTime.UtcNow:O} starting {Name} on {BaseAddress} (ClickHouse port {ClickHousePort})");
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the {Name}");

        // If this program itself is killed, scripts/smoke-kafka.sh stops the hosts by these PIDs.
        File.WriteAllText(Path.ChangeExtension(_logFile, ".pid"), _process.Id.ToString(CultureInfo.InvariantCulture));
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitHealthyAsync(timeout, cancel);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, no offset commit, no group leave.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            Append($"---- {DateTime.UtcNow:O} killed {Name} with SIGKILL");
        }
    }

    /// <summary>SIGTERM and a graceful exit, SIGKILL after <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(20));
        _process?.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancel)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"the {Name} exited with code {_process.ExitCode} while starting (see {_logFile})");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancel);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancel);
        }

        throw new TimeoutException($"the {Name} did not become healthy in {timeout.TotalSeconds:F0} s (see {_logFile})");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            File.AppendAllText(_logFile, line + Environment.NewLine);
        }
    }
}
