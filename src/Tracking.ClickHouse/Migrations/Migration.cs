namespace Tracking.ClickHouse.Migrations;

/// <summary>One schema step; statements use {db} for the database and must be idempotent (IF NOT EXISTS).</summary>
public sealed record Migration(uint Version, string Name, IReadOnlyList<string> Statements);
