namespace Tracking.Sdk.Batching;

/// <summary>The collector's limits as the batch builder applies them.</summary>
/// <param name="MaxEvents">Events a batch (collector: 500).</param>
/// <param name="MaxBodyBytes">Uncompressed body bytes (collector: 500 KB).</param>
internal readonly record struct BatchLimits(int MaxEvents, int MaxBodyBytes)
{
    /// <summary>Collector limit per event, kept slightly under 32 KiB.</summary>
    public const int MaxEventBytes = 32_000;

    /// <summary>Room for <c>{"batch":[</c>, <c>],"sentAt":"…"}</c>.</summary>
    public const int EnvelopeBytes = 64;
}
