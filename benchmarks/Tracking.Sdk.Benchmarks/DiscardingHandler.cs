using System.Net;

namespace Tracking.Sdk.Benchmarks;

/// <summary>Answers every batch 200 in-process, so the benchmark measures the SDK, not a network.</summary>
internal sealed class DiscardingHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"accepted\":0,\"rejected\":[]}") });
}
