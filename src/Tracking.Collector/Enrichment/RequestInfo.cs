using Tracking.Collector.Parsing;

namespace Tracking.Collector.Enrichment;

/// <summary>What the collector knows about a request, shared by every event in it.</summary>
internal readonly record struct RequestInfo(
    string ProjectId,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? BatchSentAt,
    string AnonymizedIp,
    Utf8Slice HeaderUserAgent);
