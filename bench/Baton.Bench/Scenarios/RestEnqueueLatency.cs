using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;

namespace Baton.Bench.Scenarios;

/// <summary>12. <c>POST /api/v1/tasks</c> against a real <c>baton serve</c> over loopback HTTP, at 1 and 32 clients.</summary>
internal sealed class RestEnqueueLatency(TimeProvider time) : IScenario
{
    private const double TargetP99 = 10;
    private const int WarmUp = 200;
    private const int DaemonWarmUp = 5_000;
    private const int Samples = 2_000;
    private const int Clients = 32;
    private const int PerClientWarmUp = 10;
    private const int PerClientSamples = 100;

    public string Name => "rest-enqueue";

    public string Title => "12. Enqueue latency over REST (POST /api/v1/tasks, loopback HTTP/1.1, keep-alive)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        var home = directory.Subdirectory("home");
        var work = directory.Subdirectory("work");
        await using var rest = await RestDaemon.StartAsync(home, time, cancellationToken);

        var later = Body(work, runAt: "2099-01-01T00:00:00Z");
        var now = Body(work, runAt: null);
        // The daemon's code is optimised (tiered JIT) only after a while: with 1,500 warm-up requests, whichever kind was
        // measured first was still 30-50 % slower at p50; 5,000 (a few seconds) settle it.
        for (var i = 0; i < DaemonWarmUp; i++)
        {
            await SeriallyAsync(rest, i % 2 == 0 ? later : now, 1, null, cancellationToken);
        }

        // The API alone: tasks queued for later, so that no task process competes with the daemon for the two cores.
        var alone = await MeasureAsync(rest, later, cancellationToken);
        // The usual case: each task runs at once, so the daemon also claims, spawns and finishes while it answers.
        var running = await MeasureAsync(rest, now, cancellationToken);

        await rest.Daemon.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return new ScenarioReport(Title)
            .Add("samples: 1 client / 32 clients (after warm-up)", $"{Units.Count(Samples)} (+{WarmUp}) / {Units.Count(Clients * PerClientSamples)} (+{Clients * PerClientWarmUp})")
            .Add("daemon warm-up before both kinds", $"{Units.Count(DaemonWarmUp)} requests")
            .Add("p50 POST → 201, API alone, 1 client", Units.Duration(alone.One.P50))
            .Add(Figure.AtMost("p99 POST → 201, API alone, 1 client", alone.One.P99, TargetP99, Units.Duration))
            .Add("mean / max, API alone, 1 client", $"{Units.Duration(alone.One.Mean)} / {Units.Duration(alone.One.Max)}")
            .Add("requests one after another, API alone", Units.Rate(alone.OneRate, "requests"))
            .Add($"p50 / p99, API alone, {Clients} clients", $"{Units.Duration(alone.Many.P50)} / {Units.Duration(alone.Many.P99)}")
            .Add($"max / throughput, API alone, {Clients} clients", $"{Units.Duration(alone.Many.Max)} / {Units.Rate(alone.ManyRate, "requests")}")
            .Add("p50 / p99, tasks run at once, 1 client", $"{Units.Duration(running.One.P50)} / {Units.Duration(running.One.P99)}")
            .Add($"p50 / p99, tasks run at once, {Clients} clients", $"{Units.Duration(running.Many.P50)} / {Units.Duration(running.Many.P99)}")
            .Add($"throughput, tasks run at once, {Clients} clients", Units.Rate(running.ManyRate, "requests"))
            .Note("each request queues a /bin/true command task: request written, JSON read and checked, program looked up on PATH, one committed insert, "
                + "dispatcher woken, 201 with {task_id, status, created, message} read by the client. 'API alone' queues them with run_at in 2099; "
                + "'tasks run at once' on the daemon's default workers (one per core)");
    }

    /// <summary>One client one request after another, then 32 clients at once.</summary>
    private async Task<Run> MeasureAsync(RestDaemon rest, byte[] body, CancellationToken cancellationToken)
    {
        await SeriallyAsync(rest, body, WarmUp, null, cancellationToken);
        var serial = new List<double>(Samples);
        var serialBegun = time.GetTimestamp();
        await SeriallyAsync(rest, body, Samples, serial, cancellationToken);
        var serialRate = Samples / time.GetElapsedTime(serialBegun).TotalSeconds;

        var concurrent = new List<double>(Clients * PerClientSamples);
        var begun = time.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            await SeriallyAsync(rest, body, PerClientWarmUp, null, cancellationToken);
            var mine = new List<double>(PerClientSamples);
            await SeriallyAsync(rest, body, PerClientSamples, mine, cancellationToken);
            lock (concurrent)
            {
                concurrent.AddRange(mine);
            }
        }));
        var concurrentRate = concurrent.Count / time.GetElapsedTime(begun).TotalSeconds;
        return new Run(Distribution.Of(serial), serialRate, Distribution.Of(concurrent), concurrentRate);
    }

    private async Task SeriallyAsync(RestDaemon rest, byte[] body, int count, List<double>? latencies, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            var start = time.GetTimestamp();
            await rest.SendAsync(() => Post(body), HttpStatusCode.Created, cancellationToken);
            latencies?.Add(time.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private static HttpRequestMessage Post(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = content };
    }

    private static byte[] Body(string workingDirectory, string? runAt)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("command");
            json.WriteStringValue(BenchTasks.TrueProgram);
            json.WriteEndArray();
            json.WriteString("working_directory", workingDirectory);
            json.WriteString("name", "rest-bench");
            if (runAt is not null)
            {
                json.WriteString("run_at", runAt);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>What one kind of request measured: 1 client (and its rate), 32 clients (and their rate).</summary>
    private sealed record Run(Distribution One, double OneRate, Distribution Many, double ManyRate);
}
