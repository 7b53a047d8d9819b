using System.Net;
using System.Text.Json.Nodes;

namespace Tracking.Testing;

/// <summary>
/// Plain SQL over the embedded ClickHouse's HTTP interface, as an analyst would use it. The endpoint's
/// user info (<c>http://analyst:password@host:port/</c>) is sent as Basic authentication.
/// </summary>
public static class ClickHouseHttp
{
    public static async Task<string> QueryAsync(Uri endpoint, string sql)
    {
        var (status, text) = await SendAsync(endpoint, sql);
        if (status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"ClickHouse {(int)status}: {text}\nSQL: {sql}");
        }

        return text;
    }

    /// <summary>Sends <paramref name="sql"/> to <paramref name="pathAndQuery"/> (URL parameters such as database= or param_x=) and returns the answer, whatever it is.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> SendAsync(Uri endpoint, string sql, string pathAndQuery = "/")
    {
        using var http = CreateClient(endpoint);
        using var response = await http.PostAsync(new Uri(pathAndQuery, UriKind.Relative), new StringContent(sql));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An HttpClient for <paramref name="endpoint"/> that signs in with the user info it carries.</summary>
    public static HttpClient CreateClient(Uri endpoint, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = new UriBuilder(endpoint) { UserName = "", Password = "" }.Uri, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        if (endpoint.UserInfo.Length > 0)
        {
            var credentials = Uri.UnescapeDataString(endpoint.UserInfo);
            http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));
        }

        return http;
    }

    public static async Task<long> CountAsync(Uri endpoint, string sql) =>
        long.Parse((await QueryAsync(endpoint, sql)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<List<JsonObject>> RowsAsync(Uri endpoint, string sql)
    {
        var text = await QueryAsync(endpoint, sql + " FORMAT JSONEachRow");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
    }

    /// <summary>Waits until the loader made <paramref name="expected"/> distinct events (or <paramref name="aggregate"/>) queryable.</summary>
    public static async Task WaitForEventsAsync(Uri endpoint, long expected, TimeSpan? timeout = null, string where = "1", string table = "tracking.events", string aggregate = "uniqExact(message_id)")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        long seen = -1;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                seen = await CountAsync(endpoint, $"SELECT {aggregate} FROM {table} WHERE {where}");
                if (seen >= expected)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (InvalidOperationException)
            {
                // The table appears with the first migration; until then there is nothing to count.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"only {seen} of {expected} events became queryable");
    }
}
