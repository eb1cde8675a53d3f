using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;

namespace Baton.Bench.Scenarios;

/// <summary>
/// 22. People in the loop: from an agent's permission request to <c>input_required</c> visible over REST and over
/// SSE, and from a person's answer (<c>POST …/respond</c>) to the agent's process reading it.
/// </summary>
internal sealed class InteractionLatency(TimeProvider time) : IScenario
{
    private const int WarmUp = 5;
    private const int Samples = 60;
    private const double TargetP50 = 50;
    private static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(20);

    public string Name => "interactions";

    public string Title => "22. People in the loop (agent asks → input_required over REST and SSE; answer → agent reads it)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        var stamps = directory.Subdirectory("stamps");
        var work = directory.Subdirectory("work");
        var claude = AskingClaude.Write(directory.Path, stamps);
        var home = directory.Subdirectory("home");
        File.WriteAllText(Path.Combine(home, "baton.json"), JsonSerializer.Serialize(new Dictionary<string, object> { ["claude_path"] = claude, ["workers"] = 2 }));
        await using var rest = await RestDaemon.StartAsync(home, time, cancellationToken);
        await using var events = await InputRequiredStream.OpenAsync(rest.Http, cancellationToken);

        var toRest = new List<double>(Samples);
        var toSse = new List<double>(Samples);
        var toAgent = new List<double>(Samples);
        var body = TaskBody(work);
        for (var i = 0; i < WarmUp + Samples; i++)
        {
            var taskId = await PostTaskAsync(rest, body, cancellationToken);
            var (interactionId, restSeenAt) = await WaitForInteractionAsync(rest, taskId, cancellationToken);
            var sseSeenAt = await events.WaitForAsync(taskId, StepDeadline, cancellationToken);
            var askedAt = await ReadStampAsync(stamps, "asked", cancellationToken);

            var answeredAt = NowSeconds();
            await rest.SendAsync(() => Json(HttpMethod.Post, $"/api/v1/interactions/{interactionId}/respond", """{"decision":"approve"}"""), HttpStatusCode.OK, cancellationToken);
            var readAt = await ReadStampAsync(stamps, "answered", cancellationToken);
            await WaitForStatusAsync(rest, taskId, "completed", cancellationToken);
            foreach (var stamp in Directory.EnumerateFiles(stamps))
            {
                File.Delete(stamp);
            }

            if (i >= WarmUp)
            {
                toRest.Add((restSeenAt - askedAt) * 1000);
                toSse.Add((sseSeenAt - askedAt) * 1000);
                toAgent.Add((readAt - answeredAt) * 1000);
            }
        }

        var rests = Distribution.Of(toRest);
        var sses = Distribution.Of(toSse);
        var agents = Distribution.Of(toAgent);
        return new ScenarioReport(Title)
            .Add("samples (after warm-up)", $"{Samples} (+{WarmUp})")
            .Add(Figure.AtMost("p50 agent's request → input_required in GET /api/v1/tasks/{id}", rests.P50, TargetP50, Units.Duration))
            .Add("  p90 / p99 / max", $"{Units.Duration(rests.P90)} / {Units.Duration(rests.P99)} / {Units.Duration(rests.Max)}")
            .Add(Figure.AtMost("p50 agent's request → task.input_required on SSE", sses.P50, TargetP50, Units.Duration))
            .Add("  p90 / p99 / max", $"{Units.Duration(sses.P90)} / {Units.Duration(sses.P99)} / {Units.Duration(sses.Max)}")
            .Add(Figure.AtMost("p50 POST …/respond → the agent's process reads the answer", agents.P50, TargetP50, Units.Duration))
            .Add("  p90 / p99 / max", $"{Units.Duration(agents.P90)} / {Units.Duration(agents.P99)} / {Units.Duration(agents.Max)}")
            .Note("the baton executable (serve, SQLite, 2 workers) with claude_path = a bash fake replaying Claude Code 2.1.330's captured")
            .Note("control protocol (can_use_tool for Bash); it stamps the wall clock ($EPOCHREALTIME) just before writing the request and")
            .Note("just after reading Baton's answer; REST is polled every millisecond on a keep-alive connection; one SSE subscriber")
            .Note("filtered to task.input_required; each task runs alone, so the figures are latencies, not throughput");
    }

    private async Task<(string InteractionId, double SeenAt)> WaitForInteractionAsync(RestDaemon rest, string taskId, CancellationToken cancellationToken)
    {
        var begun = time.GetTimestamp();
        while (true)
        {
            var reply = await rest.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tasks/{taskId}"), HttpStatusCode.OK, cancellationToken);
            var seenAt = NowSeconds();
            using var task = JsonDocument.Parse(reply);
            if (task.RootElement.GetProperty("status").GetString() == "input_required"
                && task.RootElement.TryGetProperty("open_interaction", out var open) && open.ValueKind == JsonValueKind.Object)
            {
                return (open.GetProperty("interaction_id").GetString()!, seenAt);
            }

            if (time.GetElapsedTime(begun) > StepDeadline)
            {
                throw new TimeoutException($"task {taskId} did not show input_required within {StepDeadline.TotalSeconds:0} s: {reply}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1), time, cancellationToken);
        }
    }

    private async Task WaitForStatusAsync(RestDaemon rest, string taskId, string status, CancellationToken cancellationToken)
    {
        var begun = time.GetTimestamp();
        while (true)
        {
            var reply = await rest.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tasks/{taskId}"), HttpStatusCode.OK, cancellationToken);
            using var task = JsonDocument.Parse(reply);
            if (task.RootElement.GetProperty("status").GetString() == status)
            {
                return;
            }

            if (time.GetElapsedTime(begun) > StepDeadline)
            {
                throw new TimeoutException($"task {taskId} did not reach {status} within {StepDeadline.TotalSeconds:0} s: {reply}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), time, cancellationToken);
        }
    }

    /// <summary>The wall-clock seconds the fake wrote to its one <paramref name="kind"/> stamp file.</summary>
    private async Task<double> ReadStampAsync(string stamps, string kind, CancellationToken cancellationToken)
    {
        var begun = time.GetTimestamp();
        while (true)
        {
            var file = Directory.EnumerateFiles(stamps, kind + ".*").FirstOrDefault();
            if (file is not null && File.ReadAllText(file).Trim() is { Length: > 0 } text)
            {
                return double.Parse(text, CultureInfo.InvariantCulture);
            }

            if (time.GetElapsedTime(begun) > StepDeadline)
            {
                throw new TimeoutException($"the fake claude wrote no '{kind}' stamp within {StepDeadline.TotalSeconds:0} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1), time, cancellationToken);
        }
    }

    private static async Task<string> PostTaskAsync(RestDaemon rest, string body, CancellationToken cancellationToken)
    {
        var reply = await rest.SendAsync(() => Json(HttpMethod.Post, "/api/v1/tasks", body), HttpStatusCode.Created, cancellationToken);
        using var document = JsonDocument.Parse(reply);
        return document.RootElement.GetProperty("task_id").GetString()!;
    }

    private static string TaskBody(string workingDirectory) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["name"] = "asks",
        ["runner"] = "claude",
        ["agent_instructions"] = "Write hi to out.txt",
        ["working_directory"] = workingDirectory,
    });

    private static HttpRequestMessage Json(HttpMethod method, string path, string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(method, path) { Content = content };
    }

    /// <summary>The wall clock in seconds, as the fake's <c>$EPOCHREALTIME</c> gives it.</summary>
    private double NowSeconds() => (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;
}
