using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Tracking.EventLog.Embedded;

namespace Tracking.EventLog.Tests;

/// <summary>Keeps what the log says, to check what it reported and to explain a failure.</summary>
internal sealed class RecordingLogger : ILogger<EmbeddedEventLog>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {formatter(state, exception)} {exception?.Message}");
        }
    }

    public override string ToString() => string.Join('\n', Lines);
}
