using System.Collections.Concurrent;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;

namespace Baton.Bench.Scenarios;

/// <summary>
/// 18. A hundred clients on <c>GET /api/v1/events</c> of a real <c>baton serve</c> while a thousand /bin/true tasks
/// are queued over REST and run: every client must get every event of the log, in order, once.
/// </summary>
internal sealed class SseFanout(TimeProvider time) : IScenario
{
    private const int Subscribers = 100;
    private const int Tasks = 1_000;
    private const int Producers = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public string Name => "sse-fanout";

    public string Title => "18. SSE fan-out: 100 subscribers to GET /api/v1/events while 1,000 tasks run";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        var home = directory.Subdirectory("home");
        var body = RestTaskPost.Body(directory.Subdirectory("work"), "sse-bench");
        await using var rest = await RestDaemon.StartAsync(home, time, cancellationToken);
        // The streams have their own client: RestDaemon's 30 s timeout is for requests, and a stream lasts the run.
        using var streams = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Subscribers, UseProxy = false })
        {
            BaseAddress = rest.Http.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);

        // On a fresh daemon after=0 is the current position; it also replays anything logged before a stream opened.
        var subscribers = await OpenAllAsync(streams, deadline.Token);
        var posted = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        long begun, allPosted, ended;
        long idleResident, peakResident;
        try
        {
            idleResident = ProcStatus.Read(rest.Daemon.Pid).ResidentBytes;
            ProcStatus.ResetPeak(rest.Daemon.Pid);
            await using (var sampler = new MemorySampler(rest.Daemon.Pid, time))
            {
                begun = time.GetTimestamp();
                await Task.WhenAll(Enumerable.Range(0, Producers).Select(_ => ProduceAsync(rest, body, posted, deadline.Token)));
                allPosted = time.GetTimestamp();
                ended = await AllCompletedAsync(subscribers, posted.Count, deadline.Token);
                peakResident = Math.Max(sampler.LargestResidentBytes, ProcStatus.Read(rest.Daemon.Pid).PeakResidentBytes);
            }
        }
        finally
        {
            // Closing the streams first lets the daemon stop without waiting for them.
            foreach (var subscriber in subscribers)
            {
                await subscriber.DisposeAsync();
            }
        }

        var log = await EventLogIds.ReadAsync(Path.Combine(home, "baton.db"), cancellationToken);
        await rest.Daemon.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var result = FanoutAnalysis.Of(subscribers, log, posted, time);
        var seconds = time.GetElapsedTime(begun, ended).TotalSeconds;
        return new ScenarioReport(Title)
            .Add("tasks, first POST → last task.completed at all", Units.Rate(Tasks / seconds, "tasks"))
            .Add("all posted after / all completed at all after", $"{Units.Duration(time.GetElapsedTime(begun, allPosted).TotalMilliseconds)} / {Units.Duration(seconds * 1000)}")
            .Add("events in the log / delivered to all subscribers", $"{Units.Count(log.Count)} / {Units.Count(result.Delivered)}")
            .Add(new Figure(
                "same ids at every subscriber, in order, once", result.SameSequence ?? $"yes ({Subscribers} × {Units.Count(log.Count)})", "yes", result.SameSequence is null))
            .Add("fan-out spread per event, p50 / p99 (first → last)", $"{Units.Duration(result.Spread.P50)} / {Units.Duration(result.Spread.P99)}")
            .Add("fan-out spread per event, max", Units.Duration(result.Spread.Max))
            .Add("201 read → task.created at slowest, p50 / p99", $"{Units.Duration(result.CreatedAtSlowest.P50)} / {Units.Duration(result.CreatedAtSlowest.P99)}")
            .Add("task.created at all before its 201 was read", Units.Count(result.CreatedEarly))
            .Add("daemon RSS with the streams open / peak in run", $"{Units.Megabytes(idleResident)} / {Units.Megabytes(peakResident)}")
            .Note($"{Subscribers} HttpClient streams opened with after=0 on a fresh daemon before any task; {Producers} producers post {Units.Count(Tasks)} "
                + "/bin/true command tasks back to back, run at once on the daemon's default workers; done when every subscriber has read all "
                + $"{Units.Count(Tasks)} task.completed events (deadline {Deadline.TotalSeconds:0} s)")
            .Note("arrival = the bench read the event's blank line; the subscribers parse id/event/data in the bench process, on the same cores as the "
                + "daemon, and only one parses data (for task ids); the ids are checked against SELECT id FROM events after the run; "
                + "peak RSS is the larger of 10 ms VmRSS samples and VmHWM (reset before the run)");
    }

    /// <summary>Opens every stream; if one is refused, the others are closed before the error goes up.</summary>
    private async Task<SseSubscriber[]> OpenAllAsync(HttpClient streams, CancellationToken cancellationToken)
    {
        var opening = Enumerable.Range(0, Subscribers)
            .Select(i => SseSubscriber.OpenAsync(streams, "/api/v1/events?after=0", Tasks, readTaskIds: i == 0, time, cancellationToken))
            .ToArray();
        try
        {
            return await Task.WhenAll(opening);
        }
        catch
        {
            foreach (var opened in opening.Where(o => o.IsCompletedSuccessfully))
            {
                await opened.Result.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Each producer posts its share back to back (the shares add up to exactly <see cref="Tasks"/>).</summary>
    private async Task ProduceAsync(RestDaemon rest, byte[] body, ConcurrentDictionary<string, long> posted, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Tasks / Producers; i++)
        {
            var taskId = await RestTaskPost.SendAsync(rest, body, cancellationToken);
            posted[taskId] = time.GetTimestamp();
        }
    }

    /// <summary>When the last subscriber had read the last task.completed; a timeout says how far each had got.</summary>
    private static async Task<long> AllCompletedAsync(SseSubscriber[] subscribers, int posted, CancellationToken deadline)
    {
        try
        {
            var seen = await Task.WhenAll(subscribers.Select(s => s.SawAllCompletions)).WaitAsync(deadline);
            return seen.Max();
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var counts = subscribers.Select(s => s.Arrivals.Count).ToList();
            throw new TimeoutException(
                $"not every subscriber saw {Tasks} task.completed events within {Deadline.TotalSeconds:0} s: {posted} tasks posted, "
                + $"{counts.Count(c => c > 0)} subscribers with events, {counts.Min()}–{counts.Max()} events each");
        }
    }
}
