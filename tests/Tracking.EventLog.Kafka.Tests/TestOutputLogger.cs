using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tracking.EventLog.Kafka.Tests;

/// <summary>
/// Client logs into the test output, so a failing test shows what librdkafka saw; every line (debug
/// included) also goes to <paramref name="lines"/> when given, for tests that check what the client did.
/// </summary>
internal sealed class TestOutputLogger<T>(ITestOutputHelper output, ConcurrentQueue<string>? lines = null) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var text = formatter(state, exception);
        lines?.Enqueue(text);
        if (logLevel < LogLevel.Information)
        {
            return;
        }

        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {typeof(T).Name}: {text}");
        }
        catch (InvalidOperationException)
        {
            // Output after the test finished (a late librdkafka log line) has nowhere to go.
        }
    }
}
