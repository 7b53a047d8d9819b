using System.Text;
using Microsoft.Net.Http.Headers;
using Tracking.Host.Keys;

namespace Tracking.Host.Web;

/// <summary>Serves the tracking snippet (/sdk.js and a versioned, immutable /sdk/{version}.js) and the demo site.</summary>
internal static class SnippetEndpoints
{
    public static void MapSnippet(this IEndpointRouteBuilder app, string? sdkDir, ProjectStore projects)
    {
        var script = sdkDir is null ? null : Path.Combine(sdkDir, "dist", "tracking.min.js");
        app.MapGet("/sdk.js", (HttpContext context) => ServeScript(context, script, TimeSpan.FromHours(1)));
        app.MapGet("/sdk/{version}.js", (HttpContext context) => ServeScript(context, script, TimeSpan.FromDays(365), immutable: true));

        var demo = sdkDir is null ? null : Path.Combine(sdkDir, "demo");
        app.MapGet("/demo/{*file}", async (string? file, HttpContext context) =>
        {
            // Routing treats /demo and /demo/ alike; the pages' relative links need the slash.
            if (string.IsNullOrEmpty(file) && !context.Request.Path.Value!.EndsWith('/'))
            {
                return Results.Redirect("/demo/");
            }

            var name = string.IsNullOrEmpty(file) ? "index.html" : file;
            var path = demo is null ? null : Path.GetFullPath(Path.Combine(demo, name));
            if (path is null || !path.StartsWith(demo! + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            {
                return Results.NotFound();
            }

            if (!path.EndsWith(".html", StringComparison.Ordinal))
            {
                return Results.File(path);
            }

            // The demo pages carry a placeholder so the snippet works with the default project's current write key.
            var html = (await File.ReadAllTextAsync(path, context.RequestAborted)).Replace("__WRITE_KEY__", projects.DefaultWriteKey, StringComparison.Ordinal);
            return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
        });
    }

    private static IResult ServeScript(HttpContext context, string? script, TimeSpan maxAge, bool immutable = false)
    {
        if (script is null || !File.Exists(script))
        {
            return Results.Problem("The snippet is not built yet: run 'npm ci && npm run build' in sdk-js/.", statusCode: StatusCodes.Status404NotFound);
        }

        context.Response.Headers[HeaderNames.CacheControl] = $"public, max-age={(int)maxAge.TotalSeconds}{(immutable ? ", immutable" : string.Empty)}";
        context.Response.Headers[HeaderNames.AccessControlAllowOrigin] = "*";
        return Results.File(script, "application/javascript; charset=utf-8", enableRangeProcessing: false);
    }
}
