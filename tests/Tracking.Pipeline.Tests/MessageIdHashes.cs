using System.Globalization;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// ClickHouse's cityHash64 of message ids, by which the session model breaks a tie of the same millisecond
/// (docs/definitions.md): computed by the engine over the ids given as literals, not read from stored data.
/// </summary>
internal static class MessageIdHashes
{
    /// <summary><paramref name="quotedIds"/>: SQL string literals separated by commas.</summary>
    public static async Task<Dictionary<string, ulong>> OfAsync(HostProcess host, string quotedIds) =>
        (await ClickHouseHttp.RowsAsync(host.ClickHouseAddress, $"SELECT id, toString(cityHash64(id)) AS hash FROM (SELECT arrayJoin([{quotedIds}]) AS id)"))
            .ToDictionary(r => (string)r["id"]!, r => ulong.Parse((string)r["hash"]!, CultureInfo.InvariantCulture));
}
