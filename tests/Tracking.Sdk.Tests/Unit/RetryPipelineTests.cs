using System.Net;
using Polly;
using Polly.Timeout;
using Tracking.Sdk.Delivery;

namespace Tracking.Sdk.Tests.Unit;

public class RetryPipelineTests
{
    private static bool Retries(HttpStatusCode status, int attempt = 0) =>
        RetryPipeline.ShouldRetry(Outcome.FromResult(new HttpResponseMessage(status)), attempt, maxServerErrorRetries: 3, CancellationToken.None);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public void Collector_away_statuses_retry_without_limit(HttpStatusCode status) => Assert.True(Retries(status, attempt: 1_000));

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public void Server_errors_retry_a_bounded_number_of_times(HttpStatusCode status)
    {
        Assert.True(Retries(status, attempt: 2));
        Assert.False(Retries(status, attempt: 3));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(HttpStatusCode.NotFound)]
    public void Final_statuses_do_not_retry(HttpStatusCode status) => Assert.False(Retries(status));

    [Fact]
    public void Connection_failures_and_timeouts_retry_but_shutdown_does_not()
    {
        Assert.True(RetryPipeline.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("refused")), 50, 3, CancellationToken.None));
        Assert.True(RetryPipeline.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()), 50, 3, CancellationToken.None));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.False(RetryPipeline.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("refused")), 0, 3, cancelled.Token));
    }

    [Fact]
    public void Retry_after_seconds_is_honoured_on_429_and_503_only_and_capped()
    {
        using var busy = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), RetryPipeline.RetryAfter(busy, TimeSpan.FromMinutes(1), TimeProvider.System));
        Assert.Equal(TimeSpan.FromSeconds(5), RetryPipeline.RetryAfter(busy, TimeSpan.FromSeconds(5), TimeProvider.System));

        using var error = new HttpResponseMessage(HttpStatusCode.InternalServerError);
        error.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        Assert.Null(RetryPipeline.RetryAfter(error, TimeSpan.FromMinutes(1), TimeProvider.System));

        using var noHeader = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        Assert.Null(RetryPipeline.RetryAfter(noHeader, TimeSpan.FromMinutes(1), TimeProvider.System));
    }

    [Fact]
    public void Retry_after_date_is_relative_to_now()
    {
        using var busy = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(30));
        var delay = RetryPipeline.RetryAfter(busy, TimeSpan.FromMinutes(1), TimeProvider.System)!.Value;
        Assert.InRange(delay, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
    }
}
