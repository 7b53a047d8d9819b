using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.ClickHouse;
using Tracking.ClickHouse.Embedded;
using Tracking.ClickHouse.Migrations;
using Tracking.Testing;

namespace Tracking.Deploy.Tests;

/// <summary>
/// One embedded ClickHouse holding both schemas side by side: the application's migrations in database
/// <see cref="App"/>, and deploy/clickhouse/cluster.sql's single-server stand-in in <c>tracking</c>.
/// </summary>
public sealed class SchemaFixture : IAsyncLifetime
{
    public const string App = "app";

    private readonly TempDirectory _data = new("deploy-schema");
    private readonly string _password = "deploy-" + Guid.NewGuid().ToString("N");
    private EmbeddedClickHouse? _server;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        _server = await EmbeddedClickHouse.StartAsync(
            new EmbeddedClickHouseOptions { LibraryPath = RepoPaths.ChdbLibrary, DataPath = _data.Path, Port = 0, InternalPassword = _password },
            NullLoggerFactory.Instance,
            CancellationToken.None);
        _http = new HttpClient { BaseAddress = _server.Endpoint, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{EmbeddedClickHouse.InternalUser}:{_password}")));
        using (var store = new ClickHouseStore(_server.ConnectionString, App))
        {
            await new SchemaMigrator(store, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        }

        foreach (var statement in ClusterSql.Statements.Select(ClusterSql.StandIn).OfType<string>())
        {
            await ExecuteAsync(statement);
        }
    }

    /// <summary>The engine's connection string, for the application's own classes (reports) to run against either schema.</summary>
    public string ConnectionString => _server!.ConnectionString;

    /// <summary>A store over the cluster stand-in's database, where the reports read the Distributed tables.</summary>
    public ClickHouseStore ClusterStore() => new(_server!.ConnectionString, "tracking");

    /// <summary>Runs a statement; a ClickHouse error fails the test with ClickHouse's message.</summary>
    public async Task ExecuteAsync(string sql)
    {
        using var response = await _http!.PostAsync(new Uri("/", UriKind.Relative), new StringContent(sql));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"ClickHouse refused\n{sql}\n{body}");
    }

    /// <summary>The rows of a query, each an array of its values as JSON.</summary>
    public async Task<List<JsonElement[]>> RowsAsync(string sql)
    {
        using var response = await _http!.PostAsync(new Uri("/", UriKind.Relative), new StringContent(sql + " FORMAT JSONCompact"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"ClickHouse refused\n{sql}\n{body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("data").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.Clone()).ToArray()).ToList();
    }

    /// <summary>ClickHouse's own formatting of a statement, to compare statements whatever their layout.</summary>
    public async Task<string> FormatAsync(string sql)
    {
        var rows = await RowsAsync($"SELECT formatQuery({Quote(sql)})");
        return rows.Single()[0].GetString()!;
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _data.Dispose();
    }

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SchemaCollection : ICollectionFixture<SchemaFixture>
{
    public const string Name = "schema";
}
