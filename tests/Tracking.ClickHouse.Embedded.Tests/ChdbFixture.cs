using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.Testing;

namespace Tracking.ClickHouse.Embedded.Tests;

/// <summary>
/// The one embedded ClickHouse of this test process: chDB allows a single connection per process,
/// so every test shares it (one collection, run sequentially) and restarts go through here.
/// </summary>
public sealed class ChdbFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("chembedded");

    public EmbeddedClickHouse Server { get; private set; } = null!;

    public string DataPath => _data.Path;

    /// <summary>Signed in as the internal user, as the host's own statements are.</summary>
    public HttpClient Http { get; private set; } = null!;

    public string InternalPassword { get; } = "internal-" + Guid.NewGuid().ToString("N");

    public string AnalystPassword { get; } = "analyst;" + Guid.NewGuid().ToString("N"); // ';' must survive connection strings

    /// <summary>Short enough for a test to run into it, long enough for any ordinary test query.</summary>
    public static TimeSpan AnalystMaxExecutionTime { get; } = TimeSpan.FromSeconds(3);

    public async Task InitializeAsync() => await StartAsync();

    /// <summary>A store on a database of its own, brought to the newest schema.</summary>
    public async Task<ClickHouseStore> MigratedStoreAsync(string prefix)
    {
        var store = new ClickHouseStore(Server.ConnectionString, Names.Table(prefix));
        await new Migrations.SchemaMigrator(store, NullLogger<Migrations.SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Runs a statement; ClickHouse's error fails the test.</summary>
    public async Task ExecuteAsync(string sql)
    {
        using var response = await Http.PostAsync(new Uri("/", UriKind.Relative), new StringContent(sql));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The rows of a query as JSON objects (64-bit integers as strings).</summary>
    public async Task<List<JsonObject>> RowsAsync(string sql)
    {
        using var response = await Http.PostAsync(new Uri("/", UriKind.Relative), new StringContent(sql + " SETTINGS output_format_json_quote_64bit_integers = 1 FORMAT JSONEachRow"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
    }

    /// <summary>Disposes the server and starts a new one on the same data folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        _data.Dispose();
    }

    private async Task StartAsync()
    {
        Server = await EmbeddedClickHouse.StartAsync(
            new EmbeddedClickHouseOptions
            {
                LibraryPath = RepoPaths.ChdbLibrary,
                DataPath = _data.Path,
                Port = 0,
                InternalPassword = InternalPassword,
                AnalystPassword = AnalystPassword,
                AnalystLimits = new AnalystLimits { MaxExecutionTime = AnalystMaxExecutionTime },
            },
            NullLoggerFactory.Instance,
            CancellationToken.None);
        Http = new HttpClient { BaseAddress = Server.Endpoint, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = Basic(EmbeddedClickHouse.InternalUser, InternalPassword);
    }

    public static System.Net.Http.Headers.AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user + ":" + password)));

    private async Task StopAsync()
    {
        Http?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChdbCollection : ICollectionFixture<ChdbFixture>
{
    public const string Name = "chdb";
}
