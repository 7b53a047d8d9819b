using System.Buffers.Text;
using System.Text;

namespace Tracking.Collector.Parsing;

/// <summary>
/// Makes client strings valid UTF-8 for the store: invalid byte sequences and escapes of lone surrogates
/// become U+FFFD, and escaped NULs are dropped. Only the slow path comes here (a value with escapes, or one
/// that failed the vectorized <see cref="System.Text.Unicode.Utf8.IsValid"/> check), and it writes into
/// pooled scratch memory, so it allocates nothing either.
/// </summary>
internal static class Utf8Text
{
    /// <summary>Room either method may need: every input byte can become the 3 bytes of U+FFFD.</summary>
    public static int MaxOutput(int inputLength) => inputLength * 3;

    /// <summary>Copies UTF-8, replacing each maximal invalid subsequence with U+FFFD (the Unicode standard's practice).</summary>
    public static int CopyReplacingInvalid(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var written = 0;
        while (!source.IsEmpty)
        {
            if (source[0] < 0x80)
            {
                destination[written++] = source[0];
                source = source[1..];
                continue;
            }

            Rune.DecodeFromUtf8(source, out var rune, out var consumed);
            written += rune.EncodeToUtf8(destination[written..]);
            source = source[consumed..];
        }

        return written;
    }

    /// <summary>Unescapes the raw bytes of a JSON string whose escapes Utf8JsonReader has already checked.</summary>
    public static int Unescape(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        var written = 0;
        while (!raw.IsEmpty)
        {
            var backslash = raw.IndexOf((byte)'\\');
            written += CopyReplacingInvalid(backslash < 0 ? raw : raw[..backslash], destination[written..]);
            if (backslash < 0)
            {
                break;
            }

            raw = raw[backslash..];
            written += UnescapeOne(ref raw, destination[written..]);
        }

        return written;
    }

    private static int UnescapeOne(ref ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        if (raw[1] != (byte)'u')
        {
            destination[0] = raw[1] switch
            {
                (byte)'n' => (byte)'\n',
                (byte)'r' => (byte)'\r',
                (byte)'t' => (byte)'\t',
                (byte)'b' => (byte)'\b',
                (byte)'f' => (byte)'\f',
                var same => same, // \" \\ \/
            };
            raw = raw[2..];
            return 1;
        }

        var unit = CodeUnit(raw);
        raw = raw[6..];
        Rune rune;
        if (char.IsHighSurrogate(unit) && raw.Length >= 6 && raw[0] == (byte)'\\' && raw[1] == (byte)'u' && char.IsLowSurrogate(CodeUnit(raw)))
        {
            rune = new Rune(unit, CodeUnit(raw));
            raw = raw[6..];
        }
        else if (char.IsSurrogate(unit))
        {
            rune = Rune.ReplacementChar;
        }
        else if (unit == '\0')
        {
            return 0;
        }
        else
        {
            rune = new Rune(unit);
        }

        return rune.EncodeToUtf8(destination);
    }

    /// <summary>The code unit of a \uXXXX escape at the start of <paramref name="escape"/> (the reader checked its hex digits).</summary>
    private static char CodeUnit(ReadOnlySpan<byte> escape) =>
        Utf8Parser.TryParse(escape.Slice(2, 4), out ushort value, out _, 'x') ? (char)value : char.MinValue;
}
