using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Schedules;

/// <summary>Schedules on a real daemon: created over REST, fired by the scheduler duty, run by the engine, controlled and removed.</summary>
public sealed class SchedulesApiTests : IAsyncLifetime
{
    private ApiDaemon api = null!;

    public async Task InitializeAsync() => api = await ApiDaemon.StartAsync(workers: 2);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Schedule_EverySecond_FiresRunsAndIsControlledOverRest()
    {
        var body = new JsonObject { ["name"] = "tick", ["every"] = "1s", ["overlap"] = "allow_all", ["task"] = api.Shell("true", "tick") };
        using (var created = await api.PostAsync("/api/v1/schedules", body))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var fired = await Eventually.Until(
            async () =>
            {
                var history = (await api.GetJsonAsync("/api/v1/schedules/tick/history")).GetProperty("occurrences").EnumerateArray().ToList();
                var done = history.Where(o => o.GetProperty("outcome").GetString() == "fired" && o.TryGetProperty("task_status", out var s) && s.GetString() == "completed").ToList();
                return done.Count >= 2 ? done : null;
            },
            TimeSpan.FromSeconds(30),
            "two occurrences to fire and complete");
        var planned = fired.Select(o => o.GetProperty("planned_at").GetDateTimeOffset()).ToList();
        Assert.Equal(planned.Count, planned.Distinct().Count());

        Assert.Equal(3, (await api.GetJsonAsync("/api/v1/schedules/tick/next?count=3")).GetProperty("next").GetArrayLength());
        using (var paused = await api.PostAsync("/api/v1/schedules/tick/pause", new JsonObject { ["note"] = "maintenance" }))
        {
            var view = await ApiDaemon.ReadAsync(paused);
            Assert.True(view.GetProperty("paused").GetBoolean(), view.ToString());
            Assert.Equal("maintenance", view.GetProperty("pause_note").GetString());
        }

        Assert.Equal(0, (await api.GetJsonAsync("/api/v1/schedules/tick/next")).GetProperty("next").GetArrayLength());
        using (var triggered = await api.PostAsync("/api/v1/schedules/tick/trigger", string.Empty))
        {
            var occurrence = await ApiDaemon.ReadAsync(triggered);
            Assert.Equal(HttpStatusCode.Created, triggered.StatusCode);
            Assert.Equal("completed", (await api.WaitEndedAsync(occurrence.GetProperty("task_id").GetString()!, TimeSpan.FromSeconds(30))).GetProperty("status").GetString());
        }

        using (var removed = await api.Http.DeleteAsync("/api/v1/schedules/tick"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using var gone = await api.Http.GetAsync("/api/v1/schedules/tick");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Create_BadCronOrTakenName_IsRefusedWithTheReason()
    {
        using var bad = await api.PostAsync("/api/v1/schedules", new JsonObject { ["name"] = "bad", ["cron"] = "61 * * * *", ["task"] = api.Shell("true") });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("not a valid cron expression", (await ApiDaemon.ReadAsync(bad)).ToString(), StringComparison.Ordinal);

        using var first = await api.PostAsync("/api/v1/schedules", new JsonObject { ["name"] = "daily", ["cron"] = "@daily", ["time_zone"] = "Europe/Berlin", ["task"] = api.Shell("true") });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var again = await api.PostAsync("/api/v1/schedules", new JsonObject { ["name"] = "daily", ["cron"] = "@daily", ["task"] = api.Shell("true") });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Daemon_KilledWhileFiring_NoOccurrenceFiresTwiceAfterRestart()
    {
        var body = new JsonObject { ["name"] = "fast", ["every"] = "1s", ["overlap"] = "allow_all", ["misfire"] = "all", ["task"] = api.Shell("true", "fast") };
        using (var created = await api.PostAsync("/api/v1/schedules", body))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await Eventually.True(async () => (await api.GetJsonAsync("/api/v1/schedules/fast/history")).GetProperty("occurrences").GetArrayLength() >= 2, TimeSpan.FromSeconds(30), "firing to start");
        api.Daemon.KillHard();
        using var restarted = await api.Home.StartDaemonAsync(1);

        await Eventually.True(
            async () => (await HistoryAsync()).Count >= 6,
            TimeSpan.FromSeconds(60),
            "the restarted daemon to fire again");
        var history = await HistoryAsync();
        var planned = history.Select(o => o.GetProperty("planned_at").GetString()).ToList();
        Assert.Equal(planned.Count, planned.Distinct().Count());
        var tasks = history.Where(o => o.TryGetProperty("task_id", out _)).Select(o => o.GetProperty("task_id").GetString()).ToList();
        Assert.Equal(tasks.Count, tasks.Distinct().Count());
        restarted.Terminate();
    }

    private async Task<List<JsonElement>> HistoryAsync()
    {
        var result = await api.Home.RunAsync("schedule", "history", "fast", "--limit", "1000", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return [.. result.Json.GetProperty("occurrences").EnumerateArray()];
    }
}
