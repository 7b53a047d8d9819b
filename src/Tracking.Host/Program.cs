using Tracking.ClickHouse;
using Tracking.ClickHouse.Embedded;
using Tracking.ClickHouse.Migrations;
using Tracking.Collector;
using Tracking.EventLog;
using Tracking.EventLog.Embedded;
using Tracking.Host;
using Tracking.Host.Cli;
using Tracking.Host.Keys;
using Tracking.Host.Web;
using Tracking.Loader;
using Tracking.Reports;

if (args is ["report", ..])
{
    return await ReportCommand.RunAsync(args[1..]);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

var settings = HostSettings.From(builder.Configuration);
Directory.CreateDirectory(settings.DataDir);
var keys = ProjectKeys.Load(settings.DataDir, settings.WriteKey, settings.ReadKey);

// The embedded ClickHouse starts first: everything else reaches it through ClickHouse.Driver like a real server.
var clickHouseOptions = builder.Configuration.GetSection(ClickHouseOptions.Section).Get<ClickHouseOptions>() ?? new ClickHouseOptions();
using var bootLogging = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole());
await using var embeddedClickHouse = string.IsNullOrEmpty(clickHouseOptions.ConnectionString)
    ? await EmbeddedClickHouse.StartAsync(
        new EmbeddedClickHouseOptions
        {
            LibraryPath = settings.ChdbLibrary,
            DataPath = Path.Combine(settings.DataDir, "clickhouse"),
            Port = settings.EmbeddedClickHousePort,
        },
        bootLogging,
        CancellationToken.None)
    : null;
var connectionString = clickHouseOptions.ConnectionString is { Length: > 0 } external ? external : embeddedClickHouse!.ConnectionString;

var services = builder.Services;
services.AddSingleton(new ClickHouseStore(connectionString, clickHouseOptions.Database));
services.AddSingleton<SchemaMigrator>();
services.AddSingleton<EventInserter>();
services.AddSingleton<LoaderCheckpoints>();
services.AddSingleton<IDeadLetterSink, ClickHouseDeadLetterSink>();
services.AddSingleton(new KeyResolver([keys]));
services.AddSingleton<IWriteKeyResolver>(sp => sp.GetRequiredService<KeyResolver>());
services.AddSingleton<IReadKeyResolver>(sp => sp.GetRequiredService<KeyResolver>());

services.AddSingleton(sp => new EmbeddedEventLog(
    new EmbeddedEventLogOptions { Directory = Path.Combine(settings.DataDir, "log") },
    sp.GetRequiredService<ILogger<EmbeddedEventLog>>()));
services.AddSingleton<IEventLogWriter>(sp => sp.GetRequiredService<EmbeddedEventLog>());

services.AddOptions<LoaderOptions>().BindConfiguration(LoaderOptions.Section);
services.AddSingleton(sp => sp.GetRequiredService<EmbeddedEventLog>().CreateReader(
    sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LoaderOptions>>().Value.ConsumerGroup));
services.AddSingleton<LoaderMetrics>();
services.AddSingleton<EventLoader>();

services.AddHostedService<SchemaMigrationService>();
services.AddHostedService(sp => sp.GetRequiredService<EventLoader>());
services.AddCollector();
services.AddReports();
builder.AddTrackingTelemetry();

await using var app = builder.Build();
app.UseCors();
app.MapHealth();
app.MapCollector();
app.MapReports();
app.MapSnippet(settings.SdkDir, keys);
app.MapDashboard();

app.Lifetime.ApplicationStarted.Register(() => Banner.Print(app, keys, settings, embeddedClickHouse?.Endpoint));
await app.RunAsync();
return 0;
