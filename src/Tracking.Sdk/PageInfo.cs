namespace Tracking.Sdk;

/// <summary>The page of a <c>page</c> event (<c>context.page</c>).</summary>
/// <param name="Url">The full URL.</param>
/// <param name="Path">The path, for example <c>/pricing</c>; derived from <paramref name="Url"/> when null.</param>
/// <param name="Referrer">The referring URL.</param>
/// <param name="Title">The page title.</param>
/// <param name="Search">The query string including <c>?</c>; derived from <paramref name="Url"/> when null.</param>
public sealed record PageInfo(string? Url, string? Path = null, string? Referrer = null, string? Title = null, string? Search = null);
