using System.Text.Json;
using Tracking.Testing;

namespace Tracking.Sdk.Tests.Support;

/// <summary>Plain SQL over the host's ClickHouse HTTP port, as analysts would run it.</summary>
public static class ClickHouseQuery
{
    /// <param name="clickHouse">The SQL port with the analyst's credentials as user info (HostProcess.ClickHouseAddress).</param>
    public static async Task<IReadOnlyList<JsonElement>> RowsAsync(Uri clickHouse, string sql)
    {
        using var http = ClickHouseHttp.CreateClient(clickHouse);
        using var response = await http.PostAsync(new Uri("?query=" + Uri.EscapeDataString(sql + " FORMAT JSON"), UriKind.Relative), null);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"ClickHouse answered {(int)response.StatusCode}: {text}");
        }

        using var document = JsonDocument.Parse(text);
        return [.. document.RootElement.GetProperty("data").EnumerateArray().Select(row => row.Clone())];
    }

    public static async Task<long> CountAsync(Uri clickHouse, string sql)
    {
        var row = (await RowsAsync(clickHouse, sql)).Single();
        var value = row.EnumerateObject().First().Value;
        return value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : value.GetInt64();
    }

    /// <summary>
    /// Counts once the host has loaded everything it acknowledged so far (<see cref="LoadMarker"/>): call it
    /// after the client flushed, and a duplicate the client sent is in the count. Count raw rows, not FINAL
    /// or distinct ids, which collapse copies.
    /// </summary>
    public static async Task<long> CountWhenLoadedAsync(HostProcess host, string sql)
    {
        await LoadMarker.SendAndWaitAsync(host);
        return await CountAsync(host.ClickHouseAddress, sql);
    }

    public static string Quote(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
