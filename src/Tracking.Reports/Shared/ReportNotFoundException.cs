namespace Tracking.Reports.Shared;

/// <summary>
/// What the path names does not exist (an account no group call named and no usage event carries): answered
/// as a 404 whose message names it.
/// </summary>
public sealed class ReportNotFoundException(string message) : Exception(message);
