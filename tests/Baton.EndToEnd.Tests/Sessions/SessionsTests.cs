using System.Net;
using Baton.EndToEnd.Tests.Access;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Sessions;

/// <summary>
/// <c>baton session list|show</c>, <c>/api/v1/sessions</c> and <c>/api/v1/tasks/{id}/capsules</c> against a real daemon
/// over a store seeded with agent runs and capsules; a read token may use them.
/// </summary>
public sealed class SessionsTests : IAsyncLifetime
{
    private ApiDaemon api = null!;
    private string reader = null!;
    private (string Design, string Review, string Audit) seeded;

    public async Task InitializeAsync()
    {
        var home = new BatonHome();
        seeded = await SessionSeed.SeedAsync(home.DatabasePath);
        home.RequireTokens();
        reader = await home.CreateTokenAsync("dashboard", "read");
        api = await ApiDaemon.StartOnAsync(home, workers: 1);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task GetSessions_ReadToken_LatestActivityFirstWithUsageAndLatestCapsule()
    {
        using var response = await api.Http.SendAsync(HttpMethod.Get, "/api/v1/sessions", reader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sessions = (await ApiDaemon.ReadAsync(response)).GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(["sess-e2e-a", "sess-e2e-b"], sessions.Select(s => s.GetProperty("id").GetString()));
        var a = sessions[0];
        Assert.Equal(("claude", "architect", "/srv/project", 2), (a.GetProperty("runner").GetString(), a.GetProperty("agent").GetString(),
            a.GetProperty("working_directory").GetString(), a.GetProperty("attempt_count").GetInt32()));
        Assert.Equal((2000L, 1000L, 1.0m), (a.GetProperty("input_tokens").GetInt64(), a.GetProperty("output_tokens").GetInt64(), a.GetProperty("cost_usd").GetDecimal()));
        Assert.Equal([seeded.Design, seeded.Review], a.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("task_id").GetString()));
        // Only a session whose cost Baton estimated says so.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, a.GetProperty("cost_estimated").ValueKind);
        Assert.True(sessions[1].GetProperty("cost_estimated").GetBoolean());
        var capsule = a.GetProperty("latest_capsule");
        Assert.Equal((seeded.Review, "Review the schema"), (capsule.GetProperty("task_id").GetString(), capsule.GetProperty("capsule").GetProperty("current_task").GetString()));
        Assert.Equal("one file, no server", capsule.GetProperty("capsule").GetProperty("decisions")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ForkAndHandoff_ReadToken_403AndNothingQueued()
    {
        using var fork = await api.Http.SendAsync(HttpMethod.Post, $"/api/v1/tasks/{seeded.Design}/fork", reader, "{\"prompt\":\"again\"}");
        using var handoff = await api.Http.SendAsync(HttpMethod.Post, $"/api/v1/tasks/{seeded.Design}/handoff", reader, "{\"to\":\"reviewer\"}");
        using var tasks = await api.Http.SendAsync(HttpMethod.Get, "/api/v1/tasks", reader);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (fork.StatusCode, handoff.StatusCode));
        Assert.Equal(3, (await ApiDaemon.ReadAsync(tasks)).GetProperty("tasks").GetArrayLength());
    }

    [Fact]
    public async Task GetSessions_Filters_ByAgentByTaskAndLimit()
    {
        var byAgent = await IdsAsync("/api/v1/sessions?agent=reviewer");
        var byTask = await IdsAsync($"/api/v1/sessions?task_id={seeded.Design[..6]}");
        var limited = await IdsAsync("/api/v1/sessions?limit=1");
        using var bad = await api.Http.SendAsync(HttpMethod.Get, "/api/v1/sessions?limit=0", reader);

        Assert.Equal(["sess-e2e-b"], byAgent);
        Assert.Equal(["sess-e2e-a"], byTask);
        Assert.Equal(["sess-e2e-a"], limited);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("limit", (await bad.ProblemAsync()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task GetSession_KnownAndUnknown_AttemptsOrA404ThatSaysWhatToDo()
    {
        using var known = await api.Http.SendAsync(HttpMethod.Get, "/api/v1/sessions/sess-e2e-a", reader);
        using var unknown = await api.Http.SendAsync(HttpMethod.Get, "/api/v1/sessions/sess-nowhere", reader);

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        var attempts = (await ApiDaemon.ReadAsync(known)).GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal([("design", 1), ("review", 1)], attempts.Select(a => (a.GetProperty("task_name").GetString(), a.GetProperty("number").GetInt32())));
        Assert.All(attempts, a => Assert.Equal(System.Text.Json.JsonValueKind.Null, a.GetProperty("cost_estimated").ValueKind));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("no session sess-nowhere: no attempt ran in it; 'baton session list' shows the sessions Baton ran",
            (await unknown.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GetTaskCapsules_NewestFirstAndUnknownTask404()
    {
        using var response = await api.Http.SendAsync(HttpMethod.Get, $"/api/v1/tasks/{seeded.Design}/capsules", reader);
        using var unknown = await api.Http.SendAsync(HttpMethod.Get, "/api/v1/tasks/zzzzzzzzzzzz/capsules", reader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capsules = (await ApiDaemon.ReadAsync(response)).GetProperty("capsules").EnumerateArray().ToList();
        Assert.Equal(["Write the schema", "Sketch the schema"], capsules.Select(c => c.GetProperty("capsule").GetProperty("current_task").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task SessionCommands_ListAndShow_TableTextAndJson()
    {
        var json = await api.Home.RunAsync("session", "list", "--json");
        var text = await api.Home.RunAsync("session", "list", "--agent", "architect");
        var show = await api.Home.RunAsync("session", "show", "sess-e2e-a");
        var estimated = await api.Home.RunAsync("session", "show", "sess-e2e-b");
        var missing = await api.Home.RunAsync("session", "show", "sess-nowhere");

        Assert.Equal(0, json.ExitCode);
        Assert.Equal(["sess-e2e-a", "sess-e2e-b"], json.Json.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("sess-e2e-a", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("sess-e2e-b", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("Context handed over:\nCurrent task: Review the schema\n", show.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("keep SQLite as default (because one file, no server)", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("$1.0000", show.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("(estimated)", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("$0.5000 (estimated)", estimated.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("no session sess-nowhere", missing.Stderr, StringComparison.Ordinal);
    }

    private async Task<List<string?>> IdsAsync(string path)
    {
        using var response = await api.Http.SendAsync(HttpMethod.Get, path, reader);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await ApiDaemon.ReadAsync(response)).GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetString())];
    }
}
