using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Tracking.Testing;

/// <summary>The landing report as a user gets it: GET /v1/reports/landing with the read key.</summary>
public static class ReportClient
{
    public static async Task<List<JsonObject>> LandingAsync(HostProcess host, string groupBy, DateTimeOffset from, DateTimeOffset to, string extra = "")
    {
        using var http = host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.ReadKey);
        var url = $"v1/reports/landing?groupBy={groupBy}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}{extra}";
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"report answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
    }
}
