using Baton.AgentCli.Tests.Fakes;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Interactions;

/// <summary>
/// Steering a running agent end to end: the CLI sends the real Claude Code a message while a slow tool runs, or pauses
/// it and resumes the same session with one.
/// </summary>
public sealed class ClaudeInteractionSteeringTests : ClaudeInteractionTestBase
{
    [Fact]
    public async Task Intervene_WhileASlowToolRuns_NextModelRequestCarriesTheMessage()
    {
        const string Steer = "Use PostgreSQL instead";
        harness.Server.Enqueue(ScriptedTurn.Bash("echo waiting; sleep 600"), ScriptedTurn.Text("Switched to PostgreSQL."));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("sleeper", "Set up storage.");
        var sleeps = await SleepsOfAsync(id);

        var sent = await harness.Home.RunAsync("task", "intervene", id, "--message", Steer);

        Assert.True(sent.ExitCode == 0, sent.ToString());
        await Eventually.True(() => MessageDelivered(id), Deadline, "the message to reach claude");
        // The slow tool ends (as a long build would); the CLI hands the message over with the tool's result.
        foreach (var pid in sleeps)
        {
            ProcessProbe.Kill(pid);
        }

        var final = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;
        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.Equal(2, harness.Server.Turns.Count);
        Assert.DoesNotContain(Steer, harness.Server.Turns[0].Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(Steer, harness.Server.Turns[1].Body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseThenResume_ARunningAgent_ResumesTheSameSessionWithTheConversationAndTheMessage()
    {
        harness.Server.Enqueue(ScriptedTurn.Bash("echo waiting; sleep 600"), ScriptedTurn.Text("Went on and finished."));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("sleeper", "Wait a while.");
        var sleeps = await SleepsOfAsync(id);
        var sessionId = (await harness.Home.StatusAsync(id)).GetProperty("session_id").GetString();

        var paused = await harness.Home.RunAsync("task", "pause", id, "--reason", "lunch");

        Assert.True(paused.ExitCode == 0, paused.ToString());
        await Eventually.True(
            async () => (await harness.Home.StatusAsync(id)) is var s && s.GetProperty("status").GetString() == "paused"
                && s.GetProperty("attempts")[0].GetProperty("status").GetString() != "running",
            Deadline, "the task to pause");
        var atPause = await harness.Home.StatusAsync(id);
        Assert.Equal(sessionId, atPause.GetProperty("attempts")[0].GetProperty("session_id").GetString());
        await Eventually.True(() => sleeps.All(pid => !ProcessProbe.IsAlive(pid)), Deadline, "the paused agent's tool to stop");
        Assert.Single(harness.Server.Turns);

        var resumed = await harness.Home.RunAsync("task", "resume", id, "--message", "go on");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var final = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;
        Assert.True(final.GetProperty("status").GetString() == "completed", final.ToString());
        Assert.Equal("Went on and finished.", final.GetProperty("result").GetString());
        var attempts = final.GetProperty("attempts");
        Assert.Equal(2, attempts.GetArrayLength());
        Assert.Equal(sessionId, attempts[1].GetProperty("session_id").GetString());
        var body = harness.Server.Turns[^1].Body!.ToJsonString();
        Assert.Contains("Wait a while.", body, StringComparison.Ordinal);
        Assert.Contains("sleep 600", body, StringComparison.Ordinal);
        Assert.Contains("go on", body, StringComparison.Ordinal);
    }

    private bool MessageDelivered(string taskId)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={harness.Home.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM steering_messages WHERE task_id = $id AND delivered_at IS NOT NULL";
        command.Parameters.AddWithValue("$id", taskId);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task<List<int>> SleepsOfAsync(string taskId) =>
        await Eventually.Until(
            () => Task.FromResult<List<int>?>(ProcessesOf(taskId, cmdline => cmdline.StartsWith("sleep\0600", StringComparison.Ordinal)) is { Count: > 0 } found ? found : null),
            Deadline,
            "the agent's sleep to start");
}
