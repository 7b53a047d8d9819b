using System.Text.Json;
using System.Text.RegularExpressions;
using Tracking.Host.Keys;
using Tracking.Reports.Shared;

namespace Tracking.Host.Admin;

/// <summary>What the admin endpoints of retention and erasure share: the project in the path, who called, errors as JSON.</summary>
public static partial class AdminResults
{
    /// <summary>A project id as the admin API accepts it.</summary>
    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    public static partial Regex ProjectIdPattern();

    /// <summary>A 400 for an id of the wrong shape, a 404 for one no project has; null when the project exists.</summary>
    public static IResult? CheckProject(string id, IProjectDirectory projects) =>
        !ProjectIdPattern().IsMatch(id) ? AdminApi.Error(StatusCodes.Status400BadRequest, "id: a project id is 1 to 64 of a-z, 0-9, '_' and '-'")
        : !projects.Exists(id) ? UnknownProject(id)
        : null;

    /// <summary>The request body as JSON, or an error naming the body when it is not JSON.</summary>
    public static async Task<(JsonElement Body, string? Error)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await JsonSerializer.DeserializeAsync(request.Body, AdminJsonContext.Default.JsonElement, cancellationToken), null);
        }
        catch (JsonException e)
        {
            return (default, $"body: not JSON ({e.Message})");
        }
    }

    public static IResult UnknownProject(string id) => AdminApi.Error(StatusCodes.Status404NotFound, $"id: no project '{id}'");

    /// <summary>
    /// Who made an admin request, for the records: "key:" and the fingerprint of the admin key used
    /// (<see cref="KeyHash.Fingerprint"/>), never the key. Only requests the admin key opened get here.
    /// </summary>
    public static string Caller(HttpContext context) => "key:" + KeyHash.Of(ReportHttp.BearerKey(context).ToString()).Fingerprint;
}
