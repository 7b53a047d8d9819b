using System.Diagnostics;
using System.Text;

namespace Tracking.Testing;

/// <summary>
/// The real single-node host (src/Tracking.Host) as an OS process on 127.0.0.1 with its own data
/// folder and free ports, so tests can kill -9 it and start it again on the same data.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    public HostProcess(string dataDir, IReadOnlyDictionary<string, string>? settings = null)
    {
        DataDir = dataDir;
        HttpPort = FreePort.Next();
        ClickHousePort = FreePort.Next();
        Settings = settings ?? new Dictionary<string, string>();
    }

    public string DataDir { get; }

    public int HttpPort { get; }

    public int ClickHousePort { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public string WriteKey { get; init; } = "wk_test_" + Guid.NewGuid().ToString("N");

    public string ReadKey { get; init; } = "rk_test_" + Guid.NewGuid().ToString("N");

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}/");

    public Uri ClickHouseAddress => new($"http://127.0.0.1:{ClickHousePort}/");

    /// <summary>What the host printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int? ProcessId => _process?.Id;

    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Tracking.Host.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { hostDll },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDir,
        };
        start.Environment["TRACKING_DATA_DIR"] = DataDir;
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["TRACKING_WRITE_KEY"] = WriteKey;
        start.Environment["TRACKING_READ_KEY"] = ReadKey;
        start.Environment["TRACKING_CHDB_LIBRARY"] = RepoPaths.ChdbLibrary;
        start.Environment["ClickHouse__Embedded__Port"] = ClickHousePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Tracking__SdkDir"] = RepoPaths.SdkJs;
        foreach (var (key, value) in Settings)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("host did not become healthy:\n" + Output);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush; what was acknowledged must survive anyway.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM and wait for a graceful exit.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
