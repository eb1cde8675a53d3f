using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Core.Application;
using Baton.Core.Runners;
using Baton.Core.Runners.Command;
using Baton.Core.Schedules;
using Baton.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Bench.Scenarios;

/// <summary>Schedule firing precision: a process's start minus its occurrence's planned time, with a worker free.</summary>
internal sealed class ScheduleFiringPrecision(TimeProvider time) : IScenario
{
    private const int Samples = 100;

    // The first occurrences run cold code (JIT); they are timed apart.
    private const int WarmUp = 3;
    private const double TargetP99 = 100;

    public string Name => "schedule-precision";

    public string Title => "Schedules: firing precision (planned time → process started, a worker free)";

    public TimeSpan ExtraTime => TimeSpan.FromSeconds(Samples + WarmUp + 30);

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        using var traces = new AttemptTraces(time);
        await using var host = await EngineHost.StartAsync(directory, workers: 2, [new CommandRunner(AttemptEnvironment.OfCurrentProcess())], time, cancellationToken);
        await using var store = new SqliteScheduleStore(new SqliteStoreOptions { DatabasePath = directory.DatabasePath });
        ScheduleTaskFactory build = _ => BenchTasks.True(directory.Path);
        var firer = new ScheduleFirer(store, host.Store, build, host.Notifier, time);
        var schedules = new ScheduleService(store, firer, build, time);
        var scheduler = new Scheduler(store, firer, time, NullLogger<Scheduler>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = Task.Run(() => scheduler.RunAsync(stop.Token), CancellationToken.None);
        await schedules.AddAsync(new ScheduleSpec { Name = "tick", Every = "1s", Overlap = "allow_all", TimeZone = "UTC", Task = new TaskRequest { Command = ["true"] } }, "bench", cancellationToken);

        var lateness = new List<(DateTimeOffset PlannedAt, double Ms)>(Samples + WarmUp);
        var seen = new HashSet<string>();
        while (lateness.Count < Samples + WarmUp)
        {
            foreach (var occurrence in (await store.HistoryAsync("tick", 1000, cancellationToken)).Where(o => o.TaskId is not null && seen.Add(o.TaskId)))
            {
                var trace = await traces.WaitAsync(occurrence.TaskId!, TimeSpan.FromSeconds(10), cancellationToken);
                lateness.Add((occurrence.PlannedAt, (trace.ProcessStarted!.Value - occurrence.PlannedAt).TotalMilliseconds));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }

        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        var ordered = lateness.OrderBy(l => l.PlannedAt).Select(l => l.Ms).ToList();
        var figures = Distribution.Of(ordered.Skip(WarmUp).Take(Samples).ToList());
        return new ScenarioReport(Title)
            .Add("samples", $"{Samples} occurrences, every second, after {WarmUp} timed apart")
            .Add("first occurrences (cold)", string.Join(" · ", ordered.Take(WarmUp).Select(Units.Duration)))
            .Add("p50 planned → process.started", Units.Duration(figures.P50))
            .Add(Figure.AtMost("p99 planned → process.started", figures.P99, TargetP99, Units.Duration))
            .Add("mean / max", $"{Units.Duration(figures.Mean)} / {Units.Duration(figures.Max)}")
            .Note("in-process engine and scheduler on SQLite, 2 workers, /bin/true; the scheduler sleeps until the next planned time (at most 1 s)");
    }
}
