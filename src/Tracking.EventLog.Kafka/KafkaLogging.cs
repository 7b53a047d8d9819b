using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Tracking.EventLog.Kafka;

/// <summary>Routes librdkafka's own log lines and error events into ILogger instead of stderr.</summary>
internal static class KafkaLogging
{
    public static void Log(ILogger logger, Confluent.Kafka.LogMessage message) =>
        KafkaLog.Librdkafka(logger, LevelOf(message.Level), message.Facility, message.Name, message.Message);

    public static void Error(ILogger logger, Error error)
    {
        if (error.IsFatal)
        {
            KafkaLog.FatalError(logger, error.Code, error.Reason);
        }
        else
        {
            // librdkafka recovers from these by itself (reconnects, retries); they matter when they persist.
            KafkaLog.ClientError(logger, error.Code, error.Reason);
        }
    }

    private static LogLevel LevelOf(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
