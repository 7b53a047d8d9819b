using Tracking.ClickHouse.Embedded.Sql;

namespace Tracking.ClickHouse.Embedded.Http;

/// <summary>The statement text to hand to chDB, and the spool file its INSERT data went to, if any.</summary>
internal sealed class PreparedStatement : IDisposable
{
    public PreparedStatement(PooledBuffer text, StatementShape shape, string? spoolFile)
    {
        Text = text;
        Shape = shape;
        SpoolFile = spoolFile;
    }

    public PooledBuffer Text { get; }

    public StatementShape Shape { get; }

    public string? SpoolFile { get; }

    public void Dispose()
    {
        Text.Dispose();
        if (SpoolFile is not null)
        {
            InsertSpool.Delete(SpoolFile);
        }
    }
}
