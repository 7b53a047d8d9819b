using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Tracking.Testing;

/// <summary>
/// The real single-node host (src/Tracking.Host) as an OS process on 127.0.0.1 with its own data
/// folder and free ports, so tests can kill -9 it and start it again on the same data. Its output is
/// kept for failure messages and, with <see cref="LogFile"/>, also appended to a file that outlives the run.
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

    /// <summary>Chosen free, but another process may take it before the host binds it; <see cref="StartAsync"/> then moves to new ports.</summary>
    public int HttpPort { get; private set; }

    public int ClickHousePort { get; private set; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public string WriteKey { get; init; } = "wk_test_" + Guid.NewGuid().ToString("N");

    public string ReadKey { get; init; } = "rk_test_" + Guid.NewGuid().ToString("N");

    /// <summary>The admin key of the /v1/projects API (TRACKING_ADMIN_KEY).</summary>
    public string AdminKey { get; init; } = "ak_test_" + Guid.NewGuid().ToString("N");

    /// <summary>Password of the embedded ClickHouse's read-only user analyst (TRACKING_ANALYST_PASSWORD).</summary>
    public string AnalystPassword { get; init; } = "ap_test_" + Guid.NewGuid().ToString("N");

    /// <summary>The host binary; by default the one copied next to the test binaries.</summary>
    public string HostDll { get; init; } = Path.Combine(AppContext.BaseDirectory, "Tracking.Host.dll");

    /// <summary>A file the output is appended to as well, so a failed run can be read afterwards.</summary>
    public string? LogFile { get; init; }

    /// <summary>
    /// A file that holds the PID of the running host, so a script can stop it if the program that
    /// started it dies first (scripts/smoke-kafka.sh).
    /// </summary>
    public string? PidFile { get; init; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>The SQL port with the analyst's credentials as user info (curl and <see cref="ClickHouseHttp"/> send them as Basic auth).</summary>
    public Uri ClickHouseAddress => new($"http://analyst:{AnalystPassword}@127.0.0.1:{ClickHousePort}/");

    /// <summary>The SQL port as a project's own user: the project id as user name, one of its read keys as password.</summary>
    public Uri ProjectClickHouseAddress(string projectId, string readKey) =>
        new UriBuilder("http", "127.0.0.1", ClickHousePort) { UserName = Uri.EscapeDataString(projectId), Password = Uri.EscapeDataString(readKey) }.Uri;

    /// <summary>
    /// The embedded ClickHouse as the host's own user (full power, password from the data folder once the
    /// host started): for tests that break the store under the host on purpose.
    /// </summary>
    public Uri InternalClickHouseAddress
    {
        get
        {
            var users = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(DataDir, "clickhouse-users.json")))!;
            return new($"http://tracking:{(string)users["internalPassword"]!}@127.0.0.1:{ClickHousePort}/");
        }
    }

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

    /// <summary>The exit code once the host has exited, else null.</summary>
    public int? ExitCode => _process is { HasExited: true } process ? process.ExitCode : null;

    public async Task StartAsync(TimeSpan? timeout = null, CancellationToken cancel = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var outputBefore = Output.Length;
            try
            {
                await StartOnceAsync(timeout, cancel);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && LostAChosenPort(Output[outputBefore..]))
            {
                // A port picked free was taken (by another test process) before the host bound it.
                HttpPort = FreePort.Next();
                ClickHousePort = FreePort.Next();
            }
        }
    }

    private bool LostAChosenPort(string output) =>
        output.Contains($"127.0.0.1:{HttpPort} is already in use", StringComparison.Ordinal)
        || output.Contains($"127.0.0.1:{ClickHousePort} is already in use", StringComparison.Ordinal);

    private async Task StartOnceAsync(TimeSpan? timeout, CancellationToken cancel)
    {
        Directory.CreateDirectory(DataDir);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { HostDll },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDir,
        };
        start.Environment["TRACKING_DATA_DIR"] = DataDir;
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["TRACKING_WRITE_KEY"] = WriteKey;
        start.Environment["TRACKING_READ_KEY"] = ReadKey;
        start.Environment["TRACKING_ADMIN_KEY"] = AdminKey;
        start.Environment["TRACKING_ANALYST_PASSWORD"] = AnalystPassword;
        start.Environment["TRACKING_CHDB_LIBRARY"] = RepoPaths.ChdbLibrary;
        start.Environment["ClickHouse__Embedded__Port"] = ClickHousePort.ToString(CultureInfo.InvariantCulture);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Tracking__SdkDir"] = RepoPaths.SdkJs;
        foreach (var (key, value) in Settings)
        {
            start.Environment[key] = value;
        }

        Append($"---- {DateTime.UtcNow:O} starting the host on {BaseAddress} (ClickHouse port {ClickHousePort})");
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        if (PidFile is not null)
        {
            await File.WriteAllTextAsync(PidFile, _process.Id.ToString(CultureInfo.InvariantCulture), cancel);
        }

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
                // Unlike HasExited, this also waits until the output has been read to the end.
                await _process.WaitForExitAsync(cancel);
                throw new InvalidOperationException($"host exited with {_process.ExitCode}:\n{Output}");
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

            await Task.Delay(100, cancel);
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
            Append($"---- {DateTime.UtcNow:O} killed the host with SIGKILL");
        }
    }

    /// <summary>SIGTERM and wait for a graceful exit.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

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
            if (LogFile is not null)
            {
                File.AppendAllText(LogFile, line + Environment.NewLine);
            }
        }
    }
}
