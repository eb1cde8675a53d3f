using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Core.Events;
using Baton.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Bench.Scenarios;

/// <summary>
/// 16. What the event log costs the engine: the throughput scenario's producer and engine, run alternately on a
/// database whose event triggers were dropped (no log) and on a normal one with a live subscriber reading every
/// event and a webhook subscription filling the outbox (the log as the daemon runs it). Rounds alternate so that the
/// VM's drift hits both sides alike, after one pair that is not counted (the process's JIT warm-up).
/// </summary>
internal sealed class EventLogCost(TimeProvider time) : IScenario
{
    private const int Workers = 4;
    private const int Rounds = 5;
    private const int WarmUp = 500;
    private const int TaskCount = 6_000;
    private const double MaxCost = 0.20;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    public string Name => "event-log-cost";

    public string Title => "16. Engine throughput with the event log and without it";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var without = new List<double>();
        var with = new List<double>();
        long eventsPerRun = 0, deliveriesPerRun = 0;
        // One pair first that is not counted: the process's first run pays for JIT compilation, whichever arm it is.
        await RunOnceAsync(logged: false, cancellationToken);
        await RunOnceAsync(logged: true, cancellationToken);
        for (var round = 0; round < Rounds; round++)
        {
            // Which arm goes first alternates, so that neither always runs on a machine the other just warmed or slowed.
            var first = await RunOnceAsync(logged: round % 2 == 1, cancellationToken);
            var second = await RunOnceAsync(logged: round % 2 == 0, cancellationToken);
            var (off, on) = round % 2 == 1 ? (second, first) : (first, second);
            without.Add(off.Rate);
            with.Add(on.Rate);
            (eventsPerRun, deliveriesPerRun) = (on.Events, on.Deliveries);
        }

        var baseline = Median(without);
        var measured = Median(with);

        // Each round's two runs sit side by side in time, so their ratio is immune to the VM's slower and faster
        // minutes; the median of those ratios is the figure.
        var cost = Median([.. without.Zip(with, (off, on) => 1 - (on / off))]);
        return new ScenarioReport(Title)
            .Add("without the log (appends ignored), median of runs", $"{Units.Rate(baseline, "tasks")}  ({string.Join(", ", without.Select(r => r.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))})")
            .Add("with the log, a live subscriber and a webhook, median of runs", $"{Units.Rate(measured, "tasks")}  ({string.Join(", ", with.Select(r => r.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))})")
            .Add("events / webhook deliveries queued per logged run", $"{Units.Count((int)eventsPerRun)} / {Units.Count((int)deliveriesPerRun)}")
            .Add(Figure.AtMost("cost of the log, median of the rounds' 1 − with / without", cost, MaxCost, v => $"{v * 100:0.0} %"))
            .Note($"{Rounds} rounds of {Units.Count(TaskCount)} no-op tasks (+{Units.Count(WarmUp)} warm-up) after one uncounted pair, the arms' order alternating;")
            .Note($"{Workers} workers, one producer, in-process engine;")
            .Note("the subscriber is the daemon's EventFeed, as SSE, MCP resource updates and hooks use it; the webhook subscription")
            .Note("queues an outbox row with every task's end (its delivery is scenario 17); notifications are written as always");
    }

    private async Task<(double Rate, long Events, long Deliveries)> RunOnceAsync(bool logged, CancellationToken cancellationToken)
    {
        using var directory = BenchDirectory.Create(logged ? $"{Name}-on" : $"{Name}-off");
        var storeOptions = new SqliteStoreOptions { DatabasePath = directory.DatabasePath };
        await new SqliteStoreMigrator(storeOptions).MigrateAsync(cancellationToken);
        await using (var store = new SqliteTaskStore(storeOptions))
        {
        }

        if (!logged)
        {
            await EventLogSwitch.DisableAsync(directory.DatabasePath, cancellationToken);
        }
        else
        {
            await EventLogSwitch.SubscribeWebhookAsync(directory.DatabasePath, cancellationToken);
        }

        using var counter = new AttemptCounter(time);
        await using var host = await EngineHost.StartAsync(directory, Workers, [new NoOpRunner()], time, cancellationToken);
        await using var events = new SqliteEventStore(storeOptions);
        await using var feed = new EventFeed(events, NullLogger<EventFeed>.Instance);
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var seen = 0L;
        var reading = logged ? ReadAllAsync(feed, () => seen++, stopReading.Token) : Task.CompletedTask;

        var definition = BenchTasks.NoOp(directory.Path);
        for (var i = 0; i < WarmUp; i++)
        {
            await host.Tasks.EnqueueAsync(definition, null, cancellationToken);
        }

        await counter.WhenCountReaches(WarmUp).WaitAsync(Deadline, time, cancellationToken);
        var begun = time.GetTimestamp();
        var allFinished = counter.WhenCountReaches(WarmUp + TaskCount);
        for (var i = 0; i < TaskCount; i++)
        {
            await host.Tasks.EnqueueAsync(definition, null, cancellationToken);
        }

        var elapsed = time.GetElapsedTime(begun, await allFinished.WaitAsync(Deadline, time, cancellationToken));
        await stopReading.CancelAsync();
        await reading;
        var written = logged ? await EventLogSwitch.CountAsync(directory.DatabasePath, "events", cancellationToken) : 0;
        var queued = logged ? await EventLogSwitch.CountAsync(directory.DatabasePath, "webhook_deliveries", cancellationToken) : 0;
        return (TaskCount / elapsed.TotalSeconds, written, queued);
    }

    private static async Task ReadAllAsync(EventFeed feed, Action onEvent, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in feed.SubscribeAsync(0, EventFilter.All, cancellationToken))
            {
                onEvent();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ended.
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
