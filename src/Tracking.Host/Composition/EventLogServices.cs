using Microsoft.Extensions.Options;
using Tracking.EventLog;
using Tracking.EventLog.Embedded;
using Tracking.EventLog.Kafka;
using Tracking.Loader;

namespace Tracking.Host.Composition;

internal static class EventLogServices
{
    /// <summary>The embedded log for the single node, or Kafka: a producer for collectors, a consumer-group member for loaders.</summary>
    public static void AddEventLog(this IServiceCollection services, HostSettings settings)
    {
        if (settings.EventLog == EventLogKind.Embedded)
        {
            services.AddSingleton(sp => new EmbeddedEventLog(
                new EmbeddedEventLogOptions { Directory = Path.Combine(settings.DataDir, "log") },
                sp.GetRequiredService<ILogger<EmbeddedEventLog>>()));
            services.AddSingleton<IEventLogWriter>(sp => sp.GetRequiredService<EmbeddedEventLog>());
            services.AddSingleton(sp => sp.GetRequiredService<EmbeddedEventLog>().CreateReader(LoaderGroup(sp)));
            services.AddSingleton<IDeadLetterSink, ClickHouseDeadLetterSink>();
            return;
        }

        services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.SectionName);
        services.AddHostedService<KafkaTopicsService>();
        if (settings.RunsCollector)
        {
            services.AddSingleton<IEventLogWriter>(sp => new KafkaEventLogWriter(Kafka(sp), sp.GetRequiredService<ILogger<KafkaEventLogWriter>>()));
        }

        if (settings.RunsLoader)
        {
            services.AddSingleton<IEventLogReader>(sp => new KafkaEventLogReader(Kafka(sp), LoaderGroup(sp), sp.GetRequiredService<ILogger<KafkaEventLogReader>>()));
            services.AddSingleton(sp => new KafkaDeadLetterWriter(Kafka(sp), sp.GetRequiredService<ILogger<KafkaDeadLetterWriter>>()));
            services.AddSingleton<IDeadLetterSink, KafkaDeadLetterSink>();
        }

        // The loader's batch identity names the topic it reads.
        services.AddOptions<LoaderOptions>().PostConfigure<IOptions<KafkaOptions>>((loader, kafka) => loader.LogName = kafka.Value.Topic);
    }

    private static KafkaOptions Kafka(IServiceProvider services) => services.GetRequiredService<IOptions<KafkaOptions>>().Value;

    private static string LoaderGroup(IServiceProvider services) => services.GetRequiredService<IOptions<LoaderOptions>>().Value.ConsumerGroup;
}
