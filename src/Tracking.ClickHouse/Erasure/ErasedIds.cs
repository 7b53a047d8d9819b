using System.Collections.Frozen;
using Tracking.Events;

namespace Tracking.ClickHouse.Erasure;

/// <summary>
/// The ids of the people erased (every id of every erasure request, erasure_requests of migration 10), per
/// project, as the loader checks them: rows carrying one as userId or anonymousId are never loaded, so events
/// still in the log when a request was made, and later resends, stay out of ClickHouse. An immutable snapshot
/// swapped whole: while no one was erased the loader's cost is one null check per batch, else one hash
/// lookup per id of a row, over the bytes as they are in the block (no string per row).
/// <para>
/// The loader filters and inserts a batch inside <see cref="EnterBatchAsync"/>; <see cref="AddAsync"/> returns
/// only once no batch filtered with the set before it is still inserting, so once it returned, the rows the
/// erasure then deletes cannot come back from a batch already under way.
/// </para>
/// </summary>
public sealed class ErasedIds(ClickHouseStore store)
{
    private const byte Separator = 0;

    /// <summary>How often the loader reads the set again, for requests another host of a cluster took.</summary>
    private static readonly long RefreshEveryMs = (long)TimeSpan.FromSeconds(30).TotalMilliseconds;

    private readonly SemaphoreSlim _batches = new(1, 1);
    private readonly Lock _writer = new();
    private HashSet<byte[]> _keys = new(ByteKeyComparer.Instance);
    private volatile FrozenSet<byte[]>? _snapshot;
    private long _refreshedAtMs = -RefreshEveryMs;
    private byte[] _scratch = new byte[256];

    /// <summary>Reads every erased id of every project from ClickHouse: at the first batch, then every 30 s for requests another host of a cluster took.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var rows = new List<(string Project, string Id)>();
        using (var reader = await store.Client.ExecuteReaderAsync(
            $"SELECT DISTINCT project_id, arrayJoin(erased_ids) FROM {store.Table("erasure_requests")} FINAL",
            null,
            null,
            cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Publish(rows);
        Volatile.Write(ref _refreshedAtMs, Environment.TickCount64);
    }

    /// <summary>Adds ids of one project; returns once no batch filtered without them is still being inserted.</summary>
    public async Task AddAsync(string project, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        Publish(ids.Select(id => (project, id)));
        await _batches.WaitAsync(cancellationToken);
        _batches.Release();
    }

    /// <summary>Held by the loader from filtering a batch until its insert finished.</summary>
    public async Task<IDisposable> EnterBatchAsync(CancellationToken cancellationToken)
    {
        await _batches.WaitAsync(cancellationToken);
        try
        {
            if (Environment.TickCount64 - Volatile.Read(ref _refreshedAtMs) >= RefreshEveryMs)
            {
                await RefreshAsync(cancellationToken);
            }
        }
        catch
        {
            _batches.Release();
            throw;
        }

        return new Release(_batches);
    }

    /// <summary>Adds to <paramref name="rows"/> the rows of <paramref name="block"/> whose userId or anonymousId is erased, ascending.</summary>
    public void FindErasedRows(EventBlock block, List<int> rows)
    {
        if (_snapshot is not { } erased)
        {
            return;
        }

        var lookup = erased.GetAlternateLookup<ReadOnlySpan<byte>>();
        var projects = block.Column("project_id").Values.Span;
        var anonymous = block.Column("anonymous_id").Values.Span;
        var users = block.Column("user_id").Values.Span;
        for (var row = 0; row < block.Rows; row++)
        {
            var project = NextValue(ref projects);
            var anonymousId = NextValue(ref anonymous);
            var userId = NextValue(ref users);
            if ((anonymousId.Length > 0 && lookup.Contains(Key(project, anonymousId)))
                || (userId.Length > 0 && lookup.Contains(Key(project, userId))))
            {
                rows.Add(row);
            }
        }
    }

    private static ReadOnlySpan<byte> NextValue(ref ReadOnlySpan<byte> column)
    {
        RowBinary.TryMeasure(column, 0, out var size, out var prefix);
        var value = column[prefix..size];
        column = column[size..];
        return value;
    }

    /// <summary>project, a zero byte, id: in a buffer reused for every row (the loader is one thread).</summary>
    private ReadOnlySpan<byte> Key(ReadOnlySpan<byte> project, ReadOnlySpan<byte> id)
    {
        var length = project.Length + 1 + id.Length;
        if (_scratch.Length < length)
        {
            _scratch = new byte[length * 2];
        }

        project.CopyTo(_scratch);
        _scratch[project.Length] = Separator;
        id.CopyTo(_scratch.AsSpan(project.Length + 1));
        return _scratch.AsSpan(0, length);
    }

    private void Publish(IEnumerable<(string Project, string Id)> ids)
    {
        lock (_writer)
        {
            var keys = new HashSet<byte[]>(_keys, ByteKeyComparer.Instance);
            foreach (var (project, id) in ids)
            {
                keys.Add([.. System.Text.Encoding.UTF8.GetBytes(project), Separator, .. System.Text.Encoding.UTF8.GetBytes(id)]);
            }

            _keys = keys;
            _snapshot = keys.Count == 0 ? null : keys.ToFrozenSet(ByteKeyComparer.Instance);
        }
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
