using Tracking.Host.Admin;
using Tracking.Host.Keys;
using Tracking.Reports.Shared;

namespace Tracking.Host.Web;

/// <summary>GET /v1/reports/project: which project a read key reads, so the dashboard can label the keys it holds.</summary>
internal static class ReadKeyProjectEndpoint
{
    public static void MapReadKeyProject(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/reports/project", (HttpContext context, ProjectStore store) =>
                ReportHttp.Project(context, store.Resolver) is { } id && store.Find(id) is { } project
                    ? Results.Json(new ReadKeyProject(project.Id, project.Name), AdminJsonContext.Default.ReadKeyProject)
                    : ReportHttp.Unauthorized())
            .WithTags("reports")
            .Produces<ReadKeyProject>()
            .Produces<ReportError>(StatusCodes.Status401Unauthorized)
            .WithSummary("The id and name of the read key's project.");
}
