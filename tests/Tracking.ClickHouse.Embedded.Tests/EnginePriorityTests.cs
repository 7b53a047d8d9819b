using System.Globalization;

namespace Tracking.ClickHouse.Embedded.Tests;

/// <summary>The engine's threads run at the configured nice value; the rest of the process does not.</summary>
[Collection(ChdbCollection.Name)]
public sealed class EnginePriorityTests(ChdbFixture chdb)
{
    [Fact]
    public async Task Engine_threads_run_below_normal_priority_and_the_callers_threads_do_not()
    {
        // A statement that goes through a query pipeline, so chDB has started its worker threads.
        using var response = await chdb.Http.PostAsync(
            "/", new StringContent("SELECT sum(number) FROM numbers(10000000) SETTINGS max_threads = 2"));
        response.EnsureSuccessStatusCode();

        var threads = ProcessThreads().ToList();
        var engine = threads.Where(t => t.Name is "chDB engine" or "MergeMutate" or "BgSchPool").ToList();
        Assert.Contains(engine, t => t.Name == "chDB engine");
        Assert.Contains(engine, t => t.Name == "MergeMutate");
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
