using System.Globalization;
using System.Text;

namespace Tracking.Pipeline.Tests;

/// <summary>Request bodies that no string can hold: UTF-8 text with raw bytes spliced in where the template says ¤XX (hex).</summary>
internal static class RawBody
{
    public static byte[] Of(string template)
    {
        var parts = template.Split('¤');
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(parts[0]));
        foreach (var part in parts.Skip(1))
        {
            bytes.Add(byte.Parse(part.AsSpan(0, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            bytes.AddRange(Encoding.UTF8.GetBytes(part[2..]));
        }

        return [.. bytes];
    }

    public static HttpRequestMessage Post(string path, string? writeKey, byte[] body)
    {
        var request = Tracking.Testing.CollectorClient.Post(path, writeKey, string.Empty);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new("application/json");
        return request;
    }
}
