using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tracking.Sdk.Tests.Support;

/// <summary>What the test collector answers to one request.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Body">Response JSON; for 200 the default is everything accepted.</param>
/// <param name="RetryAfterSeconds">A <c>Retry-After</c> header.</param>
public sealed record Answer(int Status = 200, string? Body = null, int? RetryAfterSeconds = null)
{
    public static Answer Accept { get; } = new();
}

/// <summary>One request the test collector received.</summary>
public sealed record ReceivedRequest(int Number, DateTime ReceivedAtUtc, string? Authorization, string? ContentEncoding, JsonElement Body)
{
    public IReadOnlyList<JsonElement> Events => [.. Body.GetProperty("batch").EnumerateArray()];

    public IEnumerable<string> MessageIds => Events.Select(e => e.GetProperty("messageId").GetString()!);
}

/// <summary>
/// A real HTTP endpoint (Kestrel on 127.0.0.1) standing in for the collector in tests of the SDK's
/// HTTP behaviour: it records every request and answers as the test says.
/// </summary>
public sealed class TestCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<ReceivedRequest, Task<Answer>> _respond;
    private readonly ConcurrentQueue<(ReceivedRequest Request, Answer Answer)> _log = new();
    private int _count;

    private TestCollector(Func<ReceivedRequest, Task<Answer>> respond, int port)
    {
        _respond = respond;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v1/batch", HandleAsync);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _log.Select(x => x.Request)];

    /// <summary>Message ids of events in requests answered 2xx (per-event rejections excluded).</summary>
    public IReadOnlyList<string> AcceptedMessageIds =>
    [
        .. _log.Where(x => x.Answer.Status is >= 200 and < 300)
            .SelectMany(x => x.Request.Events.Where((_, i) => !Rejected(x.Answer).Contains(i)))
            .Select(e => e.GetProperty("messageId").GetString()!),
    ];

    public IReadOnlyList<JsonElement> AcceptedEvents =>
    [
        .. _log.Where(x => x.Answer.Status is >= 200 and < 300).SelectMany(x => x.Request.Events.Where((_, i) => !Rejected(x.Answer).Contains(i))),
    ];

    public static Task<TestCollector> StartAsync(Func<ReceivedRequest, Answer>? respond = null, int port = 0) =>
        StartAsync(request => Task.FromResult(respond?.Invoke(request) ?? Answer.Accept), port);

    public static async Task<TestCollector> StartAsync(Func<ReceivedRequest, Task<Answer>> respond, int port = 0)
    {
        var collector = new TestCollector(respond, port);
        await collector._app.StartAsync();
        var address = collector._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        collector.BaseAddress = new Uri(address + "/");
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static HashSet<int> Rejected(Answer answer)
    {
        if (answer.Body is null)
        {
            return [];
        }

        using var doc = JsonDocument.Parse(answer.Body);
        return doc.RootElement.TryGetProperty("rejected", out var rejected)
            ? [.. rejected.EnumerateArray().Select(r => r.GetProperty("index").GetInt32())]
            : [];
    }

    private async Task HandleAsync(HttpContext context)
    {
        var encoding = context.Request.Headers.ContentEncoding.ToString();
        Stream body = context.Request.Body;
        if (encoding == "gzip")
        {
            body = new GZipStream(body, CompressionMode.Decompress);
        }

        using var document = await JsonDocument.ParseAsync(body);
        var request = new ReceivedRequest(
            Interlocked.Increment(ref _count),
            DateTime.UtcNow,
            context.Request.Headers.Authorization.ToString(),
            encoding,
            document.RootElement.Clone());
        var answer = await _respond(request);
        _log.Enqueue((request, answer));
        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var text = answer.Body ?? (answer.Status == (int)HttpStatusCode.OK ? $"{{\"accepted\":{request.Events.Count},\"rejected\":[]}}" : "{\"error\":\"test\"}");
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(text);
    }
}
