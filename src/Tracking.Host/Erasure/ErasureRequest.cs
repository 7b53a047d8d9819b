namespace Tracking.Host.Erasure;

/// <summary>
/// One erasure request as recorded (erasure_requests) and answered. <see cref="SubjectKind"/> is
/// "userId" or "anonymousId", the field the request named; <see cref="ErasedIds"/> the subject and every id
/// stitched to it, once known; <see cref="RowsRemoved"/> per table.
/// </summary>
public sealed record ErasureRequest(
    string Id,
    string ProjectId,
    string SubjectKind,
    string Subject,
    string Status,
    DateTimeOffset RequestedAt,
    string RequestedBy,
    IReadOnlyList<string> ErasedIds,
    IReadOnlyDictionary<string, long> RowsRemoved,
    DateTimeOffset? FinishedAt,
    string? Error)
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}
