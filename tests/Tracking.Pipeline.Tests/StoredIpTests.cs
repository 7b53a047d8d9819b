using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

public sealed class StoredIpTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly string _run = "ip-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Raw_ip_addresses_are_never_stored()
    {
        // Linux routes all of 127.0.0.0/8 to loopback, so the request can come from an address whose last
        // octet the /24 anonymization must drop.
        using var http = new HttpClient(FromSource(IPAddress.Parse("127.61.62.63"))) { BaseAddress = fixture.Host.BaseAddress };
        var fromConnection = Event("connection");
        var claimed = Event("claimed");
        claimed["context"] = new JsonObject { ["ip"] = "2001:db8:85a3:8d3:1319:8a2e:370:7348" };
        using (var response = await http.SendAsync(CollectorClient.Batch(fixture.Host.WriteKey, [fromConnection, claimed])))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var where = $"startsWith(message_id, '{_run}-')";
        await ClickHouseHttp.WaitForEventsAsync(fixture.Host.ClickHouseAddress, 2, where: where);
        var stored = (await ClickHouseHttp.RowsAsync(fixture.Host.ClickHouseAddress, $"SELECT message_id, ip FROM tracking.events WHERE {where}"))
            .ToDictionary(row => (string)row["message_id"]!, row => (string)row["ip"]!);
        Assert.Equal("127.61.62.0", stored[$"{_run}-connection"]);
        Assert.Equal("2001:db8:85a3::", stored[$"{_run}-claimed"]);
    }

    private JsonObject Event(string name) => new()
    {
        ["type"] = "track",
        ["event"] = "click",
        ["anonymousId"] = "visitor-" + _run,
        ["messageId"] = $"{_run}-{name}",
    };

    private static SocketsHttpHandler FromSource(IPAddress source) => new()
    {
        ConnectCallback = async (context, cancel) =>
        {
            var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancel);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
