namespace Tracking.Host.Web;

internal static class DashboardEndpoints
{
    /// <summary>The dashboard is one static page that calls the report API with the read key the user gives it.</summary>
    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        var page = Path.Combine(AppContext.BaseDirectory, "wwwroot", "dashboard.html");
        app.MapGet("/", () => Results.Redirect("/dashboard"));
        app.MapGet("/dashboard", () => Results.File(page, "text/html; charset=utf-8"));
    }
}
