using System.Net;
using System.Net.Http.Headers;
using Baton.EndToEnd.Tests.Api;

namespace Baton.EndToEnd.Tests.Metrics;

/// <summary>
/// <c>GET /metrics</c> on a real daemon, parsed by the official Prometheus client's parsers, its figures checked
/// against what the store holds.
/// </summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task GetMetrics_AfterTasksRanAndQueued_FiguresMatchTheStore()
    {
        await using var api = await ApiDaemon.StartAsync(workers: 1);
        var ok = await api.CreateAsync(api.Shell("exit 0", "ok"));
        var failing = api.Shell("exit 3", "broken");
        failing["max_retries"] = 0;
        var broken = await api.CreateAsync(failing);
        await api.WaitEndedAsync(ok, TimeSpan.FromSeconds(30));
        await api.WaitEndedAsync(broken, TimeSpan.FromSeconds(30));
        foreach (var priority in (string[])["high", "low"])
        {
            var later = api.Shell("exit 0", $"later-{priority}");
            later["run_at"] = "2099-01-01T00:00:00Z";
            later["priority"] = priority;
            await api.CreateAsync(later);
        }

        using var response = await api.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        var samples = await PrometheusParser.ParseAsync(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("version=0.0.4", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var pending = (await api.GetJsonAsync("/api/v1/tasks?status=pending")).GetProperty("tasks").GetArrayLength();
        Assert.Equal(2, pending);
        Assert.Equal(pending, Sum(samples, "baton_tasks", ("status", "pending"), ("runner", "command")));
        Assert.Equal(0, Sum(samples, "baton_tasks", ("status", "running")));
        Assert.Equal(1, Value(samples, "baton_queue_depth", ("priority", "high")));
        Assert.Equal(1, Value(samples, "baton_queue_depth", ("priority", "low")));
        Assert.Equal(0, Value(samples, "baton_queue_depth", ("priority", "normal")));
        Assert.Equal(0, Value(samples, "baton_queue_depth", ("priority", "critical")));
        Assert.Equal(1, Value(samples, "baton_attempts_total", ("runner", "command"), ("status", "completed")));
        Assert.Equal(1, Value(samples, "baton_attempts_total", ("runner", "command"), ("status", "failed")));
        Assert.Equal(1, Value(samples, "baton_tasks_ended_total", ("status", "completed")));
        Assert.Equal(1, Value(samples, "baton_tasks_ended_total", ("status", "failed")));
        Assert.Equal(0, Sum(samples, "baton_retries_total"));
        Assert.Equal(1, Value(samples, "baton_attempt_duration_seconds_count", ("status", "completed")));
        Assert.Equal(2, Sum(samples, "baton_queue_wait_seconds_count"));
        Assert.Equal(1, Value(samples, "baton_workers", ("state", "active")));
        Assert.Equal(1, Sum(samples, "baton_worker_slots"));
        Assert.Equal(1, Value(samples, "baton_store_up"));
        Assert.Equal(0, Value(samples, "baton_webhook_deliveries_pending"));
        Assert.Equal(0, Value(samples, "baton_schedule_occurrences_total", ("outcome", "fired")));
        Assert.DoesNotContain(samples, s => s.Name == "baton_interactions_open");
    }

    [Fact]
    public async Task GetMetrics_AcceptsOpenMetrics_AnswersInOpenMetricsThatItsParserReads()
    {
        await using var api = await ApiDaemon.StartAsync(workers: 1);
        await api.WaitEndedAsync(await api.CreateAsync(api.Shell("exit 0", "ok")), TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/openmetrics-text; version=1.0.0"));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("text/plain; version=0.0.4; q=0.5"));

        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var samples = await PrometheusParser.ParseAsync(text, openMetrics: true);

        Assert.Equal("application/openmetrics-text", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
        Assert.Equal(1, Value(samples, "baton_attempts_total", ("status", "completed")));
        Assert.Contains(samples, s => s.Family == "baton_attempt_duration_seconds" && s.Type == "histogram");
    }

    private static double Value(IReadOnlyList<MetricSample> samples, string name, params (string, string)[] labels)
    {
        var matching = samples.Where(s => s.Name == name && s.Has(labels)).ToList();
        Assert.True(matching.Count == 1, $"expected one sample {name}{{{string.Join(",", labels)}}}, found {matching.Count}");
        return matching[0].Value;
    }

    private static double Sum(IReadOnlyList<MetricSample> samples, string name, params (string, string)[] labels) =>
        samples.Where(s => s.Name == name && s.Has(labels)).Sum(s => s.Value);
}
