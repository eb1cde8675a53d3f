using System.Runtime.InteropServices;
using Baton.Bench.Reporting;
using Baton.Bench.Scenarios;

namespace Baton.Bench;

/// <summary>Runs the chosen scenarios one after another, prints each report and a summary, and says whether all targets were met.</summary>
internal static class BenchRunner
{
    /// <summary>The whole run is cut off after this, whatever the scenarios' own deadlines.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(6);

    public static async Task<int> RunAsync(IReadOnlyList<IScenario> scenarios, TextWriter output, TimeProvider time, CancellationToken cancellationToken = default)
    {
        PrintMachine(output, time);
        var begun = time.GetTimestamp();
        var reports = new List<ScenarioReport>();
        var errors = 0;
        foreach (var scenario in scenarios)
        {
            ReportPrinter.PrintHeader(output, scenario.Title);
            try
            {
                var report = await scenario.RunAsync(cancellationToken);
                ReportPrinter.Print(output, report);
                reports.Add(report);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One broken scenario should not hide the figures of the others.
                ReportPrinter.PrintFailure(output, scenario.Title, ex);
                errors++;
            }
        }

        ReportPrinter.PrintSummary(output, reports, errors, time.GetElapsedTime(begun));
        return errors == 0 && !reports.Any(r => r.Failed) ? 0 : 1;
    }

    private static void PrintMachine(TextWriter output, TimeProvider time)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        output.WriteLine($"Baton benchmarks, {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"  {Environment.ProcessorCount} cores, {cpu ?? "unknown CPU"}; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}");
    }
}
