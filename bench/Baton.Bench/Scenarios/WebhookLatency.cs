using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;

namespace Baton.Bench.Scenarios;

/// <summary>
/// 17. From a task's commit (its POST answered 201) to the task.created webhook read by a healthy receiver on
/// loopback, with a real <c>baton serve</c> and a webhook added with the real CLI; then the same under load.
/// </summary>
internal sealed class WebhookLatency(TimeProvider time) : IScenario
{
    private const double TargetP50 = 20;
    private const int WarmUp = 30;
    private const int Samples = 300;
    private const int Producers = 4;
    private const int BusySamples = 300;
    private static readonly TimeSpan DeliveryDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BusyDeadline = TimeSpan.FromSeconds(60);

    public string Name => "webhook-latency";

    public string Title => "17. Webhook latency: task committed over REST → task.created read by a loopback receiver";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        var home = directory.Subdirectory("home");
        var body = RestTaskPost.Body(directory.Subdirectory("work"), "webhook-bench");
        await using var receiver = WebhookReceiver.Start(time);
        await using var rest = await RestDaemon.StartAsync(home, time, cancellationToken);
        await new WebhookCli(home, time).AddAsync(receiver.Url, "task.created", cancellationToken);

        await SeriallyAsync(rest, receiver, body, WarmUp, null, cancellationToken);
        var quiet = new List<double>(Samples);
        await SeriallyAsync(rest, receiver, body, Samples, quiet, cancellationToken);
        var busyBegun = time.GetTimestamp();
        var (busy, posting) = await ConcurrentlyAsync(rest, receiver, body, cancellationToken);
        var busyElapsed = time.GetElapsedTime(busyBegun);

        await rest.Daemon.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var one = Distribution.Of(Clamped(quiet));
        var many = Distribution.Of(Clamped(busy));
        return new ScenarioReport(Title)
            .Add("samples (after warm-up)", $"{Units.Count(Samples)} (+{WarmUp})")
            .Add(Figure.AtMost("p50 commit → delivery read, one task at a time", one.P50, TargetP50, Units.Duration))
            .Add("p90 / p99, one task at a time", $"{Units.Duration(one.P90)} / {Units.Duration(one.P99)}")
            .Add("max, one task at a time", Units.Duration(one.Max))
            .Add($"p50 / p99 / max, busy ({Producers} producers, {Units.Count(BusySamples)} tasks)", $"{Units.Duration(many.P50)} / {Units.Duration(many.P99)} / {Units.Duration(many.Max)}")
            .Add("busy: all posted / all delivered after", $"{Units.Duration(posting.TotalMilliseconds)} / {Units.Duration(busyElapsed.TotalMilliseconds)}")
            .Add("read before the 201 (one at a time / busy)", $"{quiet.Count(l => l < 0)} / {busy.Count(l => l < 0)}")
            .Add("deliveries received / repeated / unreadable", $"{Units.Count(receiver.Deliveries)} / {receiver.Repeats} / {receiver.Unreadable}")
            .Note("t0 = the 201 of POST /api/v1/tasks has been read (the task and its event are committed); t1 = the receiver (HttpListener in the bench "
                + "process, 204 at once) has read the delivery whose data.task_id is that task. The daemon's dispatcher wakes on its own commit signal, "
                + "waits 2 ms for more commits, claims from the outbox, renders the body and POSTs it. A delivery read before the 201 counts as 0")
            .Note($"each task runs /bin/true at once on the daemon's default workers; busy: {Producers} producers post back to back while the tasks run, "
                + "latency per task as above; the webhook, added with 'baton webhook add --events task.created', hears only task.created");
    }

    private async Task SeriallyAsync(
        RestDaemon rest, WebhookReceiver receiver, byte[] body, int count, List<double>? latencies, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            var taskId = await RestTaskPost.SendAsync(rest, body, cancellationToken);
            var committed = time.GetTimestamp();
            var read = await receiver.WhenDelivered(taskId).WaitAsync(DeliveryDeadline, time, cancellationToken);
            latencies?.Add(time.GetElapsedTime(committed, read).TotalMilliseconds);
        }
    }

    /// <summary>Producers post without waiting for deliveries; each task's latency is taken once all have been posted.</summary>
    private async Task<(List<double> Latencies, TimeSpan Posting)> ConcurrentlyAsync(
        RestDaemon rest, WebhookReceiver receiver, byte[] body, CancellationToken cancellationToken)
    {
        var begun = time.GetTimestamp();
        var posted = new List<(string TaskId, long Committed)>(BusySamples);
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(async _ =>
        {
            for (var i = 0; i < BusySamples / Producers; i++)
            {
                var taskId = await RestTaskPost.SendAsync(rest, body, cancellationToken);
                var committed = time.GetTimestamp();
                lock (posted)
                {
                    posted.Add((taskId, committed));
                }
            }
        }));

        var posting = time.GetElapsedTime(begun);
        var reads = await Task.WhenAll(posted.Select(p => receiver.WhenDelivered(p.TaskId))).WaitAsync(BusyDeadline, time, cancellationToken);
        return (posted.Select((p, i) => time.GetElapsedTime(p.Committed, reads[i]).TotalMilliseconds).ToList(), posting);
    }

    /// <summary>
    /// A delivery read before its 201 (the dispatcher can beat the response to the client) has a negative latency:
    /// it is counted as such in the report and taken as 0 in the distribution.
    /// </summary>
    private static List<double> Clamped(List<double> latencies) => latencies.Select(l => Math.Max(0, l)).ToList();
}
