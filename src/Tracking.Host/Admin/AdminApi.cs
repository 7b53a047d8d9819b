using Tracking.Host.Keys;
using Tracking.Reports.Shared;

namespace Tracking.Host.Admin;

/// <summary>
/// The admin API under /v1/projects, for the operator only: every endpoint on the returned group needs the admin key
/// (Authorization: Bearer), never a project's read or write key.
/// </summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/projects").WithTags("admin");
        admin.AddEndpointFilter(async (context, next) =>
        {
            var services = context.HttpContext.RequestServices;
            var store = services.GetRequiredService<ProjectStore>();
            var key = ReportHttp.BearerKey(context.HttpContext);
            if (store.IsAdminKey(key))
            {
                return await next(context);
            }

            return store.Resolver.ProjectForReadKey(key) is not null || store.Resolver.ProjectForWriteKey(key) is not null
                ? Error(StatusCodes.Status403Forbidden, "Authorization: this is a project's read or write key; the admin API needs the admin key (printed at first start, or TRACKING_ADMIN_KEY)")
                : Error(StatusCodes.Status401Unauthorized, "Authorization: send the admin key as 'Bearer <adminKey>'");
        });
        admin.MapProjects();
        return admin;
    }

    /// <summary>An answer of the admin API that is not the result: <c>{"error": "..."}</c> naming the field at fault.</summary>
    public static IResult Error(int status, string message) =>
        Results.Json(new ReportError(message), ReportJsonContext.Default.ReportError, statusCode: status);
}
