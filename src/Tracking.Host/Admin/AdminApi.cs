using System.Security.Cryptography;
using System.Text;

namespace Tracking.Host.Admin;

/// <summary>
/// The minimal admin guard the projects work (issue 22's admin key, admin API and hashed keys) replaces: it
/// maps the <c>/v1/projects</c> group and lets a request in only with <c>Authorization: Bearer</c> the
/// value of TRACKING_ADMIN_KEY. Without that variable every admin request is refused.
/// </summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var adminKey = app.ServiceProvider.GetRequiredService<IConfiguration>()["TRACKING_ADMIN_KEY"];
        var group = app.MapGroup("/v1/projects");
        group.AddEndpointFilter(async (context, next) =>
            IsAdmin(context.HttpContext.Request.Headers.Authorization.ToString(), adminKey)
                ? await next(context)
                : AdminResults.Error(StatusCodes.Status401Unauthorized, "Authorization: send the admin key as 'Bearer <adminKey>'"));
        return group;
    }

    private static bool IsAdmin(string authorization, string? adminKey) =>
        adminKey is { Length: > 0 }
        && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[7..].Trim()), Encoding.UTF8.GetBytes(adminKey));
}
