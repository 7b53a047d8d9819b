using System.Globalization;

namespace Tracking.ClickHouse.Embedded.Tests;

/// <summary>The engine's threads run at the configured nice value; the rest of the process does not.</summary>
[Collection(ChdbCollection.Name)]
public sealed class EnginePriorityTests(ChdbFixture chdb)
{
    [Fact]
    public async Task Engine_threads_run_below_normal_priority_and_the_callers_threads_do_not()
    {
        // A MergeTree table with two parts and a merge, so chDB has started its merge and query threads.
        var table = Names.Table("priority");
        foreach (var sql in new[]
        {
            $"CREATE TABLE {table} (n UInt64) ENGINE = MergeTree ORDER BY n",
            $"INSERT INTO {table} SELECT number FROM numbers(100000)",
            $"INSERT INTO {table} SELECT number FROM numbers(100000)",
            $"OPTIMIZE TABLE {table} FINAL",
            $"SELECT sum(n) FROM {table} SETTINGS max_threads = 2",
        })
        {
            using var response = await chdb.Http.PostAsync("/", new StringContent(sql));
            response.EnsureSuccessStatusCode();
        }

        var threads = ProcessThreads().ToList();

        // chDB names its threads by role (and renames the calling thread while it works, so the engine thread has no fixed name).
        var engine = threads.Where(t => t.Name is "MergeMutate" or "BgSchPool" or "ThreadPool").ToList();
        Assert.Contains(engine, t => t.Name == "MergeMutate");
        Assert.Contains(engine, t => t.Name == "ThreadPool");
        Assert.All(engine, t => Assert.Equal(ChdbFixture.Nice, t.Nice));
        Assert.All(threads.Where(t => t.Name.StartsWith(".NET", StringComparison.Ordinal)), t => Assert.Equal(0, t.Nice));
    }

    private static IEnumerable<(string Name, int Nice)> ProcessThreads()
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue; // the thread ended meanwhile
            }

            // "tid (name) state ppid ..."; the name may hold spaces and parentheses, so split after the last ')'.
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            yield return (stat[(open + 1)..close], int.Parse(fields[16], CultureInfo.InvariantCulture));
        }
    }
}
