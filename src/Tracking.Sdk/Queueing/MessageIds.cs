using System.Buffers.Binary;

namespace Tracking.Sdk.Queueing;

/// <summary>
/// Message ids: RFC 9562 version 7 UUIDs (48-bit Unix milliseconds, then 74 random bits). The random
/// bits come from <see cref="Random.Shared"/> (per-thread xoshiro seeded from the OS): ids must be
/// unique, not secret, and <see cref="Guid.NewGuid"/> costs a system call per id on some kernels.
/// </summary>
internal static class MessageIds
{
    public static Guid Next(DateTime utcNow)
    {
        Span<byte> bytes = stackalloc byte[16];
        var milliseconds = Math.Max(0, (utcNow.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond);
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16);
        Random.Shared.NextBytes(bytes[6..]);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
