using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;

namespace Baton.Bench.Scenarios;

/// <summary>5. Resident memory of a real <c>baton serve</c> that has started and then idled.</summary>
internal sealed class IdleMemory(TimeProvider time) : IScenario
{
    private const long TargetBytes = 100L * 1024 * 1024;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);

    public string Name => "memory";

    public string Title => "5. Idle daemon memory (baton serve, fresh BATON_HOME)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        await using var daemon = await DaemonProcess.StartAsync(directory.Subdirectory("home"), time, cancellationToken);

        // Idling is what is measured here, so this is a plain wait rather than a condition to poll.
        await Task.Delay(Idle, time, cancellationToken);
        var status = ProcStatus.Read(daemon.Pid);
        var (exit, took) = await daemon.StopAsync(StopDeadline, cancellationToken);

        return new ScenarioReport(Title)
            .Add("start-up (spawn → answers on daemon.sock)", Units.Duration(daemon.StartupTime.TotalMilliseconds))
            .Add(Figure.AtMost($"VmRSS after {Idle.TotalSeconds:0} s idle", status.ResidentBytes, TargetBytes, v => Units.Megabytes((long)v)))
            .Add("  of which anonymous (RssAnon)", Units.Megabytes(status.AnonymousBytes))
            .Add("peak (VmHWM) / threads", $"{Units.Megabytes(status.PeakResidentBytes)} / {status.Threads}")
            .Add("SIGTERM → exit", $"{Units.Duration(took.TotalMilliseconds)} ({exit})")
            .Note($"the baton executable built with the bench, {Environment.ProcessorCount} workers (the default: one per core), no tasks queued");
    }
}
