namespace Tracking.EventLog;

/// <summary>The log cannot accept messages right now (broker down, queue full); the caller should retry later.</summary>
public sealed class EventLogUnavailableException : Exception
{
    public EventLogUnavailableException(string message) : base(message) { }

    public EventLogUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    public EventLogUnavailableException() { }
}
