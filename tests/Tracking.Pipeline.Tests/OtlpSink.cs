using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>An OTLP/HTTP endpoint on 127.0.0.1 that keeps the metrics a host exports, so a test can look for an instrument in them.</summary>
public sealed class OtlpSink : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<byte[]> _metrics = new();

    public OtlpSink()
    {
        Endpoint = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _ = ReceiveAsync();
    }

    public Uri Endpoint { get; }

    /// <summary>Settings that make a host export to this sink every half second.</summary>
    public IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
    };

    /// <summary>Whether some exported metrics payload holds all these strings (protobuf keeps names and attribute values as plain UTF-8).</summary>
    public bool Received(params string[] texts) =>
        _metrics.Any(payload => texts.All(text => payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0));

    public void Dispose() => _listener.Close();

    private async Task ReceiveAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/metrics")
            {
                _metrics.Enqueue(body.ToArray());
            }

            context.Response.StatusCode = (int)HttpStatusCode.OK;
            context.Response.Close();
        }
    }
}
