using System.Diagnostics;
using System.Globalization;
using Tracking.ClickHouse;
using Tracking.ClickHouse.Embedded;
using Tracking.Events;
using Tracking.Events.Schema;
using Tracking.Testing;

namespace Tracking.LoadTest.Ceilings;

/// <summary>
/// Ceiling (b): the rows the pipeline just loaded, read back as RowBinary (the very bytes of the log's
/// records), regrouped into the loader's Native blocks and bulk-inserted into a copy of the events table
/// through the same embedded ClickHouse, with the loader's own insert call and batch size, one batch after
/// another, with nothing else running. Regrouping happens before the clock starts.
/// </summary>
internal static class InsertCeiling
{
    public const int BatchRows = 50_000; // LoaderOptions.BatchSize default

    /// <returns>Rows inserted, seconds taken and the CPU seconds the process serving <paramref name="clickHouse"/> (<paramref name="pid"/>) used meanwhile.</returns>
    /// <param name="internalPassword">The password of the host's internal ClickHouse user, which may create the benchmark's table.</param>
    /// <param name="lookUpCopies">
    /// Also what the loader does around each insert to store first copies only: the lookup of the batch's
    /// ids before (<see cref="StoredMessageIds.FindCopiesAsync"/>) and recording them after.
    /// </param>
    /// <param name="idCopies">Each row exported this many times with a distinct message id (more rows than were loaded).</param>
    /// <param name="idsStored">Random ids of the rows' project in the benchmark's message_ids before the clock starts, as a week of traffic leaves there.</param>
    public static async Task<(long Rows, double Seconds, double CpuSeconds)> MeasureAsync(Uri clickHouse, string internalPassword, int pid, int maxRows, CancellationToken cancellationToken, bool lookUpCopies = false, int idCopies = 1, long idsStored = 0)
    {
        var batches = await ExportAsync(clickHouse, maxRows, idCopies, cancellationToken);
        var connection = string.Create(CultureInfo.InvariantCulture, $"Host={clickHouse.Host};Port={clickHouse.Port};Protocol=http;Database=default;Username={EmbeddedClickHouse.InternalUser};Password={internalPassword};Compression=false");
        using var store = new ClickHouseStore(connection, "bench_ceiling");
        await store.Client.ExecuteNonQueryAsync("CREATE DATABASE IF NOT EXISTS bench_ceiling", null, null, cancellationToken);
        foreach (var table in new[] { "events", "message_ids", "message_id_probes" })
        {
            await store.Client.ExecuteNonQueryAsync($"DROP TABLE IF EXISTS bench_ceiling.{table}", null, null, cancellationToken);
            await store.Client.ExecuteNonQueryAsync($"CREATE TABLE bench_ceiling.{table} AS tracking.{table}", null, null, cancellationToken);
        }

        if (idsStored > 0)
        {
            await store.Client.ExecuteNonQueryAsync($"INSERT INTO bench_ceiling.message_ids (project_id, message_id) SELECT (SELECT any(project_id) FROM tracking.events), toString(generateUUIDv4(number)) FROM numbers({idsStored})", null, null, cancellationToken);
        }

        var inserter = new EventInserter(store);
        var storedIds = new StoredMessageIds(store);
        var cpuBefore = Machine.CpuSeconds(pid);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < batches.Count; i++)
        {
            if (lookUpCopies && (await storedIds.FindCopiesAsync(batches[i], cancellationToken)).Count > 0)
            {
                throw new InvalidOperationException("the exported rows have distinct ids: the lookup must find no copy");
            }

            await inserter.InsertAsync(batches[i], $"bench-ceiling/{i}", cancellationToken);
            if (lookUpCopies)
            {
                await storedIds.RecordAsync(batches[i], cancellationToken);
            }
        }

        foreach (var batch in batches)
        {
            batch.Dispose();
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuSeconds = Machine.CpuSeconds(pid) - cpuBefore;
        var rows = await CountAsync(clickHouse, "SELECT count() FROM bench_ceiling.events", cancellationToken);
        await store.Client.ExecuteNonQueryAsync("DROP DATABASE bench_ceiling", null, null, cancellationToken);
        return (rows, seconds, cpuSeconds);
    }

    private static async Task<List<EventBlock>> ExportAsync(Uri clickHouse, int maxRows, int idCopies, CancellationToken cancellationToken)
    {
        using var http = ClickHouseHttp.CreateClient(clickHouse, TimeSpan.FromMinutes(5));
        var sql = idCopies == 1
            ? $"SELECT {string.Join(", ", EventSchema.Current.Names)} FROM tracking.events LIMIT {maxRows} FORMAT RowBinary"
            : $"SELECT {string.Join(", ", EventSchema.Current.Names.Select(n => n == "message_id" ? "concat(message_id, '/', toString(copy)) AS message_id" : n))} FROM tracking.events ARRAY JOIN range({idCopies}) AS copy LIMIT {maxRows} FORMAT RowBinary";
        using var response = await http.PostAsync(new Uri("/", UriKind.Relative), new StringContent(sql), cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"ClickHouse {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        }

        try
        {
            var batches = new List<EventBlock>();
            for (var at = 0; at < bytes.Length;)
            {
                if (batches.Count == 0 || batches[^1].Rows == BatchRows)
                {
                    batches.Add(new EventBlock());
                }

                at += batches[^1].Add(bytes.AsSpan(at));
            }

            return batches;
        }
        catch (InvalidDataException)
        {
            var dump = Path.Combine(Path.GetTempPath(), "tracking-bench-export.bin");
            await File.WriteAllBytesAsync(dump, bytes, cancellationToken);
            Console.Error.WriteLine($"The exported rows are in {dump}");
            throw;
        }
    }

    public static async Task<long> CountAsync(Uri clickHouse, string sql, CancellationToken cancellationToken)
    {
        using var http = ClickHouseHttp.CreateClient(clickHouse, TimeSpan.FromMinutes(5));
        using var response = await http.PostAsync(new Uri("/", UriKind.Relative), new StringContent(sql), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? long.Parse(text.Trim(), CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"ClickHouse {(int)response.StatusCode}: {text}");
    }
}
