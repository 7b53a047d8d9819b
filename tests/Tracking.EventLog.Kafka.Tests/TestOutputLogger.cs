using Microsoft.Extensions.Logging;

namespace Tracking.EventLog.Kafka.Tests;

/// <summary>Client logs into the test output, so a failing test shows what librdkafka saw.</summary>
internal sealed class TestOutputLogger<T>(ITestOutputHelper output) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {typeof(T).Name}: {formatter(state, exception)}");
        }
        catch (InvalidOperationException)
        {
            // Output after the test finished (a late librdkafka log line) has nowhere to go.
        }
    }
}
