using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Tracking.ClickHouse.Embedded;
using Tracking.Host.Keys;

namespace Tracking.Host;

/// <summary>What a new user needs after start: where things are and which keys to use.</summary>
internal static partial class Banner
{
    public static void Print(WebApplication app, ProjectKeys keys, HostSettings settings, EmbeddedClickHouse? embeddedClickHouse)
    {
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        var text = new StringBuilder();
        if (settings.RunsCollector)
        {
            text.Append($"\n  Collector:   {url}/v1/batch   (write key: {keys.WriteKey})");
            text.Append($"\n  Snippet:     {url}/sdk.js     demo site: {url}/demo/");
        }

        if (settings.RunsLoader)
        {
            text.Append($"\n  Dashboard:   {url}/dashboard#key={keys.ReadKey}");
            text.Append($"\n  Reports:     {url}/v1/reports/landing?groupBy=keyword,page   (Authorization: Bearer {keys.ReadKey})");
            text.Append($"\n  API:         {url}/openapi/v1.json");
            text.Append(embeddedClickHouse is null
                ? "\n  ClickHouse:  external (ClickHouse:ConnectionString)"
                : $"\n  ClickHouse:  {embeddedClickHouse.Endpoint}   (read-only user {EmbeddedClickHouse.AnalystUser}, password: {embeddedClickHouse.AnalystPassword})");
        }

        text.Append($"\n  Event log:   {settings.EventLog.ToString().ToLowerInvariant()}");
        text.Append($"\n  Data:        {settings.DataDir}");
        LogBanner(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tracking"), settings.Role.ToString().ToLowerInvariant(), text.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracking is running (role {Role}).{Details}")]
    private static partial void LogBanner(ILogger logger, string role, string details);
}
