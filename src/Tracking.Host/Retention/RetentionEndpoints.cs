using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Tracking.ClickHouse.Retention;
using Tracking.Host.Admin;

namespace Tracking.Host.Retention;

/// <summary>
/// GET and PUT /v1/projects/{id}/retention: how many days a project's events are kept ({"days": 400}; null:
/// forever). PUT stores the bound and rebuilds the TTL rules in ClickHouse (RetentionSettings).
/// </summary>
public static class RetentionEndpoints
{
    public static RouteGroupBuilder MapRetention(this RouteGroupBuilder admin)
    {
        admin.MapGet("/{id}/retention", async (string id, [FromServices] IProjectDirectory projects, [FromServices] RetentionSettings settings, [FromServices] RetentionDefault configured, CancellationToken cancellationToken) =>
        {
            if (AdminResults.CheckProject(id, projects) is { } refused)
            {
                return refused;
            }

            var (own, days) = await settings.GetAsync(id, cancellationToken);
            return Answer(id, own, own ? days : configured.Days);
        });

        admin.MapPut("/{id}/retention", async (string id, HttpRequest request, [FromServices] IProjectDirectory projects, [FromServices] RetentionSettings settings, [FromServices] RetentionDefault configured, CancellationToken cancellationToken) =>
        {
            if (AdminResults.CheckProject(id, projects) is { } refused)
            {
                return refused;
            }

            var (days, error) = await ReadDaysAsync(request, cancellationToken);
            if (error is not null)
            {
                return AdminApi.Error(StatusCodes.Status400BadRequest, error);
            }

            await settings.SetAsync(id, days, configured.Days, cancellationToken);
            return Answer(id, true, days);
        });
        return admin;
    }

    private static IResult Answer(string project, bool own, int? days) =>
        Results.Json(new RetentionAnswer(project, days, own ? "project" : "default"), RetentionJsonContext.Default.RetentionAnswer);

    /// <summary>The body's days: a whole number 1..<see cref="RetentionDefault.MaxDays"/>, or null for forever.</summary>
    private static async Task<(int? Days, string? Error)> ReadDaysAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const string Expected = "days: a whole number of days from 1 to 36500, or null to keep events forever";
        var (body, notJson) = await AdminResults.ReadJsonAsync(request, cancellationToken);
        if (notJson is not null)
        {
            return (null, notJson);
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("days", out var days))
        {
            return (null, Expected);
        }

        return days.ValueKind == JsonValueKind.Null ? (null, null)
            : days.ValueKind == JsonValueKind.Number && days.TryGetInt32(out var value) && value is >= 1 and <= RetentionDefault.MaxDays ? (value, null)
            : (null, Expected);
    }
}

/// <summary>A project's bound: its own ("project") or the configured default's ("default"); days null is forever.</summary>
public sealed record RetentionAnswer(string ProjectId, int? Days, string Source);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RetentionAnswer))]
internal sealed partial class RetentionJsonContext : JsonSerializerContext;
