using System.Diagnostics;
using System.Globalization;
using Tracking.Testing;

namespace Tracking.LoadTest.Ceilings;

/// <summary>This program in <c>bare-http</c> mode as a child process on a free loopback port.</summary>
internal sealed class BareHttpProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BareHttpProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<BareHttpProcess> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(BareHttpServer).Assembly.Location, "bare-http", port.ToString(CultureInfo.InvariantCulture) },
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the bare HTTP server");
        var server = new BareHttpProcess(process, port);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while it starts on a busy machine: ask again until the deadline.
            }

            await Task.Delay(100, cancellationToken);
        }

        await server.DisposeAsync();
        throw new TimeoutException("the bare HTTP server did not start");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
