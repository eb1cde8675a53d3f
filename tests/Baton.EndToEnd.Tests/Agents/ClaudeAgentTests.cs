using System.Text;
using Baton.AgentCli.Tests.Fakes;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Agents;

/// <summary>Baton's daemon runs the real Claude Code CLI against a scripted model endpoint on loopback.</summary>
public sealed class ClaudeAgentTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private ClaudeAgentHarness harness = null!;

    public async Task InitializeAsync() => harness = await ClaudeAgentHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task AgentTask_WritesAFileAndRunsBash_CompletesWithResultTokensCostSessionAndTranscript()
    {
        harness.DefineAgent("writer", "tools: Write, Bash, Read\nmodel: sonnet");
        harness.Server.Enqueue(
            ScriptedTurn.Write("notes.txt", "written by the agent\n", new ScriptedUsage(1000, 40)),
            ScriptedTurn.Bash("cat notes.txt", new ScriptedUsage(1100, 30)),
            ScriptedTurn.Text("notes.txt holds one line.", new ScriptedUsage(1200, 20)));
        using var daemon = await harness.StartDaemonAsync();

        var id = await harness.AddAsync("writer", "Write notes.txt, then show it.");
        var status = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;

        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal("notes.txt holds one line.", status.GetProperty("result").GetString());
        Assert.Equal("written by the agent\n", File.ReadAllText(Path.Combine(harness.Work, "notes.txt")));
        Assert.Equal("writer", status.GetProperty("agent_name").GetString());
        var attempt = status.GetProperty("attempts")[0];
        var sessionId = status.GetProperty("session_id").GetString()!;
        Assert.Equal(sessionId, attempt.GetProperty("agent").GetProperty("session_id").GetString());
        Assert.True(File.Exists(harness.Sandbox.TranscriptPath(sessionId)), "Claude Code kept its transcript under the session id Baton chose");
        Assert.Equal(3, attempt.GetProperty("turns").GetInt32());
        Assert.True(status.GetProperty("tokens").GetProperty("input").GetInt64() >= 3300);
        Assert.True(status.GetProperty("tokens").GetProperty("output").GetInt64() >= 90);
        Assert.True(status.GetProperty("cost_usd").GetDecimal() > 0);
        Assert.Equal("sonnet", harness.Server.Turns[0].Model?.Contains("sonnet", StringComparison.Ordinal) == true ? "sonnet" : harness.Server.Turns[0].Model);
        // The Bash tool's output went back to the model.
        Assert.Contains(harness.Server.Turns[2].ToolResults, r => r.Content.Contains("written by the agent", StringComparison.Ordinal));

        var transcript = await harness.Home.RunAsync("task", "logs", id);
        Assert.Contains($"── session {sessionId}", transcript.Stdout, StringComparison.Ordinal);
        Assert.Contains("  → Write notes.txt", transcript.Stdout, StringComparison.Ordinal);
        Assert.Contains("  → Bash: cat notes.txt", transcript.Stdout, StringComparison.Ordinal);
        Assert.Contains("assistant: notes.txt holds one line.", transcript.Stdout, StringComparison.Ordinal);
        Assert.Contains("── result: success (3 turns", transcript.Stdout, StringComparison.Ordinal);
        var raw = await harness.Home.RunAsync("task", "logs", id, "--raw");
        // Run interactively (people may be asked), the CLI first answers Baton's initialize, then starts the session.
        Assert.StartsWith("{\"type\":\"control_response\"", raw.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n{\"type\":\"system\",\"subtype\":\"init\"", raw.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_WhileTheAgentsBashRunsSleep_StopsTheWholeTreeIncludingSleep()
    {
        harness.DefineAgent("sleeper", "tools: Bash");
        // Claude Code refuses a standalone "sleep 600" ("Blocked: standalone sleep"); a chained one runs.
        harness.Server.Enqueue(ScriptedTurn.Bash("echo waiting; sleep 600"), ScriptedTurn.Text("done"));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("sleeper", "Sleep.");

        // The agent reports its step while it runs, and the sleep carries the attempt's marker.
        await Eventually.True(
            async () =>
            {
                var status = await harness.Home.StatusAsync(id);
                return status.TryGetProperty("progress", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.Object
                    && p.GetProperty("current_step").GetString() == "Bash: echo waiting; sleep 600";
            },
            Deadline, "the agent to report its Bash step");
        var sleeps = await Eventually.Until(
            () => Task.FromResult<List<int>?>(ProcessesOf(id) is { Count: > 0 } found ? found : null), Deadline, "the agent's sleep to start");

        Assert.Equal(0, (await harness.Home.RunAsync("task", "cancel", id)).ExitCode);
        var status = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;

        Assert.Equal("cancelled", status.GetProperty("status").GetString());
        Assert.All(sleeps, pid => Assert.False(ProcessProbe.IsAlive(pid), $"the agent's sleep ({pid}) survived the cancel"));
    }

    [Fact]
    public async Task AgentTask_ReachingMaxTurns_FailsWithTheCliErrorAndIsNotRetried()
    {
        harness.DefineAgent("brief", "tools: Bash\nmaxTurns: 1");
        harness.Server.Enqueue(ScriptedTurn.Bash("echo one"), ScriptedTurn.Text("never reached"));
        using var daemon = await harness.StartDaemonAsync();

        var id = await harness.AddAsync("brief", "Do two things.");
        var status = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Contains("Reached maximum number of turns (1)", status.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, status.GetProperty("attempts").GetArrayLength());
        Assert.Equal("error_max_turns", status.GetProperty("attempts")[0].GetProperty("agent").GetProperty("subtype").GetString());
    }

    [Fact]
    public async Task AgentTask_ModelApiRefusesTheRequest_FailsWithTheApiErrorAndIsNotRetried()
    {
        harness.DefineAgent("plain", "tools: Read");
        harness.Server.Enqueue(ScriptedTurn.ApiError("scripted refusal", 400));
        using var daemon = await harness.StartDaemonAsync();

        var id = await harness.AddAsync("plain", "Hello?");
        var status = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Contains("API Error: 400", status.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, status.GetProperty("attempts").GetArrayLength());
        Assert.Equal(400, status.GetProperty("attempts")[0].GetProperty("agent").GetProperty("api_error_status").GetInt32());
    }

    [Fact]
    public async Task KillDaemon_DuringAnAgentRun_NextDaemonResumesTheSameSessionWithTheEarlierConversation()
    {
        harness.DefineAgent("worker", "tools: Bash");
        harness.Server.Enqueue(ScriptedTurn.Bash("echo waiting; sleep 600"), ScriptedTurn.Text("resumed and finished"));
        var first = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("worker", "Do the long thing.");
        var sleeps = await Eventually.Until(
            () => Task.FromResult<List<int>?>(ProcessesOf(id) is { Count: > 0 } found ? found : null), Deadline, "the agent's sleep to start");
        var sessionId = await Eventually.Until(
            async () => (await harness.Home.StatusAsync(id)).GetProperty("session_id").GetString(), Deadline, "the session id to be recorded");

        first.KillHard();
        using var second = await harness.StartDaemonAsync();
        var status = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;

        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal("resumed and finished", status.GetProperty("result").GetString());
        var attempts = status.GetProperty("attempts");
        Assert.Equal("interrupted", attempts[0].GetProperty("status").GetString());
        Assert.Equal(sessionId, attempts[1].GetProperty("session_id").GetString());
        // The resumed CLI sent the earlier conversation back, then Baton's instruction to continue.
        var resumedTexts = string.Join("\n", harness.Server.Turns[^1].Texts);
        Assert.Contains("Do the long thing.", resumedTexts, StringComparison.Ordinal);
        Assert.Contains("continue the task from where you left off", resumedTexts, StringComparison.Ordinal);
        Assert.All(sleeps, pid => Assert.False(ProcessProbe.IsAlive(pid), $"the first attempt's sleep ({pid}) survived the rescue"));
        var transcript = await harness.Home.RunAsync("task", "logs", id);
        Assert.Contains($"[baton] resuming claude session {sessionId}", transcript.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KillDaemon_AndTheSessionIsGone_NextDaemonStartsAFreshSessionAndSaysSo()
    {
        harness.DefineAgent("worker", "tools: Bash");
        harness.Server.Enqueue(ScriptedTurn.Bash("echo waiting; sleep 600"), ScriptedTurn.Text("started over and finished"));
        var first = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("worker", "Do the long thing.");
        await Eventually.Until(
            () => Task.FromResult<List<int>?>(ProcessesOf(id) is { Count: > 0 } found ? found : null), Deadline, "the agent's sleep to start");
        var sessionId = await Eventually.Until(
            async () => (await harness.Home.StatusAsync(id)).GetProperty("session_id").GetString(), Deadline, "the session id to be recorded");

        first.KillHard();
        // A session the CLI never saw (deleting its transcript would race with the orphaned CLI, which still writes it).
        var lost = Guid.NewGuid().ToString();
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={harness.Home.DatabasePath};Pooling=False"))
        {
            db.Open();
            using var update = db.CreateCommand();
            update.CommandText = $"UPDATE attempts SET session_id = '{lost}' WHERE session_id = '{sessionId}'";
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        using var second = await harness.StartDaemonAsync();
        var status = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;

        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal("started over and finished", status.GetProperty("result").GetString());
        var transcript = await harness.Home.RunAsync("task", "logs", id);
        // Started over within the same attempt: no failed attempt in between.
        Assert.Equal(["interrupted", "completed"], status.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("status").GetString()));
        Assert.NotEqual(lost, status.GetProperty("attempts")[1].GetProperty("session_id").GetString());
        Assert.Contains($"claude does not know session {lost}; starting a new session with the original prompt", transcript.Stdout, StringComparison.Ordinal);
        Assert.Contains("Do the long thing.", string.Join("\n", harness.Server.Turns[^1].Texts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Continue_AfterTheAgentFinished_ResumesItsSessionWithTheFollowUpAndCountsOnlyTheNewCost()
    {
        harness.DefineAgent("helper", "tools: Read");
        harness.Server.Enqueue(
            ScriptedTurn.Text("The answer is 42.", new ScriptedUsage(1000, 20)),
            ScriptedTurn.Text("Because it was asked.", new ScriptedUsage(1500, 20)));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("helper", "What is the answer?");
        var first = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;
        Assert.Equal("completed", first.GetProperty("status").GetString());

        var continued = await harness.Home.RunAsync("task", "continue", id, "--prompt", "Why?", "--no-start");
        Assert.Equal(0, continued.ExitCode);
        await Eventually.True(
            async () => (await harness.Home.StatusAsync(id)) is var s && s.GetProperty("attempts").GetArrayLength() == 2
                && s.GetProperty("status").GetString() == "completed",
            Deadline, "the follow-up to finish");
        var status = await harness.Home.StatusAsync(id);

        Assert.Equal("Because it was asked.", status.GetProperty("result").GetString());
        var attempts = status.GetProperty("attempts");
        Assert.Equal(attempts[0].GetProperty("session_id").GetString(), attempts[1].GetProperty("session_id").GetString());
        // The resumed request carries the first exchange, then the follow-up.
        var texts = string.Join("\n", harness.Server.Turns[^1].Texts);
        Assert.True(texts.IndexOf("What is the answer?", StringComparison.Ordinal) < texts.IndexOf("The answer is 42.", StringComparison.Ordinal), texts);
        Assert.True(texts.IndexOf("The answer is 42.", StringComparison.Ordinal) < texts.IndexOf("Why?", StringComparison.Ordinal), texts);
        // The CLI reports the session's running total; each attempt keeps only its own cost.
        var firstCost = attempts[0].GetProperty("agent").GetProperty("cost_usd").GetDecimal();
        var secondCost = attempts[1].GetProperty("agent").GetProperty("cost_usd").GetDecimal();
        // Scripted usage: the second turn costs about 1.5 times the first; the CLI's running total would be about 2.5 times.
        Assert.InRange(secondCost / firstCost, 1.2m, 2.0m);
        Assert.Equal(firstCost + secondCost, status.GetProperty("cost_usd").GetDecimal());
    }

    [Fact]
    public async Task AgentTask_InAGitRepository_RecordsTheFilesChangedAndTheCommitsMade()
    {
        await GitAsync("init", "-q");
        File.WriteAllText(Path.Combine(harness.Work, "README.md"), "start\n");
        await GitAsync("add", "README.md");
        await GitAsync("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "start");
        harness.DefineAgent("committer", "tools: Write, Bash");
        harness.Server.Enqueue(
            ScriptedTurn.Write("src/feature.txt", "new feature\n"),
            ScriptedTurn.Bash("git add src/feature.txt && git -c user.name=agent -c user.email=agent@example.com commit -q -m 'Add the feature'"),
            ScriptedTurn.Write("notes.md", "uncommitted notes\n"),
            ScriptedTurn.Text("Feature added and committed."));
        using var daemon = await harness.StartDaemonAsync();

        var id = await harness.AddAsync("committer", "Add the feature.");
        var status = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;

        Assert.Equal("completed", status.GetProperty("status").GetString());
        var agent = status.GetProperty("attempts")[0].GetProperty("agent");
        var files = agent.GetProperty("files_changed").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("src/feature.txt", files);
        Assert.Contains("notes.md", files);
        Assert.DoesNotContain("README.md", files);
        var commit = Assert.Single(agent.GetProperty("commits").EnumerateArray());
        Assert.EndsWith(" Add the feature", commit.GetString(), StringComparison.Ordinal);
    }

    private async Task GitAsync(params string[] args)
    {
        using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", args) { WorkingDirectory = harness.Work })!;
        await git.WaitForExitAsync();
        Assert.Equal(0, git.ExitCode);
    }

    /// <summary>Live processes whose environment carries this task's first attempt's marker.</summary>
    private static List<int> ProcessesOf(string taskId)
    {
        var marker = Encoding.UTF8.GetBytes($"BATON_ATTEMPT_ID={taskId}/1\0");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
                if (cmdline.StartsWith("sleep\0600", StringComparison.Ordinal) && File.ReadAllBytes($"/proc/{pid}/environ").AsSpan().IndexOf(marker) >= 0)
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }
}
