using Tracking.ClickHouse.Embedded.Sql;

namespace Tracking.ClickHouse.Embedded.Http;

/// <summary>The statement text to hand to chDB, and the spool file its INSERT data went to, if any.</summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly InsertSpool? _spool;

    public PreparedStatement(PooledBuffer text, StatementShape shape, InsertSpool? spool = null, string? spoolFile = null)
    {
        Text = text;
        Shape = shape;
        _spool = spool;
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
            _spool?.Return(SpoolFile);
        }
    }
}
