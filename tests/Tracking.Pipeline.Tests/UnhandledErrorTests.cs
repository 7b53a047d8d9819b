using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>Its own host: the test breaks the store under it.</summary>
public sealed class UnhandledErrorTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task An_unhandled_error_is_a_json_500_with_the_trace_id_its_log_line_carries()
    {
        // A store that lost a table the reports read: the kind of failure no validation can foresee.
        await ClickHouseHttp.QueryAsync(fixture.Host.InternalClickHouseAddress, "DROP TABLE tracking.sessions");

        using var http = fixture.Host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Host.ReadKey);
        http.DefaultRequestHeaders.Accept.ParseAdd("text/html"); // even a client that asks for HTML gets the JSON problem
        using var response = await http.GetAsync(new Uri("v1/reports/landing", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!;
        Assert.Equal(500, (int)body["status"]!);
        var traceId = (string)body["traceId"]!;
        Assert.False(string.IsNullOrWhiteSpace(traceId));
        Assert.Contains(traceId, (string)body["error"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("sessions", text, StringComparison.Ordinal); // no internals in the answer
        await WaitForAsync(() => fixture.Host.Output.Contains($"Unhandled error, traceId {traceId}", StringComparison.Ordinal));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition());
    }
}
