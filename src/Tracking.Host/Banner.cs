using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Tracking.ClickHouse.Embedded;
using Tracking.Host.Keys;

namespace Tracking.Host;

/// <summary>What a new user needs after start: where things are and which keys to use.</summary>
internal static partial class Banner
{
    public static void Print(WebApplication app, ProjectStore projects, StartSecrets shown, HostSettings settings, EmbeddedClickHouse? embeddedClickHouse)
    {
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        var text = new StringBuilder();
        if (settings.RunsCollector)
        {
            text.Append($"\n  Collector:   {url}/v1/batch   (write key: {projects.DefaultWriteKey})");
            text.Append($"\n  Snippet:     {url}/sdk.js     demo site: {url}/demo/");
        }

        if (settings.RunsLoader)
        {
            // The data folder keeps only the read key's hash: it is shown when it was made (or is set in the environment).
            var readKey = shown.DefaultReadKey ?? "<the read key shown at first start; 'tracking projects rotate default --key read' makes a new one>";
            text.Append($"\n  Dashboard:   {url}/dashboard{(shown.DefaultReadKey is null ? string.Empty : "#key=" + readKey)}");
            text.Append($"\n  Reports:     {url}/v1/reports/landing?groupBy=keyword,page   (Authorization: Bearer {readKey})");
            text.Append($"\n  Projects:    {url}/v1/projects   (Authorization: Bearer {(shown.NewAdminKey is null ? "<admin key>" : shown.NewAdminKey + "   shown this once, keep it")})");
            text.Append($"\n  API:         {url}/openapi/v1.json");
            text.Append(embeddedClickHouse is null
                ? "\n  ClickHouse:  external (ClickHouse:ConnectionString)"
                : $"\n  ClickHouse:  {embeddedClickHouse.Endpoint}   (read-only user {EmbeddedClickHouse.AnalystUser}, password: {embeddedClickHouse.AnalystPassword}; "
                    + "each project's own rows: user = the project id, password = its read key)");
        }

        if (shown.DefaultReadKey is not null && settings.ReadKey is null)
        {
            text.Append("\n  Keys:        the read and admin keys above are shown this once: the data folder keeps only their hashes");
        }

        if (shown.MigratedKeysFile)
        {
            text.Append($"\n  Keys:        keys.json was moved into {ProjectStore.FileName}, hashed; the same keys stay valid");
        }

        text.Append($"\n  Event log:   {settings.EventLog.ToString().ToLowerInvariant()}");
        text.Append($"\n  Data:        {settings.DataDir}");
        LogBanner(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tracking"), settings.Role.ToString().ToLowerInvariant(), text.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracking is running (role {Role}).{Details}")]
    private static partial void LogBanner(ILogger logger, string role, string details);
}
