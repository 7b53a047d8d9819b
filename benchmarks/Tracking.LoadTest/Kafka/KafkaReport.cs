using System.Globalization;
using Tracking.LoadTest.Reporting;
using static Tracking.LoadTest.Reporting.Figures;

namespace Tracking.LoadTest.Kafka;

/// <summary>The figures of one <c>kafka</c> run: the "kafka" section of benchmarks/results/e2e.json and the printed table.</summary>
internal sealed class KafkaReport : RunReport
{
    public int Brokers { get; init; }

    public int Partitions { get; init; }

    /// <summary>Longest measured window of each producing phase (after its warm-up); a phase's own Seconds may be shorter.</summary>
    public int Seconds { get; init; }

    /// <summary>Bytes the mock stored per message in the sizing burst (compressed batches, measured by reading them back).</summary>
    public double StoredBytesPerMessage { get; set; }

    /// <summary>Messages in the topic at which each producing phase stops: <see cref="MockRetention.MessageBudget"/>.</summary>
    public long MessageBudget { get; set; }

    public int WarmupSeconds { get; init; }

    /// <summary>Phase 1: the collector alone, building a backlog in Kafka.</summary>
    public ProducePhase? Produce { get; set; }

    /// <summary>Phase 2: a loader started afterwards drains that backlog, nothing else running.</summary>
    public LoadPhase? Drain { get; set; }

    /// <summary>Phase 3: collector and loader at once; the loader from the window's start until the backlog is empty.</summary>
    public ProducePhase? ConcurrentProduce { get; set; }

    public LoadPhase? ConcurrentLoad { get; set; }

    public double QueryableP50Ms { get; private set; }

    public double QueryableP99Ms { get; private set; }

    public int QueryableSamples { get; private set; }

    public int QueryableUnseen { get; private set; }

    /// <summary>Rows in ClickHouse at the end: every message of the topic (count(), before FINAL), none deleted by the mock.</summary>
    public long RowsLoaded { get; set; }

    public double CollectorPeakRssMb { get; set; }

    public double LoaderPeakRssMb { get; set; }

    public double KafkaAndClickHousePeakRssMb { get; set; }

    public void SetQueryable(double[] queryable, int unseen)
    {
        QueryableSamples = queryable.Length;
        QueryableUnseen = unseen;
        QueryableP50Ms = Round(Percentile(queryable, 50));
        QueryableP99Ms = QueryableP99(queryable, unseen);
    }

    public void Finish()
    {
        Targets["collectorPeakRssMb<=250"] = CollectorPeakRssMb <= 250;
        Targets["queryableP99Ms<=3000"] = QueryableP99Ms <= 3000;
    }

    public void PrintTable(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"Kafka path, {Cores} cores, mock cluster {Brokers} brokers / {Partitions} partitions, {Seconds} s, {Connections} connections (load avg {LoadAverages})"));
        output.WriteLine("  metric                        value         target");
        Row(output, "stored bytes/message, budget", $"{StoredBytesPerMessage:F0} / {MessageBudget:N0}", "");
        foreach (var (name, phase) in new[] { ("collector alone", Produce), ("with the loader", ConcurrentProduce) })
        {
            if (phase is not null)
            {
                Row(output, $"acked events/s, {name}", phase.EventsPerSecond.ToString("N0", c), phase.StoppedAtBudget ? $"(over {phase.Seconds} s: at the message budget)" : "");
                Row(output, "  collector p50 / p99 / p99.9", $"{phase.P50Ms:F1} / {phase.P99Ms:F1} / {phase.P999Ms:F1} ms", "");
                Row(output, "  CPU us/ev coll/gen/kafka+ch", $"{phase.CollectorCpuUsPerEvent:F1} / {phase.GeneratorCpuUsPerEvent:F1} / {phase.KafkaAndClickHouseCpuUsPerEvent:F1}", "");
                if (phase.Errors > 0)
                {
                    output.WriteLine(string.Create(c, $"  {phase.Errors} failed requests; first: {phase.FirstError}"));
                }
            }
        }

        foreach (var (name, phase) in new[] { ("backlog drain", Drain), ("while producing", ConcurrentLoad) })
        {
            if (phase is not null)
            {
                Row(output, $"loader events/s, {name}", phase.EventsPerSecond.ToString("N0", c), "");
                Row(output, "  CPU us/ev loader/kafka+ch", $"{phase.LoaderCpuUsPerEvent:F1} / {phase.KafkaAndClickHouseCpuUsPerEvent:F1}", "");
            }
        }

        Row(output, "ack -> queryable p50 / p99", $"{QueryableP50Ms:F0} / {QueryableP99Ms:F0} ms", "p99 <= 3000 ms");
        Row(output, "peak RSS collector", $"{CollectorPeakRssMb:F0} MB", "<= 250 MB");
        Row(output, "peak RSS loader / kafka+ch", $"{LoaderPeakRssMb:F0} / {KafkaAndClickHousePeakRssMb:F0} MB", "");
        Row(output, "rows loaded (all of the topic)", RowsLoaded.ToString("N0", c), "");
        PrintTargets(output);
    }
}
