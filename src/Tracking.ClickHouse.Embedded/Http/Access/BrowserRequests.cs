using Microsoft.AspNetCore.Http;
using Tracking.ClickHouse.Embedded.Engine;

namespace Tracking.ClickHouse.Embedded.Http.Access;

/// <summary>
/// Refuses requests a web page made. The SQL port serves no pages, so a request that a browser marks
/// as coming from one (an Origin header, or Sec-Fetch-Site other than "none", i.e. not typed into the
/// address bar) is a page on some site reaching into the machine: an &lt;img&gt;, a no-cors form POST or
/// a fetch. It is refused before its credentials or body are looked at, so nothing runs. SDKs and
/// command-line clients (ClickHouse.Driver, @clickhouse/client in Node, curl) send neither header.
/// </summary>
internal static class BrowserRequests
{
    public static ClickHouseError? Refuse(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return Refusal($"Origin {origin}");
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length > 0 && !string.Equals(site, "none", StringComparison.OrdinalIgnoreCase)
            ? Refusal($"Sec-Fetch-Site: {site}")
            : null;
    }

    private static ClickHouseError Refusal(string what) => ClickHouseError.Create(
        ClickHouseError.AccessDenied,
        "ACCESS_DENIED",
        $"Requests from web pages ({what}) are refused by the embedded ClickHouse HTTP interface; query it from a client, not a page");
}
