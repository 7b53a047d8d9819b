using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Tracking.Pipeline.Tests;

[Collection(LandingDatasetCollection.Name)]
public sealed class ReportParameterTests(LandingReportFixture fixture)
{
    [Theory]
    [InlineData("landing?groupBy=referrer", "groupBy")]
    [InlineData("landing?groupBy=page&from=yesterday", "from")]
    [InlineData("landing?groupBy=page&from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z", "from")]
    [InlineData("landing?groupBy=page&browser=Chrome", "browser")]
    [InlineData("landing?groupBy=page&device=phone", "device")]
    [InlineData("timeseries?metrics=sessions,pageviews", "metrics")]
    [InlineData("timeseries?interval=week", "interval")]
    [InlineData("timeseries?tz=Mars/Olympus_Mons", "tz")]
    [InlineData("timeseries?tz=CST", "tz")]
    [InlineData("timeseries?browser=Chrome", "browser")]
    [InlineData("timeseries?device=phone", "device")]
    [InlineData("timeseries?from=yesterday", "from")]
    [InlineData("breakdown?by=city", "by")]
    [InlineData("breakdown?by=keyword&limit=0", "limit")]
    [InlineData("breakdown?by=keyword&limit=10001", "limit")]
    [InlineData("breakdown?by=keyword&sort=clicks", "sort")]
    [InlineData("breakdown?by=keyword&other=yes", "other")]
    [InlineData("breakdown?by=keyword&campaign=spring", "campaign")]
    [InlineData("clicks", "page")]
    [InlineData("clicks?page=/pricing&limit=0", "limit")]
    [InlineData("clicks?page=/pricing&device=phone", "device")]
    [InlineData("clicks?page=/pricing&from=yesterday", "from")]
    [InlineData("clicks?page=/pricing&start=/", "start")]
    [InlineData("exits?sort=clicks", "sort")]
    [InlineData("exits?limit=10001", "limit")]
    [InlineData("exits?page=/&page=/pricing", "page")]
    [InlineData("paths?depth=0", "depth")]
    [InlineData("paths?depth=11", "depth")]
    [InlineData("paths?depth=three", "depth")]
    [InlineData("paths?start=/pricing&to=2024-13-01", "to")]
    public async Task Bad_parameters_get_a_400_naming_the_parameter(string pathAndQuery, string parameter)
    {
        using var http = fixture.Host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Host.ReadKey);
        using var response = await http.GetAsync(new Uri("v1/reports/" + pathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
        Assert.StartsWith(parameter + ":", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timeseries")]
    [InlineData("breakdown?by=keyword")]
    [InlineData("clicks?page=/pricing")]
    [InlineData("exits")]
    [InlineData("paths")]
    public async Task Every_report_needs_the_read_key(string pathAndQuery)
    {
        using var http = fixture.Host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Host.WriteKey);
        using var response = await http.GetAsync(new Uri("v1/reports/" + pathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
