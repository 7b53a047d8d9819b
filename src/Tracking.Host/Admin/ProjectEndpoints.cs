using System.Globalization;
using Tracking.Host.Keys;
using Tracking.Reports.Shared;

namespace Tracking.Host.Admin;

/// <summary>Create, list, show and delete projects, and rotate their keys (on the admin group of <see cref="AdminApi"/>).</summary>
internal static class ProjectEndpoints
{
    public static void MapProjects(this RouteGroupBuilder admin)
    {
        admin.MapPost(string.Empty, async (HttpRequest request, ProjectStore store) =>
        {
            var (body, error) = await AdminJsonContext.ReadBodyAsync(request, AdminJsonContext.Default.CreateProjectRequest);
            error ??= ProjectStore.CheckName(body?.Name);
            if (error is not null)
            {
                return AdminApi.Error(StatusCodes.Status400BadRequest, error);
            }

            var keys = store.Create(body!.Name!);
            var project = store.Find(keys.ProjectId)!;
            return Results.Json(new ProjectCreated(project.Id, project.Name, project.Created, keys.WriteKey!, keys.ReadKey!), AdminJsonContext.Default.ProjectCreated, statusCode: StatusCodes.Status201Created);
        })
        .Accepts<CreateProjectRequest>("application/json")
        .Produces<ProjectCreated>(StatusCodes.Status201Created)
        .WithAdminErrors(StatusCodes.Status400BadRequest)
        .WithSummary("Creates a project; its write and read keys are in this answer only.");

        admin.MapGet(string.Empty, (ProjectStore store) => Results.Json(new ProjectList(store.List()), AdminJsonContext.Default.ProjectList))
            .Produces<ProjectList>()
            .WithAdminErrors()
            .WithSummary("Every project, with its keys' fingerprints (never the keys).");

        admin.MapGet("/{id}", (string id, ProjectStore store) =>
                store.Find(id) is { } project ? Results.Json(project, AdminJsonContext.Default.ProjectInfo) : AdminResults.UnknownProject(id))
            .Produces<ProjectInfo>()
            .WithAdminErrors(StatusCodes.Status404NotFound)
            .WithSummary("One project, with its keys' fingerprints.");

        admin.MapDelete("/{id}", (string id, ProjectStore store) => store.Delete(id) switch
        {
            DeleteOutcome.Deleted => Results.NoContent(),
            DeleteOutcome.Default => AdminApi.Error(StatusCodes.Status409Conflict, $"id: the project '{ProjectStore.DefaultProject}' cannot be deleted (it is the single-node install's own project)"),
            _ => AdminResults.UnknownProject(id),
        })
        .Produces(StatusCodes.Status204NoContent)
        .WithAdminErrors(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
        .WithSummary("Deletes a project: its keys stop working at once, and no report reads its stored rows any more.");

        admin.MapPost("/{id}/keys:rotate", async (string id, HttpRequest request, ProjectStore store, HostSettings settings) =>
        {
            var (body, error) = await AdminJsonContext.ReadBodyAsync(request, AdminJsonContext.Default.RotateKeysRequest);
            var kind = body?.Key ?? request.Query["key"].FirstOrDefault() ?? "both";
            var which = kind switch
            {
                "write" => KeyKinds.Write,
                "read" => KeyKinds.Read,
                "both" => KeyKinds.Both,
                _ => (KeyKinds?)null,
            };
            error ??= which is null ? $"key: '{kind}' is not one of write, read or both" : null;
            var grace = body?.GraceSeconds ?? (request.Query["graceSeconds"].FirstOrDefault() is { } text
                ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1
                : (long)settings.KeyRotationGrace.TotalSeconds);
            error ??= grace is < 0 or > HostSettings.MaxKeyRotationGraceSeconds
                ? $"graceSeconds: must be a whole number of seconds from 0 to {HostSettings.MaxKeyRotationGraceSeconds} (30 days)"
                : null;
            if (error is not null)
            {
                return AdminApi.Error(StatusCodes.Status400BadRequest, error);
            }

            return store.Rotate(id, which!.Value, TimeSpan.FromSeconds(grace)) is { } keys
                ? Results.Json(new KeysRotated(id, keys.WriteKey, keys.ReadKey, keys.PreviousValidUntil!.Value), AdminJsonContext.Default.KeysRotated)
                : AdminResults.UnknownProject(id);
        })
        .Accepts<RotateKeysRequest>("application/json")
        .Produces<KeysRotated>()
        .WithAdminErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
        .WithSummary("New keys for a project; the replaced ones keep working for graceSeconds (default Projects:KeyRotationGraceSeconds).");
    }

    /// <summary>Documents the error answers: the admin key's 401 and 403 on every endpoint, and the endpoint's own.</summary>
    private static RouteHandlerBuilder WithAdminErrors(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status401Unauthorized).Append(StatusCodes.Status403Forbidden))
        {
            endpoint.Produces<ReportError>(status);
        }

        return endpoint;
    }
}
