using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Core.Processes;

namespace Baton.Bench.Scenarios;

/// <summary>1b. The whole <c>baton task add --no-start -- /bin/true</c> CLI process against a running daemon.</summary>
internal sealed class CliEnqueueLatency(TimeProvider time) : IScenario
{
    private const int WarmUp = 3;
    private const int Samples = 30;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    public string Name => "enqueue-cli";

    public string Title => "1b. Enqueue latency through the CLI (baton task add --no-start -- /bin/true)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        var home = directory.Subdirectory("home");
        await using var daemon = await DaemonProcess.StartAsync(home, time, cancellationToken);

        var spec = new ProcessStartSpec(
            BatonExecutable.Locate(), ["task", "add", "--no-start", "--", BenchTasks.TrueProgram], directory.Path, BatonExecutable.Environment(home));
        var latencies = new List<double>(Samples);
        for (var i = 0; i < WarmUp + Samples; i++)
        {
            var run = await ChildProcesses.RunAsync(spec, time, RunTimeout, cancellationToken);
            if (run.Exit.ExitCode != 0)
            {
                throw new InvalidOperationException($"baton task add ended with {run.Exit}: {run.Stderr.Trim()}");
            }

            if (i >= WarmUp)
            {
                latencies.Add(run.Elapsed.TotalMilliseconds);
            }
        }

        await daemon.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var latency = Distribution.Of(latencies);
        return new ScenarioReport(Title)
            .Add("runs (after warm-up)", $"{Samples} (+{WarmUp})")
            .Add("p50 spawn → exit", Units.Duration(latency.P50))
            .Add("p99 spawn → exit", Units.Duration(latency.P99))
            .Add("min / max", $"{Units.Duration(latency.Min)} / {Units.Duration(latency.Max)}")
            .Note("no target; includes .NET start-up of the baton executable, opening and checking the store, the daemon ping, the enqueue and the wake-up");
    }
}
