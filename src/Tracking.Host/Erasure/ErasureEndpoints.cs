using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Tracking.Host.Admin;

namespace Tracking.Host.Erasure;

/// <summary>
/// POST /v1/projects/{id}/erasure {"userId": …} or {"anonymousId": …}: records the request and answers 202
/// at once (the worker runs it); GET /v1/projects/{id}/erasure/{requestId}: its state.
/// </summary>
public static class ErasureEndpoints
{
    private static readonly string[] SubjectFields = ["userId", "anonymousId"];

    public static RouteGroupBuilder MapErasure(this RouteGroupBuilder admin)
    {
        admin.MapPost("/{id}/erasure", async (string id, HttpContext context, [FromServices] IProjectDirectory projects, [FromServices] ErasureRequests requests, [FromServices] ErasureWorker worker, [FromServices] TimeProvider clock) =>
        {
            if (AdminResults.CheckProject(id, projects) is { } refused)
            {
                return refused;
            }

            var (kind, subject, error) = await ReadSubjectAsync(context.Request, context.RequestAborted);
            if (error is not null)
            {
                return AdminApi.Error(StatusCodes.Status400BadRequest, error);
            }

            var request = new ErasureRequest(
                "er_" + Guid.NewGuid().ToString("N"), id, kind!, subject!, ErasureRequest.Pending, clock.GetUtcNow(), AdminResults.Caller(context), [subject!], new Dictionary<string, long>(), null, null);
            await requests.SaveAsync(request, context.RequestAborted);
            worker.Enqueue(request);
            return Results.Json(ErasureAnswer.Of(request), ErasureJsonContext.Default.ErasureAnswer, statusCode: StatusCodes.Status202Accepted);
        });

        admin.MapGet("/{id}/erasure/{requestId}", async (string id, string requestId, [FromServices] IProjectDirectory projects, [FromServices] ErasureRequests requests, CancellationToken cancellationToken) =>
        {
            if (AdminResults.CheckProject(id, projects) is { } refused)
            {
                return refused;
            }

            return await requests.GetAsync(id, requestId, cancellationToken) is { } request
                ? Results.Json(ErasureAnswer.Of(request), ErasureJsonContext.Default.ErasureAnswer)
                : AdminApi.Error(StatusCodes.Status404NotFound, $"requestId: no erasure request '{requestId}' in project '{id}'");
        });
        return admin;
    }

    /// <summary>Exactly one of userId and anonymousId, a non-empty string.</summary>
    private static async Task<(string? Kind, string? Subject, string? Error)> ReadSubjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, notJson) = await AdminResults.ReadJsonAsync(request, cancellationToken);
        if (notJson is not null)
        {
            return (null, null, notJson);
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, null, "body: a JSON object with userId or anonymousId");
        }

        var given = SubjectFields.Where(name => body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null).ToList();
        if (given.Count != 1)
        {
            return (null, null, given.Count == 0 ? "userId: give userId or anonymousId" : "userId, anonymousId: give only one of them");
        }

        var field = body.GetProperty(given[0]);
        return field.ValueKind == JsonValueKind.String && field.GetString() is { Length: > 0 } subject
            ? (given[0], subject, null)
            : (null, null, $"{given[0]}: a non-empty string");
    }
}

/// <summary>An erasure request as the API shows it: the given id under its own name, the rest as recorded.</summary>
public sealed record ErasureAnswer(
    string Id,
    string ProjectId,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AnonymousId,
    DateTimeOffset RequestedAt,
    string RequestedBy,
    IReadOnlyList<string> ErasedIds,
    IReadOnlyDictionary<string, long> RowsRemoved,
    DateTimeOffset? FinishedAt,
    string? Error)
{
    public static ErasureAnswer Of(ErasureRequest request) => new(
        request.Id,
        request.ProjectId,
        request.Status,
        request.SubjectKind == "userId" ? request.Subject : null,
        request.SubjectKind == "anonymousId" ? request.Subject : null,
        request.RequestedAt,
        request.RequestedBy,
        request.ErasedIds,
        request.RowsRemoved,
        request.FinishedAt,
        request.Error);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ErasureAnswer))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, long>))]
internal sealed partial class ErasureJsonContext : JsonSerializerContext;
