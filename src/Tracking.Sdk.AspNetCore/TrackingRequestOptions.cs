using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Tracking.Sdk.AspNetCore;

/// <summary>How the ASP.NET Core integration reads the visitor from a request.</summary>
public sealed class TrackingRequestOptions
{
    /// <summary>The browser snippet's anonymous-id cookie. Default <c>_trk_aid</c>.</summary>
    public string AnonymousIdCookie { get; set; } = "_trk_aid";

    /// <summary>The browser snippet's session cookie. Default <c>_trk_sid</c>.</summary>
    public string SessionIdCookie { get; set; } = "_trk_sid";

    /// <summary>
    /// The signed-in user's id. Default: the <see cref="ClaimTypes.NameIdentifier"/> claim, else <c>sub</c>, of an authenticated user.
    /// </summary>
    public Func<HttpContext, string?> UserId { get; set; } = DefaultUserId;

    /// <summary>The customer account (B2B) of the request, for example from a claim or route value. Default: none.</summary>
    public Func<HttpContext, string?>? GroupId { get; set; }

    /// <summary>Whether the client IP goes into <c>context.ip</c>. Default true.</summary>
    public bool IncludeIp { get; set; } = true;

    private static string? DefaultUserId(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
            ? context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.FindFirstValue("sub")
            : null;
}
