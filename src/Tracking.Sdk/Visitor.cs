namespace Tracking.Sdk;

/// <summary>
/// Who an event is about and the session it belongs to. At least one of <see cref="UserId"/> and
/// <see cref="AnonymousId"/> is required. A value type so passing it costs no allocation.
/// </summary>
/// <param name="UserId">Your stable id of a signed-in user.</param>
/// <param name="AnonymousId">The visitor id: the browser snippet's <c>_trk_aid</c> cookie when there is one.</param>
public readonly record struct Visitor(string? UserId = null, string? AnonymousId = null)
{
    /// <summary>The customer account (B2B) the event belongs to.</summary>
    public string? GroupId { get; init; }

    /// <summary>The session: the browser snippet's <c>_trk_sid</c> cookie when there is one.</summary>
    public string? SessionId { get; init; }

    /// <summary>The visitor's user agent, when the event stems from a web request.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The visitor's IP address, when the event stems from a web request.</summary>
    public string? Ip { get; init; }

    /// <summary>A signed-in user.</summary>
    /// <param name="userId">Your stable id of the user.</param>
    /// <returns>The visitor.</returns>
    public static Visitor User(string userId) => new(UserId: userId);

    /// <summary>An anonymous visitor.</summary>
    /// <param name="anonymousId">The visitor id.</param>
    /// <returns>The visitor.</returns>
    public static Visitor Anonymous(string anonymousId) => new(AnonymousId: anonymousId);
}
