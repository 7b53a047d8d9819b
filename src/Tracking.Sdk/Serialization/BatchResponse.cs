using System.Text.Json.Serialization;

namespace Tracking.Sdk.Serialization;

/// <summary>The collector's answer to <c>POST /v1/batch</c>.</summary>
internal sealed class BatchResponse
{
    [JsonPropertyName("accepted")]
    public int? Accepted { get; set; }

    [JsonPropertyName("rejected")]
    public List<RejectedEvent>? Rejected { get; set; }
}

/// <summary>One event the collector refused, by its index in the batch.</summary>
internal sealed class RejectedEvent
{
    [JsonPropertyName("index")]
    public int Index { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }
}

/// <summary>Source-generated (reflection-free) JSON metadata for the collector's answers.</summary>
[JsonSerializable(typeof(BatchResponse))]
internal sealed partial class SdkJsonContext : JsonSerializerContext
{
}
