using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.EndToEnd.Tests.Api;

/// <summary>
/// What the dashboard reads and does for an agent task, over real HTTP against a real daemon whose claude is a
/// stand-in replaying real Claude Code output: the transcript as entries, agents' recent runs, and continue.
/// </summary>
public sealed class AgentTaskApiTests : IAsyncLifetime
{
    private static readonly string Capture = Path.Combine(
        Baton.AgentCli.Tests.Harness.RepositoryRoot.Path, "tests", "Baton.Core.Tests", "Runners", "Claude", "Captures", "claude-2.1.330", "stream-json_tool-run.jsonl");

    private ApiDaemon api = null!;

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "baton-fake-claude-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var fake = Path.Combine(folder, "claude");
        // It reads the prompt as the CLI does when Baton runs it interactively (initialize, then the stream-json user line).
        File.WriteAllText(fake, $"#!/bin/sh\nread -r initialize\nread -r prompt\ncat '{Capture}'\nwhile read -r _; do :; done\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        api = await ApiDaemon.StartAsync(workers: 1, new Dictionary<string, string> { ["claude_path"] = fake });
        var agents = Directory.CreateDirectory(Path.Combine(api.Home.Work, ".claude", "agents")).FullName;
        File.WriteAllText(Path.Combine(agents, "reviewer.md"), "---\nname: reviewer\ndescription: Reviews code\n---\nYou review code.\n");
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Transcript_AgentTask_EntriesAreWhatTaskLogsPrintsWithTheirKinds()
    {
        var id = await RunAgentAsync();

        var transcript = await api.GetJsonAsync($"/api/v1/tasks/{id}/transcript");
        var logs = await api.Http.GetStringAsync($"/api/v1/tasks/{id}/logs");
        var entries = transcript.GetProperty("entries").EnumerateArray().ToList();
        var next = transcript.GetProperty("next_offset").GetInt64();
        var after = await api.GetJsonAsync($"/api/v1/tasks/{id}/transcript?offset={next}");

        Assert.Equal(logs, string.Concat(entries.Select(e => e.GetProperty("text").GetString() + "\n")));
        var kinds = entries.Select(e => e.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "session", "assistant", "tool_call", "tool_result", "result" }, kinds);
        Assert.StartsWith("── result:", entries.Single(e => e.GetProperty("kind").GetString() == "result").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(new FileInfo(Capture).Length, next);
        Assert.True(transcript.GetProperty("complete").GetBoolean());
        Assert.Equal(1, transcript.GetProperty("attempt").GetInt32());
        Assert.Equal("claude", transcript.GetProperty("runner").GetString());
        Assert.Empty(after.GetProperty("entries").EnumerateArray());
        Assert.Equal(next, after.GetProperty("next_offset").GetInt64());
    }

    [Fact]
    public async Task Transcript_CommandTaskAndBadQueries_OutputEntriesAndProblems()
    {
        var id = await api.CreateAsync(api.Shell("echo '<script>alert(1)</script>'; echo second"));
        await api.WaitEndedAsync(id, TimeSpan.FromSeconds(30));

        var transcript = await api.GetJsonAsync($"/api/v1/tasks/{id}/transcript");
        using var missing = await api.Http.GetAsync($"/api/v1/tasks/{id}/transcript?attempt=4");
        using var badOffset = await api.Http.GetAsync($"/api/v1/tasks/{id}/transcript?offset=-1");
        using var unknown = await api.Http.GetAsync("/api/v1/tasks/zzzzzzzzzzzz/transcript");

        Assert.Equal(
            [("output", "<script>alert(1)</script>"), ("output", "second")],
            transcript.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("text").GetString())));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("has no attempt 4", (await ApiDaemon.ReadAsync(missing)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badOffset.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task AgentStats_AfterARun_CountsItWithItsCost()
    {
        await RunAgentAsync();

        var stats = await api.GetJsonAsync("/api/v1/agents/stats?window=1d");
        using var bad = await api.Http.GetAsync("/api/v1/agents/stats?window=forever");

        var reviewer = Assert.Single(stats.GetProperty("agents").EnumerateArray());
        Assert.Equal("reviewer", reviewer.GetProperty("agent").GetString());
        Assert.Equal(1, reviewer.GetProperty("runs").GetInt32());
        Assert.Equal(1, reviewer.GetProperty("succeeded").GetInt32() + reviewer.GetProperty("failed").GetInt32());
        Assert.True(reviewer.GetProperty("cost_usd").GetDecimal() > 0, reviewer.ToString());
        Assert.True(reviewer.GetProperty("tokens").GetProperty("input").GetInt64() > 0, reviewer.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("window", (await ApiDaemon.ReadAsync(bad)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Continue_EndedAgentTask_RunsAgainInItsSession()
    {
        var id = await RunAgentAsync();

        using var response = await api.PostAsync($"/api/v1/tasks/{id}/continue", new JsonObject { ["message"] = "Now fix the failing test" });
        var continued = await ApiDaemon.ReadAsync(response);
        var ended = await api.WaitEndedAsync(id, TimeSpan.FromSeconds(30));
        await Harness.Eventually.True(
            async () => (await api.GetJsonAsync($"/api/v1/tasks/{id}")).GetProperty("attempts").GetArrayLength() == 2,
            TimeSpan.FromSeconds(30),
            "the follow-up attempt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pending", continued.GetProperty("status").GetString());
        Assert.NotEqual("pending", ended.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{}", 422, "message is required")]
    [InlineData("{\"message\": \"   \"}", 422, "message is empty")]
    [InlineData("{\"message\": 3}", 400, "message")]
    [InlineData("{\"text\": \"hi\"}", 400, "unknown property 'text'")]
    public async Task Continue_BadBody_Problem(string body, int status, string detail)
    {
        var id = await api.CreateAsync(api.Shell("true"));

        using var response = await api.PostAsync($"/api/v1/tasks/{id}/continue", body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(detail, (await ApiDaemon.ReadAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Continue_CommandOrUnknownTask_409Or404()
    {
        var id = await api.CreateAsync(api.Shell("true"));
        await api.WaitEndedAsync(id, TimeSpan.FromSeconds(30));

        using var command = await api.PostAsync($"/api/v1/tasks/{id}/continue", new JsonObject { ["message"] = "more" });
        using var unknown = await api.PostAsync("/api/v1/tasks/zzzzzzzzzzzz/continue", new JsonObject { ["message"] = "more" });

        Assert.Equal(HttpStatusCode.Conflict, command.StatusCode);
        Assert.Contains("runs a command, not an agent", (await ApiDaemon.ReadAsync(command)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<string> RunAgentAsync()
    {
        var body = new JsonObject
        {
            ["agent_name"] = "reviewer",
            ["agent_instructions"] = "Run the tests",
            ["working_directory"] = api.Home.Work,
            ["max_retries"] = 0,
        };
        var id = await api.CreateAsync(body);
        await api.WaitEndedAsync(id, TimeSpan.FromSeconds(30));
        return id;
    }
}
