using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Tracking.Host.Keys;

namespace Tracking.Host;

/// <summary>What a new user needs after start: where things are and which keys to use.</summary>
internal static partial class Banner
{
    public static void Print(WebApplication app, ProjectKeys keys, HostSettings settings, Uri? embeddedClickHouse)
    {
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tracking");
        LogBanner(
            logger,
            url,
            keys.WriteKey,
            keys.ReadKey,
            embeddedClickHouse?.ToString() ?? "external (ClickHouse:ConnectionString)",
            settings.DataDir);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = """
        Tracking is running.
          Collector:   {Url}/v1/batch   (write key: {WriteKey})
          Snippet:     {Url}/sdk.js     demo site: {Url}/demo/
          Dashboard:   {Url}/dashboard#key={ReadKey}
          Reports:     {Url}/v1/reports/landing?groupBy=keyword,page   (Authorization: Bearer {ReadKey})
          ClickHouse:  {ClickHouse}
          Data:        {DataDir}
        """)]
    private static partial void LogBanner(ILogger logger, string url, string writeKey, string readKey, string clickHouse, string dataDir);
}
