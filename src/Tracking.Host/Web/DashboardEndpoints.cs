using Microsoft.Net.Http.Headers;

namespace Tracking.Host.Web;

/// <summary>
/// Serves the dashboard that dashboard/ builds (copied into wwwroot/dashboard by the host's build): index.html revalidated on
/// every load, content-hashed assets cached for a year, each as the build's brotli or gzip copy when the
/// browser accepts it. The page calls the report API with the read key the browser keeps.
/// </summary>
internal static class DashboardEndpoints
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    // Preferred first: brotli is smaller than gzip.
    private static readonly (string Encoding, string Suffix)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    /// <param name="root">The built dashboard: wwwroot/dashboard, or dashboard/dist while working on it (Tracking:DashboardDir).</param>
    public static void MapDashboard(this IEndpointRouteBuilder app, string root)
    {
        app.MapGet("/", () => Results.Redirect("/dashboard"));
        app.MapMethods("/dashboard", GetOrHead, (HttpContext context) => Serve(context, Path.Combine(root, "index.html"), "no-cache"));
        app.MapMethods("/dashboard/assets/{file}", GetOrHead, (string file, HttpContext context) =>
            Path.GetFileName(file) != file || file.StartsWith('.')
                ? Results.NotFound()
                : Serve(context, Path.Combine(root, "assets", file), "public, max-age=31536000, immutable"));
    }

    private static IResult Serve(HttpContext context, string path, string cacheControl)
    {
        if (!ContentTypes.TryGetValue(Path.GetExtension(path), out var contentType) || !File.Exists(path))
        {
            return Path.GetFileName(path) == "index.html"
                ? Results.Problem("The dashboard is not built yet: run scripts/setup.sh (it builds dashboard/ with npm).", statusCode: StatusCodes.Status404NotFound)
                : Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers[HeaderNames.CacheControl] = cacheControl;
        headers[HeaderNames.Vary] = HeaderNames.AcceptEncoding;
        var accepted = StringWithQualityHeaderValue.TryParseList(context.Request.Headers.AcceptEncoding, out var list) ? list : [];
        foreach (var (encoding, suffix) in Encodings)
        {
            if (accepted.Any(a => a.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0) && File.Exists(path + suffix))
            {
                headers[HeaderNames.ContentEncoding] = encoding;
                path += suffix;
                break;
            }
        }

        var file = new FileInfo(path);
        var tag = new EntityTagHeaderValue($"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\"");
        return Results.File(path, contentType, lastModified: file.LastWriteTimeUtc, entityTag: tag, enableRangeProcessing: false);
    }
}
