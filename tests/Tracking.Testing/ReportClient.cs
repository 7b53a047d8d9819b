using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Tracking.Testing;

/// <summary>The reports as a user gets them: GET /v1/reports/... with the read key.</summary>
public static class ReportClient
{
    public static async Task<List<JsonObject>> LandingAsync(HostProcess host, string groupBy, DateTimeOffset from, DateTimeOffset to, string extra = "") =>
        (await GetAsync(host, $"landing?groupBy={groupBy}&{Range(from, to)}{extra}"))["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();

    /// <summary>The from and to parameters of a range.</summary>
    public static string Range(DateTimeOffset from, DateTimeOffset to) =>
        $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";

    /// <summary>GET /v1/reports/{pathAndQuery} that the report should refuse: its status and the error it names.</summary>
    public static async Task<(System.Net.HttpStatusCode Status, string Error)> RefusalAsync(HostProcess host, string pathAndQuery)
    {
        using var http = host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.ReadKey);
        using var response = await http.GetAsync(new Uri("v1/reports/" + pathAndQuery, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)?["error"]?.GetValue<string>() ?? text);
    }

    /// <summary>GET /v1/reports/{pathAndQuery}; throws with the answer's body unless it is 200.</summary>
    public static async Task<JsonObject> GetAsync(HostProcess host, string pathAndQuery)
    {
        using var http = host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.ReadKey);
        using var response = await http.GetAsync(new Uri("v1/reports/" + pathAndQuery, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"report answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }
}
