using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Tracking.Enrichment;

/// <summary>
/// Decodes form-urlencoded values ('+' is a space, %XY a byte) to trimmed text. Bytes are UTF-8; when they are not
/// valid UTF-8, or the page declared GBK, they are GB18030 (a superset of GBK and GB2312), because Chinese search
/// engines still send such queries. Malformed escapes are kept literally: client text must never throw here.
/// </summary>
internal static class UrlDecoder
{
    private static readonly int StackLimit = 512;

    // Fetched from the provider directly rather than registered globally: no process-wide side effect, and the
    // provider is part of the shared framework, so it works with InvariantGlobalization.
    private static readonly Encoding? Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936);

    public static string Decode(ReadOnlySpan<char> value, bool assumeGb18030 = false)
    {
        if (value.IndexOfAny('%', '+') < 0)
        {
            // Nothing encoded: the text is already the value (browsers may even send raw Chinese characters).
            return new string(value.Trim());
        }

        // Each char becomes at most 3 bytes (a surrogate pair, 2 chars, becomes 4).
        var maxBytes = value.Length * 3;
        byte[]? rentedBytes = null;
        var bytes = maxBytes <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rentedBytes = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var length = Unescape(value, bytes);
            return ToText(bytes[..length], assumeGb18030);
        }
        finally
        {
            if (rentedBytes is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedBytes);
            }
        }
    }

    private static int Unescape(ReadOnlySpan<char> value, Span<byte> bytes)
    {
        var written = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '+')
            {
                bytes[written++] = (byte)' ';
            }
            else if (c == '%' && i + 2 < value.Length && TryHexByte(value[i + 1], value[i + 2], out var b))
            {
                bytes[written++] = b;
                i += 2;
            }
            else if (char.IsAscii(c))
            {
                bytes[written++] = (byte)c;
            }
            else
            {
                // A raw non-ASCII char: keep it as UTF-8 so it survives alongside escaped bytes.
                Rune.DecodeFromUtf16(value[i..], out var rune, out var consumed);
                written += rune.EncodeToUtf8(bytes[written..]);
                i += consumed - 1;
            }
        }

        return written;
    }

    private static bool TryHexByte(char high, char low, out byte value)
    {
        var h = HexValue(high);
        var l = HexValue(low);
        value = (byte)((h << 4) | l);
        return (h | l) >= 0;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string ToText(ReadOnlySpan<byte> bytes, bool assumeGb18030)
    {
        var encoding = !assumeGb18030 && Utf8.IsValid(bytes) ? Encoding.UTF8 : Gb18030 ?? Encoding.UTF8;

        // Both encodings produce at most one char per byte, so the byte count bounds the char count.
        char[]? rentedChars = null;
        var chars = bytes.Length <= StackLimit
            ? stackalloc char[StackLimit]
            : (rentedChars = ArrayPool<char>.Shared.Rent(bytes.Length));
        try
        {
            var count = encoding.GetChars(bytes, chars);
            return new string(chars[..count].Trim());
        }
        finally
        {
            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars);
            }
        }
    }
}
