namespace Tracking.EventLog;

/// <summary>A message read from the log with its position. <see cref="Value"/> is valid until the next read.</summary>
public readonly record struct ConsumedMessage(int Partition, long Offset, long NextOffset, ReadOnlyMemory<byte> Value);
