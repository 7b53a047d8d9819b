using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tracking.Host.Keys;

/// <summary>
/// The SHA-256 of a key, which is all the data folder keeps of it. A fast hash is enough because generated keys
/// are 128 random bits: a slow password hash only helps against guessing low-entropy secrets, and no amount of
/// fast guessing gets through 2^128; it would also cost every collector request milliseconds of CPU.
/// </summary>
public readonly struct KeyHash : IEquatable<KeyHash>
{
    /// <summary>Far beyond any real key; a longer credential is simply unknown, never a buffer to grow.</summary>
    private const int MaxChars = 256;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    private KeyHash(ReadOnlySpan<byte> sha256)
    {
        _a = BinaryPrimitives.ReadUInt64BigEndian(sha256);
        _b = BinaryPrimitives.ReadUInt64BigEndian(sha256[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(sha256[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(sha256[24..]);
    }

    /// <summary>Hashes <paramref name="key"/> (as UTF-8) on the stack; false for an empty or over-long key, which no project has.</summary>
    public static bool TryOf(ReadOnlySpan<char> key, out KeyHash hash)
    {
        hash = default;
        if (key.IsEmpty || key.Length > MaxChars)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[MaxChars * 3];
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(key, utf8)], digest);
        hash = new KeyHash(digest);
        return true;
    }

    /// <summary>The hash of a key the host generated or was given in its configuration.</summary>
    public static KeyHash Of(string key) =>
        TryOf(key, out var hash) ? hash : throw new InvalidOperationException($"a key must have 1 to {MaxChars} characters");

    public static KeyHash FromHex(string hex) => new(Convert.FromHexString(hex));

    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[32];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, _a);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], _d);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>What listings show of a key: the first 12 hex digits of its hash (printf %s KEY | sha256sum), nothing of the key.</summary>
    public string Fingerprint => ToHex()[..12];

    // Every word is compared whatever the first differing one: the time taken says nothing of where hashes differ.
    public bool Equals(KeyHash other) => ((_a ^ other._a) | (_b ^ other._b) | (_c ^ other._c) | (_d ^ other._d)) == 0;

    public override bool Equals(object? obj) => obj is KeyHash other && Equals(other);

    // A dictionary bucket's timing reveals at most bits of the SHA-256 of a wrong key, which help no one find a right one.
    public override int GetHashCode() => (int)_a;

    public static bool operator ==(KeyHash left, KeyHash right) => left.Equals(right);

    public static bool operator !=(KeyHash left, KeyHash right) => !left.Equals(right);
}
