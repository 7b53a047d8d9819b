using System.Globalization;
using System.Text.RegularExpressions;
using Tracking.Testing;

namespace Tracking.Kafka.Tests;

/// <summary>
/// The partitions a loader owns now, replayed from the assignment and revocation lines it logged
/// (incremental with the cooperative-sticky assignor: each line names only the partitions that moved).
/// </summary>
internal static partial class PartitionOwnership
{
    public static SortedSet<int> Of(HostProcess loader, string group)
    {
        var owned = new SortedSet<int>();
        foreach (Match change in Change().Matches(loader.Output))
        {
            if (change.Groups["group"].Value != group)
            {
                continue;
            }

            var partitions = change.Groups["partitions"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture));
            if (change.Groups["change"].Value == "assigned")
            {
                owned.UnionWith(partitions);
            }
            else
            {
                owned.ExceptWith(partitions);
            }
        }

        return owned;
    }

    [GeneratedRegex(@"Partitions (?<change>assigned|revoked) in group (?<group>\S+): (?<partitions>[\d,]*)")]
    private static partial Regex Change();
}
