using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tracking.Sdk.AspNetCore;

/// <summary>Reads the visitor of a request so server-side events join the browser snippet's visitor and session.</summary>
public static class HttpContextTrackingExtensions
{
    private static readonly TrackingRequestOptions Defaults = new();

    /// <summary>
    /// The request's visitor: anonymous id and session from the snippet's cookies (<c>_trk_aid</c>,
    /// <c>_trk_sid</c>), user id from the signed-in user, account from <see cref="TrackingRequestOptions.GroupId"/>,
    /// and user agent and IP from the request.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>The visitor (possibly without any id when the request has no cookie and no user).</returns>
    public static Visitor GetTrackingVisitor(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.RequestServices?.GetService<IOptions<TrackingRequestOptions>>()?.Value ?? Defaults;
        var cookies = context.Request.Cookies;
        return new Visitor(options.UserId(context), NullIfEmpty(cookies[options.AnonymousIdCookie]))
        {
            SessionId = NullIfEmpty(cookies[options.SessionIdCookie]),
            GroupId = options.GroupId?.Invoke(context),
            UserAgent = NullIfEmpty(context.Request.Headers.UserAgent.ToString()),
            Ip = options.IncludeIp ? context.Connection.RemoteIpAddress?.ToString() : null,
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
