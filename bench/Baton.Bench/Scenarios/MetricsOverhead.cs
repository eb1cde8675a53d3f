using System.Net;
using System.Text;
using System.Text.Json;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;

namespace Baton.Bench.Scenarios;

/// <summary>
/// What metrics cost the engine: a real <c>baton serve</c> with four workers runs the same batch of /bin/true tasks
/// with metrics on (the default) and off (<c>BATON_METRICS=off</c>: no listener on the engine's attempts, no
/// /metrics), alternating rounds so both see the same machine. Prometheus scrapes every second while metrics are on.
/// Besides the rate, the daemon's own CPU time per task (from /proc, children excluded) is compared: on a machine
/// shared with other work the rate swings by more than the cost being measured, the CPU time much less.
/// </summary>
internal sealed class MetricsOverhead(TimeProvider time) : IScenario
{
    private const int Tasks = 1_000;
    private const int Rounds = 3;
    private const double TargetCost = 0.05;
    // USER_HZ, the unit of /proc's CPU times: 100 on Linux everywhere that matters.
    private const double TicksPerSecond = 100;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public string Name => "metrics-overhead";

    public string Title => "Metrics: engine throughput with metrics on versus off";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var on = new List<(double Rate, double CpuMs)>(Rounds);
        var off = new List<(double Rate, double CpuMs)>(Rounds);
        var report = new ScenarioReport(Title);
        for (var round = 1; round <= Rounds; round++)
        {
            var withMetrics = await MeasureAsync(metrics: true, cancellationToken);
            var without = await MeasureAsync(metrics: false, cancellationToken);
            on.Add(withMetrics);
            off.Add(without);
            report.Add(
                $"round {round}: on · off",
                $"{Units.Rate(withMetrics.Rate, "tasks")}, {withMetrics.CpuMs:0.00} ms CPU/task · {Units.Rate(without.Rate, "tasks")}, {without.CpuMs:0.00} ms CPU/task");
        }

        var rateCost = 1 - (Median(on.Select(r => r.Rate)) / Median(off.Select(r => r.Rate)));
        var cpuCost = (Median(on.Select(r => r.CpuMs)) / Median(off.Select(r => r.CpuMs))) - 1;
        return report
            .Add("tasks per round", Units.Count(Tasks))
            .Add("throughput cost (1 − median rate on / off)", $"{rateCost * 100:0.0} %")
            .Add(Figure.AtMost("daemon CPU per task cost (median on / off − 1)", Math.Max(0, cpuCost), TargetCost, c => $"{c * 100:0.0} %"))
            .Note("baton serve --workers 4 on SQLite; the tasks are queued over REST at once, then the clock runs until the last ended;")
            .Note("with metrics on, GET /metrics is scraped every second meanwhile, as Prometheus would. The target is on the daemon's CPU per task")
            .Note("(its own, not /bin/true's); the rate is shown as measured, and swings with whatever else the machine runs.");
    }

    /// <summary>
    /// Queues the batch; returns tasks per second from the first request to the last task's end, and the daemon's CPU
    /// milliseconds per task meanwhile.
    /// </summary>
    private async Task<(double Rate, double CpuMs)> MeasureAsync(bool metrics, CancellationToken cancellationToken)
    {
        using var directory = BenchDirectory.Create($"{Name}-{(metrics ? "on" : "off")}");
        var home = directory.Subdirectory("home");
        var work = directory.Subdirectory("work");
        var environment = new Dictionary<string, string> { ["BATON_METRICS"] = metrics ? "on" : "off" };
        await using var rest = await RestDaemon.StartAsync(home, ["serve", "--workers", "4"], environment, time, cancellationToken);
        var body = $$"""{"command":["/bin/true"],"working_directory":{{JsonSerializer.Serialize(work)}},"max_retries":0}""";
        using var scraping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var scraper = metrics ? ScrapeAsync(rest, scraping.Token) : Task.CompletedTask;
        var cpuBefore = CpuMs(rest.Daemon.Pid);
        var begun = time.GetTimestamp();
        await Parallel.ForAsync(0, Tasks, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (_, token) =>
            await rest.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = new StringContent(body, Encoding.UTF8, "application/json") }, HttpStatusCode.Created, token));
        while (await CountUnfinishedAsync(rest, cancellationToken) > 0)
        {
            if (time.GetElapsedTime(begun) > Deadline)
            {
                throw new TimeoutException($"the batch of {Tasks} tasks did not finish within {Deadline.TotalMinutes:0} minutes");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken);
        }

        var elapsed = time.GetElapsedTime(begun);
        var cpu = CpuMs(rest.Daemon.Pid) - cpuBefore;
        await scraping.CancelAsync();
        await scraper;
        await rest.Daemon.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return (Tasks / elapsed.TotalSeconds, cpu / Tasks);
    }

    /// <summary>The process's own user and system CPU time (not its children's), from /proc/PID/stat, in milliseconds.</summary>
    private static double CpuMs(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime and stime are 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) * 1000.0 / TicksPerSecond;
    }

    private async Task ScrapeAsync(RestDaemon rest, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await rest.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "/metrics"), HttpStatusCode.OK, cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The batch finished.
        }
    }

    private static async Task<int> CountUnfinishedAsync(RestDaemon rest, CancellationToken cancellationToken)
    {
        var unfinished = 0;
        foreach (var status in (string[])["pending", "running", "retrying"])
        {
            var page = await rest.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tasks?status={status}&limit=1"), HttpStatusCode.OK, cancellationToken);
            using var json = JsonDocument.Parse(page);
            unfinished += json.RootElement.GetProperty("tasks").GetArrayLength();
        }

        return unfinished;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
