using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Xunit;

namespace Tracking.Pipeline.Tests;

/// <summary>Every kind of bad funnel request gets a 400 whose message names the parameter, never a stack trace.</summary>
public sealed class FunnelBadInputTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string TwoSteps = "step=page:/a&step=event:signup";

    [Theory]
    [InlineData("step=page:/a", "step")]
    [InlineData("", "step")]
    [InlineData("step=page:/1&step=page:/2&step=page:/3&step=page:/4&step=page:/5&step=page:/6&step=page:/7&step=page:/8&step=page:/9&step=page:/10&step=page:/11", "step")]
    [InlineData("step=click:/a&step=event:signup", "step")]
    [InlineData("step=/pricing&step=event:signup", "step")]
    [InlineData("step=page:&step=event:signup", "step")]
    [InlineData("step=page:/a&step=event:", "step")]
    [InlineData("step=page:/a&step=event:{plan=pro}", "step")]
    [InlineData("step=page:/a&step=event:signup{plan}", "step")]
    [InlineData("step=page:/a&step=event:signup{plan=pro", "step")]
    [InlineData("step=page:/a&step=event:signup{}", "step")]
    [InlineData(TwoSteps + "&window=1w", "window")]
    [InlineData(TwoSteps + "&window=0", "window")]
    [InlineData(TwoSteps + "&window=-5m", "window")]
    [InlineData(TwoSteps + "&window=1.5h", "window")]
    [InlineData(TwoSteps + "&window=367d", "window")]
    [InlineData(TwoSteps + "&unit=people", "unit")]
    [InlineData(TwoSteps + "&order=any", "order")]
    [InlineData(TwoSteps + "&breakdown=device", "breakdown")]
    [InlineData(TwoSteps + "&breakdown=keyword&sort=count", "sort")]
    [InlineData(TwoSteps + "&breakdown=keyword&limit=0", "limit")]
    [InlineData(TwoSteps + "&breakdown=keyword&limit=10001", "limit")]
    [InlineData(TwoSteps + "&from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z", "from")]
    [InlineData(TwoSteps + "&from=2024-05-01T00:00:00Z&to=2024-05-01T00:00:00Z", "from")]
    [InlineData(TwoSteps + "&from=2023-01-01T00:00:00Z&to=2024-05-01T00:00:00Z", "from")]
    [InlineData(TwoSteps + "&to=tomorrow", "to")]
    [InlineData(TwoSteps + "&keyPath=onboarding", "keyPath")]
    [InlineData("keyPath=onboarding", "keyPath")]
    [InlineData(TwoSteps + "&unit=visitors&unit=sessions", "unit")]
    [InlineData(TwoSteps + "&campaign=spring", "campaign")]
    public async Task Bad_parameters_get_a_400_naming_the_parameter(string query, string parameter)
    {
        using var http = fixture.Host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Host.ReadKey);
        using var response = await http.GetAsync(new Uri("v1/reports/funnel?" + query.Replace("{", "%7B", StringComparison.Ordinal).Replace("}", "%7D", StringComparison.Ordinal), UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        var error = JsonNode.Parse(text)!["error"]!.GetValue<string>();
        Assert.StartsWith(parameter + ":", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_funnel_needs_the_read_key()
    {
        using var http = fixture.Host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Host.WriteKey);
        using var response = await http.GetAsync(new Uri("v1/reports/funnel?" + TwoSteps, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
