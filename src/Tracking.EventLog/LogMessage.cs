namespace Tracking.EventLog;

/// <summary>A message to append: the key decides the partition (one visitor's events stay ordered).</summary>
public readonly record struct LogMessage(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value);
