using System.Net;
using System.Net.Sockets;

namespace Tracking.Enrichment;

/// <summary>
/// Truncates client addresses before they are stored, like Google Analytics' IP anonymization: the last IPv4
/// octet and all but the first 48 bits of IPv6 are zeroed, which keeps city-level geography and drops the host.
/// </summary>
public static class IpAnonymizer
{
    public static string Anonymize(IPAddress? ip)
    {
        if (ip is null)
        {
            return "";
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!ip.TryWriteBytes(bytes, out var length))
        {
            return "";
        }

        if (length == 4)
        {
            return FormatIpv4Network(bytes[..4]);
        }

        // ::ffff:a.b.c.d is an IPv4 client seen through a dual-stack socket; store it as the IPv4 it is.
        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.IsIPv4MappedToIPv6)
        {
            return FormatIpv4Network(bytes[12..16]);
        }

        bytes[6..16].Clear();
        return new IPAddress(bytes).ToString();
    }

    private static string FormatIpv4Network(ReadOnlySpan<byte> octets)
    {
        Span<char> text = stackalloc char[15];
        var written = 0;
        for (var i = 0; i < 3; i++)
        {
            octets[i].TryFormat(text[written..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
            written += digits;
            text[written++] = '.';
        }

        text[written++] = '0';
        return new string(text[..written]);
    }
}
