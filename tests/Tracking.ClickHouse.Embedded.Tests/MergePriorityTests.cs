using System.Globalization;
using ClickHouse.Driver;

namespace Tracking.ClickHouse.Embedded.Tests;

/// <summary>chDB merges inside the host's process; they must not take CPU from the collector first.</summary>
[Collection(ChdbCollection.Name)]
public sealed class MergePriorityTests(ChdbFixture fixture)
{
    private const int ChdbMergeNice = 10;

    [Fact]
    public async Task Merge_threads_run_at_a_lower_cpu_priority_than_the_rest_of_the_process()
    {
        using var client = new ClickHouseClient(fixture.Server.ConnectionString);
        var table = Names.Table("merged");
        await client.ExecuteNonQueryAsync($"CREATE TABLE {table} (a UInt64, s String) ENGINE = MergeTree ORDER BY a");
        for (var part = 0; part < 3; part++)
        {
            await client.ExecuteNonQueryAsync($"INSERT INTO {table} SELECT rand64(), toString(rand64()) FROM numbers(2000000)");
        }

        // chDB sets the nice value while a thread merges, so look while a merge of ~6M rows runs.
        var merge = client.ExecuteNonQueryAsync($"OPTIMIZE TABLE {table} FINAL");
        var seen = new HashSet<int>();
        while (!merge.IsCompleted)
        {
            seen.UnionWith(NiceValuesOfThreads("MergeMutate"));
            await Task.Delay(1);
        }

        await merge;
        Assert.True(seen.Count > 0, "no MergeMutate thread was seen while the merge ran, so their priority went unchecked");

        // ClickHouse sets a nice value only with CAP_SYS_NICE (root has it); without, merges keep the process's priority.
        if (HasCapSysNice())
        {
            Assert.Contains(ChdbMergeNice, seen);
        }
        else
        {
            Assert.DoesNotContain(ChdbMergeNice, seen);
        }

        Assert.DoesNotContain(ChdbMergeNice, NiceValuesOfThreads(".NET TP Worker"));
    }

    private static bool HasCapSysNice()
    {
        const int CapSysNice = 23;
        var effective = File.ReadLines("/proc/self/status").First(line => line.StartsWith("CapEff:", StringComparison.Ordinal));
        return ((ulong.Parse(effective["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) >> CapSysNice) & 1) == 1;
    }

    /// <summary>The nice value (field 19 of /proc/self/task/N/stat) of each thread of this process with that name.</summary>
    private static List<int> NiceValuesOfThreads(string name)
    {
        var nices = new List<int>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') != name)
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                nices.Add(int.Parse(fields[16], CultureInfo.InvariantCulture)); // field 19; fields[0] is field 3
            }
            catch (IOException)
            {
                // the thread ended while being read
            }
        }

        return nices;
    }
}
