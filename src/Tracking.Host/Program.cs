using Microsoft.AspNetCore.Connections;
using Tracking.ClickHouse;
using Tracking.ClickHouse.Embedded;
using Tracking.Collector;
using Tracking.EventLog;
using Tracking.Host;
using Tracking.Host.Admin;
using Tracking.Host.Cli;
using Tracking.Host.Composition;
using Tracking.Host.Erasure;
using Tracking.Host.Health;
using Tracking.Host.Keys;
using Tracking.Host.Retention;
using Tracking.Host.Web;
using Tracking.Reports;

if (args is ["report", ..])
{
    return await ReportCommand.RunAsync(args[1..]);
}

if (args is ["projects", ..])
{
    return ProjectsCommand.Run(args[1..]);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

var startupFaults = new StartupFaultMute();
startupFaults.ApplyTo(builder.Logging);

HostSettings settings;
RetentionDefault retention;
try
{
    settings = HostSettings.From(builder.Configuration);
    retention = RetentionDefault.From(builder.Configuration);
}
catch (InvalidOperationException e)
{
    return StartupError(e.Message);
}

Directory.CreateDirectory(settings.DataDir);
var clickHouseOptions = builder.Configuration.GetSection(ClickHouseOptions.Section).Get<ClickHouseOptions>() ?? new ClickHouseOptions();
var runsEmbeddedClickHouse = settings.RunsLoader && string.IsNullOrEmpty(clickHouseOptions.ConnectionString);

// Before anything opens: a second host on the folder would otherwise fail inside chDB with a stack
// trace, or, with an external ClickHouse, share the embedded log unnoticed (see DataFolderLock).
var runsEmbeddedParts = settings.EventLog == EventLogKind.Embedded || runsEmbeddedClickHouse;
using var dataFolderLock = runsEmbeddedParts ? DataFolderLock.TryTake(settings.DataDir) : null;
if (runsEmbeddedParts && dataFolderLock is null)
{
    var lockFile = Path.Combine(settings.DataDir, DataFolderLock.FileName);
    return StartupError($"the data folder {settings.DataDir} is in use by another Tracking host (it holds {lockFile}); stop that host or set TRACKING_DATA_DIR to another folder");
}

ProjectStore projects;
StartSecrets shownSecrets;
SqlPasswords? sqlPasswords = null;
try
{
    (projects, shownSecrets) = ProjectStore.Open(settings.DataDir, settings.WriteKey, settings.ReadKey, settings.AdminKey, TimeProvider.System);
    sqlPasswords = runsEmbeddedClickHouse ? SqlPasswords.Load(settings.DataDir, settings.AnalystPassword) : null;
}
catch (InvalidOperationException e)
{
    return StartupError(e.Message);
}

var services = builder.Services;
services.AddSingleton(settings);
services.AddSingleton(projects);
services.AddSingleton(projects.Resolver);
services.AddEventLog(settings);

// The embedded ClickHouse starts first: everything else reaches it through ClickHouse.Driver like a real server.
using var bootLogging = LoggerFactory.Create(logging =>
{
    logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole();
    startupFaults.ApplyTo(logging);
});
EmbeddedClickHouse? startedClickHouse = null;
if (runsEmbeddedClickHouse)
{
    var embeddedOptions = new EmbeddedClickHouseOptions
    {
        LibraryPath = settings.ChdbLibrary,
        DataPath = Path.Combine(settings.DataDir, "clickhouse"),
        Port = settings.EmbeddedClickHousePort,
        InternalPassword = sqlPasswords!.InternalPassword,
        AnalystPassword = sqlPasswords.AnalystPassword,
        AnalystLimits = settings.AnalystLimits,
        ProjectUsers = projects.Resolver.ProjectForSqlUser,
    };
    try
    {
        startedClickHouse = await EmbeddedClickHouse.StartAsync(embeddedOptions, bootLogging, CancellationToken.None);
    }
    catch (IOException e) when (e.InnerException is AddressInUseException)
    {
        return StartupError($"{embeddedOptions.ListenAddress}:{embeddedOptions.Port} is already in use; set ClickHouse__Embedded__Port to a free port");
    }
}

await using var embeddedClickHouse = startedClickHouse;

if (settings.RunsLoader)
{
    services.AddStoreAndLoader(embeddedClickHouse?.ConnectionString ?? clickHouseOptions.ConnectionString!, clickHouseOptions);
    services.AddSingleton<IReadKeyResolver>(sp => sp.GetRequiredService<KeyResolver>());
    services.AddRetentionAndErasure(retention);
}

if (settings.RunsCollector)
{
    if (settings.RunsLoader)
    {
        // Both in one process: the collector can see how far the loader is behind (Collector:MaxBacklogSeconds).
        services.AddSingleton<LogBacklog>();
    }

    services.AddCollector();
    services.AddSingleton<IWriteKeyResolver>(sp => sp.GetRequiredService<KeyResolver>());
}

services.AddTrackingHealthChecks(settings);
builder.AddTrackingTelemetry();
services.AddOpenApi(options => options.AddDocumentTransformer<OpenApiDocumentInfo>());

await using var app = builder.Build();
app.UseErrorResponses();
app.MapHealth();
app.MapOpenApi();
if (settings.RunsCollector)
{
    app.UseCors();
    app.MapCollector();
    app.MapSnippet(settings.SdkDir, projects);
}

if (settings.RunsLoader)
{
    app.MapReports();
    app.MapReadKeyProject();
    app.MapDashboard(settings.DashboardDir);
    var admin = app.MapAdminApi();
    admin.MapErasure();
    admin.MapRetention();
}

app.Lifetime.ApplicationStarted.Register(() =>
{
    startupFaults.Started();
    Banner.Print(app, projects, shownSecrets, settings, embeddedClickHouse);
});
try
{
    await app.RunAsync();
}
catch (IOException e) when (e.InnerException is AddressInUseException)
{
    return StartupError($"{builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey)} is already in use; set ASPNETCORE_URLS to a free address");
}

return 0;

// A setting the user must change: one line naming it, exit code 2, no stack trace.
static int StartupError(string message)
{
    Console.Error.WriteLine("tracking: " + message);
    return 2;
}
