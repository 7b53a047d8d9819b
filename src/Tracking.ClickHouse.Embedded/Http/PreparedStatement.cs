using Tracking.ClickHouse.Embedded.Sql;

namespace Tracking.ClickHouse.Embedded.Http;

/// <summary>The statement text to hand to chDB, and the spool file its INSERT data went to, if any.</summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly (InsertSpool Spool, string File)? _spooled;

    public PreparedStatement(PooledBuffer text, StatementShape shape, (InsertSpool Spool, string File)? spooled = null)
    {
        Text = text;
        Shape = shape;
        _spooled = spooled;
    }

    public PooledBuffer Text { get; }

    public StatementShape Shape { get; }

    public void Dispose()
    {
        Text.Dispose();
        if (_spooled is { } spooled)
        {
            spooled.Spool.Return(spooled.File);
        }
    }
}
