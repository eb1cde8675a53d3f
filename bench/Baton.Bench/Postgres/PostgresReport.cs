using System.Globalization;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;

namespace Baton.Bench.Postgres;

/// <summary>
/// Prints the PostgreSQL scenario's table: per arm the median of the rounds with every round beside it, then the
/// ratios the targets are set on, for every Baton arm against graphile-worker and the raw ceiling.
/// </summary>
internal static class PostgresReport
{
    private const double GraphileWorkerRatioTarget = 2.0;
    private const double CeilingRatioTarget = 0.70;

    public static void Write(ScenarioReport report, IReadOnlyList<ArmResults> results)
    {
        foreach (var result in results)
        {
            var name = result.Arm.Name;
            report.Add($"{name} · producer", Rates(result.WithProducer));
            if (result.WithProducer.Any(r => r?.Detail is not null))
            {
                report.Add($"{name} · producer, seen", string.Join(" · ", result.WithProducer.Select(r => r?.Detail ?? "—")));
            }

            report.Add($"{name} · drain", Rates(result.Drain));
            if (result.Drain.Any(r => r?.Detail is not null))
            {
                report.Add($"{name} · drain, seen", string.Join(" · ", result.Drain.Select(r => r?.Detail ?? "—")));
            }

            if (result.AddToStart.Any(s => s is not null))
            {
                var p50 = Measured(result.AddToStartP50);
                var p95 = Measured(result.AddToStartP95);
                report.Add(
                    $"{name} · add→start p50 / p95",
                    $"{Units.Duration(Distribution.Median(p50))} / {Units.Duration(Distribution.Median(p95))} (p50 per round: {string.Join(" · ", p50.Select(Units.Duration))})");
            }
        }

        WriteRatios(report, results);
    }

    private static void WriteRatios(ScenarioReport report, IReadOnlyList<ArmResults> results)
    {
        var graphileWorker = results.FirstOrDefault(r => r.Arm.Kind == ArmKind.GraphileWorker);
        var ceiling = results.FirstOrDefault(r => r.Arm.Kind == ArmKind.RawCeiling);
        var oneProducer = results.FirstOrDefault(r => r.Arm.Kind == ArmKind.OneProducerCeiling);
        var batons = results.Where(r => r.Arm.Kind == ArmKind.Baton).ToList();
        if (batons.Count == 0)
        {
            report.Add("Baton ÷ graphile-worker, ÷ pgbench 3 commits", "no Baton arm in this run");
        }

        foreach (var baton in batons)
        {
            if (graphileWorker is not null)
            {
                report.Add(Figure.AtLeast(
                    $"{baton.Arm.Name} ÷ graphile-worker, producer", MedianRatio(baton.WithProducer, graphileWorker.WithProducer), GraphileWorkerRatioTarget, Ratio));
                report.Add($"{baton.Arm.Name} ÷ graphile-worker, drain", Ratio(MedianRatio(baton.Drain, graphileWorker.Drain)));
                // An arm that does not measure add→start has no such line.
                if (Measured(baton.AddToStartP50).Any())
                {
                    report.Add(Figure.AtMost(
                        $"{baton.Arm.Name} · add→start p50 vs graphile-worker",
                        Distribution.Median(Measured(baton.AddToStartP50)), Distribution.Median(Measured(graphileWorker.AddToStartP50)), Units.Duration));
                }
            }

            if (ceiling is not null)
            {
                report.Add(Figure.AtLeast($"{baton.Arm.Name} ÷ pgbench 3 commits, producer", MedianRatio(baton.WithProducer, ceiling.WithProducer), CeilingRatioTarget, Ratio));
            }
        }

        // Every queue, the ceiling with a single producer included, against the ceilings: to read Baton's ratio against.
        foreach (var other in results.Where(r => r.Arm.Kind is ArmKind.GraphileWorker or ArmKind.Peer or ArmKind.OneProducerCeiling))
        {
            if (ceiling is not null)
            {
                report.Add($"{other.Arm.Name} ÷ pgbench 3 commits, producer", Ratio(MedianRatio(other.WithProducer, ceiling.WithProducer)));
            }
        }

        if (oneProducer is not null)
        {
            foreach (var queue in results.Where(r => r.Arm.Kind is ArmKind.Baton or ArmKind.GraphileWorker or ArmKind.Peer))
            {
                report.Add($"{queue.Arm.Name} ÷ pgbench one producer, producer", Ratio(MedianRatio(queue.WithProducer, oneProducer.WithProducer)));
            }
        }
    }

    /// <summary>The median of the rounds' ratios, each round's arms measured minutes apart at most.</summary>
    private static double MedianRatio(IReadOnlyList<ArmRate?> arm, IReadOnlyList<ArmRate?> baseline) =>
        Distribution.Median(Measured(arm.Zip(baseline, (a, b) => a is null || b is null ? (double?)null : a.JobsPerSecond / b.JobsPerSecond)));

    private static string Rates(IReadOnlyList<ArmRate?> rounds)
    {
        var measured = Measured(rounds.Select(r => r?.JobsPerSecond));
        return measured.Length == 0
            ? "—"
            : $"{Units.Rate(Distribution.Median(measured), "jobs")} (rounds: {string.Join(" · ", measured.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))})";
    }

    private static double[] Measured(IEnumerable<double?> values) => [.. values.OfType<double>()];

    private static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture);
}
